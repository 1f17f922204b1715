/**
 * Joins the results folders of several shards (e.g. a CI matrix) into one: one record per run
 * key, the union of the matrix, and the folders it came from.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { compareManifests, describeCommit, injectedFaults } from "../history/compare-manifests.ts";
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
  warnings.push(...missingShards(metadatas), ...differingProvenance(metadatas));
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

/** A CI shard that failed before uploading leaves a hole: say which slices are absent. */
function missingShards(metadatas: readonly RunMetadata[]): string[] {
  const slices = metadatas.map((metadata) => metadata.shard).filter(Boolean) as string[];
  const counts = new Set(slices.map((slice) => slice.split("/")[1]));
  if (slices.length === 0 || counts.size !== 1) return [];
  const count = Number([...counts][0]);
  const present = new Set(slices.map((slice) => Number(slice.split("/")[0])));
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter(
    (index) => !present.has(index),
  );
  return missing.length === 0
    ? []
    : [
        `shard${missing.length === 1 ? "" : "s"} ${missing.map((index) => `${index}/${count}`).join(", ")} missing: the merged results lack their runs`,
      ];
}

/** Shards built from different commits or case files do not make one run. */
function differingProvenance(metadatas: readonly RunMetadata[]): string[] {
  const [first, ...rest] = metadatas;
  if (!first?.manifest) return [];
  const warnings = new Set<string>();
  for (const other of rest) {
    if (!other.manifest) continue;
    if (describeCommit(first.manifest) !== describeCommit(other.manifest)) {
      warnings.add(
        `the shards ran different code (${describeCommit(first.manifest)} and ${describeCommit(other.manifest)})`,
      );
    }
    if (injectedFaults(first.manifest) !== injectedFaults(other.manifest)) {
      warnings.add(
        `the shards' offline models injected different faults (${injectedFaults(first.manifest)} and ${injectedFaults(other.manifest)})`,
      );
    }
    const { changedCases } = compareManifests(first.manifest, other.manifest);
    if (changedCases.size > 0) {
      warnings.add(`the shards ran different case files for ${[...changedCases].join(", ")}`);
    }
  }
  return [...warnings];
}
