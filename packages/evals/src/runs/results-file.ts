/**
 * results.jsonl: one line appended as each run ends, so Ctrl-C or a crash leaves every finished
 * run on disk. A torn last line (killed mid-write) is skipped on read, not fatal.
 */
import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { RunRecord } from "./run-record.ts";

export const resultsFileName = "results.jsonl";

export class ResultsFile {
  readonly path: string;
  #queue: Promise<void> = Promise.resolve();

  constructor(directory: string) {
    this.path = path.join(directory, resultsFileName);
  }

  /** Appends in call order; each append resolves once its line is on disk. */
  append(record: RunRecord): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    const write = this.#queue.then(async () => {
      await mkdir(path.dirname(this.path), { recursive: true });
      await appendFile(this.path, line, "utf8");
    });
    this.#queue = write.catch(() => undefined);
    return write;
  }
}

export interface ReadResults {
  records: RunRecord[];
  /** 1-based numbers of lines that were not valid records. */
  skippedLines: number[];
}

export async function readResults(directory: string): Promise<ReadResults> {
  const file = path.join(directory, resultsFileName);
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  const records: RunRecord[] = [];
  const skippedLines: number[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    try {
      const record = JSON.parse(line) as RunRecord;
      if (typeof record.key === "string" && typeof record.status === "string") records.push(record);
      else skippedLines.push(index + 1);
    } catch {
      skippedLines.push(index + 1);
    }
  });
  return { records, skippedLines };
}

/**
 * One record per key: a graded run beats an infrastructure error, and among equals the later
 * one wins (a resumed or re-run shard replaces its earlier attempt).
 */
export function latestRecords(records: readonly RunRecord[]): RunRecord[] {
  const byKey = new Map<string, RunRecord>();
  for (const record of records) {
    const earlier = byKey.get(record.key);
    const earlierGraded = earlier && earlier.status !== "infrastructure-error";
    if (earlierGraded && record.status === "infrastructure-error") continue;
    byKey.set(record.key, record);
  }
  return [...byKey.values()];
}

/** Keys that need no new run on resume: anything but an infrastructure error. */
export function finishedKeys(records: readonly RunRecord[]): Set<string> {
  return new Set(
    records
      .filter((record) => record.status !== "infrastructure-error")
      .map((record) => record.key),
  );
}
