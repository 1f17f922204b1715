/**
 * Joins the results folders of several shards (e.g. a CI matrix) into one: one record per run
 * key, the union of the matrix, and the folders it came from.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { latestRecords, readResults, resultsFileName } from "./results-file.ts";
import { type RunMetadata, readRunMetadata, writeRunMetadata } from "./run-metadata.ts";
import type { RunRecord } from "./run-record.ts";

export interface MergedResults {
  metadata: RunMetadata;
  records: RunRecord[];
  /** Warnings worth printing: differing run ids, torn lines. */
  warnings: string[];
}

export async function mergeResultDirectories(
  directories: readonly string[],
  outDirectory: string,
): Promise<MergedResults> {
  if (directories.length === 0) {
    throw new Error(
      "pnpm eval merge needs at least one results folder, e.g. pnpm eval merge shard-1 shard-2 --out merged",
    );
  }
  const warnings: string[] = [];
  const metadatas: RunMetadata[] = [];
  const all: RunRecord[] = [];
  for (const directory of directories) {
    metadatas.push(await readRunMetadata(directory));
    const { records, skippedLines } = await readResults(directory);
    if (skippedLines.length > 0) {
      warnings.push(
        `${path.join(directory, resultsFileName)}: skipped unreadable lines ${skippedLines.join(", ")}`,
      );
    }
    all.push(...records);
  }
  const first = metadatas[0] as RunMetadata;
  const runIds = new Set(metadatas.map((metadata) => metadata.runId));
  if (runIds.size > 1) {
    warnings.push(
      `the folders come from different runs (${[...runIds].join(", ")}); merging anyway`,
    );
  }
  const union = <Value>(pick: (metadata: RunMetadata) => readonly Value[]): Value[] => [
    ...new Set(metadatas.flatMap((metadata) => [...pick(metadata)])),
  ];
  const metadata: RunMetadata = {
    ...first,
    startedAt: metadatas.map((entry) => entry.startedAt).sort()[0] ?? first.startedAt,
    frameworks: union((entry) => entry.frameworks),
    models: union((entry) => entry.models),
    exposures: union((entry) => entry.exposures),
    repeat: Math.max(...metadatas.map((entry) => entry.repeat)),
    shard: undefined,
    mergedFrom: directories.map((directory) => path.resolve(directory)),
  };
  const records = latestRecords(all);
  await mkdir(outDirectory, { recursive: true });
  await writeFile(
    path.join(outDirectory, resultsFileName),
    records.map((record) => `${JSON.stringify(record)}\n`).join(""),
  );
  await writeRunMetadata(outDirectory, metadata);
  return { metadata, records, warnings };
}
