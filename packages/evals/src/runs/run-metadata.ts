/** run.json: what a run was asked to do, so `--resume` repeats the same matrix and clock. */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { RunManifest } from "../history/run-manifest.ts";
import type { Exposure } from "./run-record.ts";

export interface RunMetadata {
  runId: string;
  startedAt: string;
  /** The scenario clock every account of this run shares. */
  now: string;
  cases: string;
  frameworks: string[];
  models: string[];
  exposures: Exposure[];
  repeat: number;
  shard?: string | undefined;
  /**
   * What changes the measurements (`--latency-ms`, `--timeout`, `--concurrency`), so `--resume`
   * measures the remaining runs the same way; absent in folders written before they were kept.
   */
  latencyMs?: number | undefined;
  timeoutSeconds?: number | undefined;
  concurrency?: number | undefined;
  /** Set on merged results: the shard directories joined. */
  mergedFrom?: string[] | undefined;
  /** Provenance: commit, versions, models, case hashes (absent in runs from before it existed). */
  manifest?: RunManifest | undefined;
}

export const metadataFileName = "run.json";

export async function writeRunMetadata(directory: string, metadata: RunMetadata): Promise<void> {
  await writeFile(path.join(directory, metadataFileName), `${JSON.stringify(metadata, null, 2)}\n`);
}

export async function readRunMetadata(directory: string): Promise<RunMetadata> {
  const file = path.join(directory, metadataFileName);
  const text = await readFile(file, "utf8").catch(() => {
    throw new Error(
      `${file} is missing, so ${directory} is not an eval results folder. Pass --resume (or merge) a folder written by pnpm eval.`,
    );
  });
  return JSON.parse(text) as RunMetadata;
}
