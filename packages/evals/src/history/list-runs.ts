/**
 * `pnpm eval history`: the results folders under eval-results/, newest first, each with its
 * headline figures and provenance; and the run before a given one, which report.html links to.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { latestRecords, readResults } from "../runs/results-file.ts";
import { metadataFileName, type RunMetadata, readRunMetadata } from "../runs/run-metadata.ts";
import { describeCommit } from "./compare-manifests.ts";

export interface RunEntry {
  directory: string;
  runId: string;
  startedAt: string;
  /** `run`, `shard 2/4`, or `merged (4 folders)`. */
  kind: string;
  runs: number;
  graded: number;
  passed: number;
  /** Pass rate per framework, in the order the run listed them. */
  frameworks: Array<{ name: string; passed: number; graded: number }>;
  models: string[];
  exposures: string[];
  cases: number;
  commit: string;
  node?: string | undefined;
}

export async function listRuns(directory: string): Promise<RunEntry[]> {
  const entries: RunEntry[] = [];
  for (const folder of await runFolders(directory)) {
    const metadata = await readRunMetadata(folder).catch(() => undefined);
    if (metadata) entries.push(await describeRun(folder, metadata));
  }
  return entries.sort((left, right) => right.startedAt.localeCompare(left.startedAt));
}

async function runFolders(directory: string): Promise<string[]> {
  const children = await readdir(directory, { withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      throw error;
    },
  );
  return children
    .filter((child) => child.isDirectory())
    .map((child) => path.join(directory, child.name))
    .filter((folder) => existsSync(path.join(folder, metadataFileName)));
}

async function describeRun(directory: string, metadata: RunMetadata): Promise<RunEntry> {
  const records = latestRecords((await readResults(directory)).records);
  const graded = records.filter((record) => record.status !== "infrastructure-error");
  const frameworks = [
    ...new Set([...metadata.frameworks, ...records.map((record) => record.framework)]),
  ]
    .map((name) => {
      const own = graded.filter((record) => record.framework === name);
      return { name, graded: own.length, passed: own.filter((record) => record.passed).length };
    })
    .filter((framework) => framework.graded > 0);
  return {
    directory,
    runId: metadata.runId,
    startedAt: metadata.startedAt,
    kind: metadata.mergedFrom
      ? `merged (${metadata.mergedFrom.length} folders)`
      : metadata.shard
        ? `shard ${metadata.shard}`
        : "run",
    runs: records.length,
    graded: graded.length,
    passed: graded.filter((record) => record.passed).length,
    frameworks,
    models: metadata.models,
    exposures: metadata.exposures,
    cases: metadata.manifest
      ? Object.keys(metadata.manifest.cases).length
      : new Set(records.map((record) => record.caseId)).size,
    commit: describeCommit(metadata.manifest),
    node: metadata.manifest?.node,
  };
}

/**
 * The complete run (not a shard, not another folder of the same run id) that started last
 * before this one, among the folders beside it that have a report.html.
 */
export async function findPreviousRun(
  directory: string,
  metadata: Pick<RunMetadata, "runId" | "startedAt">,
): Promise<{ runId: string; directory: string } | undefined> {
  const resolved = path.resolve(directory);
  let previous: RunMetadata | undefined;
  let previousDirectory: string | undefined;
  for (const folder of await runFolders(path.dirname(resolved))) {
    if (path.resolve(folder) === resolved) continue;
    if (!existsSync(path.join(folder, "report.html"))) continue;
    const candidate = await readFile(path.join(folder, metadataFileName), "utf8")
      .then((text) => JSON.parse(text) as RunMetadata)
      .catch(() => undefined);
    if (!candidate || candidate.shard || candidate.runId === metadata.runId) continue;
    if (!(candidate.startedAt < metadata.startedAt)) continue;
    if (!previous || candidate.startedAt > previous.startedAt) {
      previous = candidate;
      previousDirectory = folder;
    }
  }
  return previous && previousDirectory
    ? { runId: previous.runId, directory: previousDirectory }
    : undefined;
}
