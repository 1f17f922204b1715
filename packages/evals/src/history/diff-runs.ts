/**
 * `pnpm eval diff A B`: per framework × model × exposure × case, what B fixed, regressed, still
 * fails, added or dropped relative to A; per variant, pass-rate, latency, token and cost deltas
 * with 95% intervals, over the cases both runs graded with the same case file.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { median } from "simple-statistics";
import { UsageError } from "../cli-options.ts";
import { type Interval, mcnemarExactPValue, wilsonInterval } from "../metrics/statistics.ts";
import { variantKey } from "../metrics/summarize-runs.ts";
import { failureReasons } from "../reports/markdown-report.ts";
import { latestRecords, readResults } from "../runs/results-file.ts";
import { metadataFileName, type RunMetadata, readRunMetadata } from "../runs/run-metadata.ts";
import type { RunRecord } from "../runs/run-record.ts";
import { compareManifests, describeCommit } from "./compare-manifests.ts";
import { bootstrapDifference, newcombeInterval } from "./delta-statistics.ts";

export const caseChanges = [
  "regressed",
  "fixed",
  "case-changed",
  "new",
  "gone",
  "still-failing",
  "no-verdict",
  "unchanged",
] as const;

/**
 * `regressed` / `fixed`: the pass rate of the case went down / up. `still-failing`: same rate,
 * below 100%. `case-changed`: the case file's hash differs, so the runs are not comparable.
 * `no-verdict`: one side has only infrastructure errors.
 */
export type CaseChange = (typeof caseChanges)[number];

export interface CellOutcome {
  runs: number;
  graded: number;
  passed: number;
}

export interface CaseDiff {
  framework: string;
  model: string;
  exposure: string;
  caseId: string;
  change: CaseChange;
  baseline?: CellOutcome | undefined;
  candidate?: CellOutcome | undefined;
  /** Why the candidate failed (its first failing run's first reason). */
  reason?: string | undefined;
}

export interface MetricDelta {
  baseline?: number | undefined;
  candidate?: number | undefined;
  delta?: number | undefined;
  interval?: Interval | undefined;
}

export interface VariantDiff {
  framework: string;
  model: string;
  exposure: string;
  /** Cases both runs graded with the same case file: the deltas are over these. */
  comparableCases: number;
  passRate: MetricDelta & {
    baselineCounts: { passed: number; graded: number };
    candidateCounts: { passed: number; graded: number };
    baselineInterval?: Interval | undefined;
    candidateInterval?: Interval | undefined;
  };
  /** Runs paired by case and repeat: how many flipped each way, and McNemar's exact p. */
  pairs: { fixed: number; regressed: number; pValue?: number | undefined };
  latencyP50Ms: MetricDelta;
  tokensPerRun: MetricDelta;
  costPerRunUsd: MetricDelta;
}

export interface RunSide {
  directory: string;
  runId: string;
  startedAt: string;
  commit: string;
  offlineModelUsed: boolean;
}

export interface RunDiff {
  baseline: RunSide;
  candidate: RunSide;
  warnings: string[];
  variants: VariantDiff[];
  cases: CaseDiff[];
  counts: Record<CaseChange, number>;
}

export interface LoadedRun {
  directory: string;
  metadata: RunMetadata;
  records: RunRecord[];
  skippedLines: number[];
}

export async function loadRun(directory: string): Promise<LoadedRun> {
  if (!existsSync(path.join(directory, metadataFileName))) {
    throw new UsageError(
      `${directory} has no ${metadataFileName}, so it is not an eval results folder. Pass folders written by pnpm eval, e.g. pnpm eval diff eval-results/<older-run-id> eval-results/<newer-run-id>.`,
    );
  }
  const metadata = await readRunMetadata(directory);
  const { records, skippedLines } = await readResults(directory);
  return { directory, metadata, records: latestRecords(records), skippedLines };
}

export function diffRuns(baseline: LoadedRun, candidate: LoadedRun): RunDiff {
  const manifests = compareManifests(baseline.metadata.manifest, candidate.metadata.manifest);
  const warnings = [...manifests.warnings];
  for (const run of [baseline, candidate]) {
    if (run.skippedLines.length > 0) {
      warnings.push(
        `${path.join(run.directory, "results.jsonl")}: skipped unreadable lines ${run.skippedLines.join(", ")}.`,
      );
    }
  }
  const before = groupByCell(baseline.records);
  const after = groupByCell(candidate.records);
  const cellKeys = [...new Set([...before.keys(), ...after.keys()])];
  const cases: CaseDiff[] = cellKeys.map((key) => {
    const older = before.get(key) ?? [];
    const newer = after.get(key) ?? [];
    const first = (newer[0] ?? older[0]) as RunRecord;
    const change = classify(older, newer, manifests.changedCases.has(first.caseId));
    const failing = newer.find(
      (record) => record.status !== "infrastructure-error" && !record.passed,
    );
    return {
      framework: first.framework,
      model: first.model,
      exposure: first.exposure,
      caseId: first.caseId,
      change,
      baseline: older.length > 0 ? outcome(older) : undefined,
      candidate: newer.length > 0 ? outcome(newer) : undefined,
      reason: failing ? (failureReasons(failing)[0] ?? failing.status) : undefined,
    };
  });
  cases.sort(
    (left, right) =>
      caseChanges.indexOf(left.change) - caseChanges.indexOf(right.change) ||
      left.caseId.localeCompare(right.caseId) ||
      variantKey(left).localeCompare(variantKey(right)),
  );
  const counts = Object.fromEntries(caseChanges.map((change) => [change, 0])) as Record<
    CaseChange,
    number
  >;
  for (const entry of cases) counts[entry.change]++;

  const comparable = new Set(
    cases
      .filter((entry) => !["new", "gone", "case-changed"].includes(entry.change))
      .map((entry) => cellKey(entry)),
  );
  const variantKeys = [
    ...new Set([...baseline.records, ...candidate.records].map((record) => variantKey(record))),
  ];
  const variants = variantKeys.map((key) =>
    variantDiff(
      baseline.records.filter((record) => variantKey(record) === key),
      candidate.records.filter((record) => variantKey(record) === key),
      comparable,
    ),
  );
  return {
    baseline: side(baseline),
    candidate: side(candidate),
    warnings,
    variants,
    cases,
    counts,
  };
}

function side(run: LoadedRun): RunSide {
  return {
    directory: run.directory,
    runId: run.metadata.runId,
    startedAt: run.metadata.startedAt,
    commit: describeCommit(run.metadata.manifest),
    offlineModelUsed: run.records.some((record) => record.model.startsWith("offline")),
  };
}

function cellKey(record: {
  framework: string;
  model: string;
  exposure: string;
  caseId: string;
}): string {
  return `${variantKey(record)}|${record.caseId}`;
}

function groupByCell(records: readonly RunRecord[]): Map<string, RunRecord[]> {
  const cells = new Map<string, RunRecord[]>();
  for (const record of records) {
    const key = cellKey(record);
    cells.set(key, [...(cells.get(key) ?? []), record]);
  }
  return cells;
}

function graded(records: readonly RunRecord[]): RunRecord[] {
  return records.filter((record) => record.status !== "infrastructure-error");
}

function outcome(records: readonly RunRecord[]): CellOutcome {
  const counted = graded(records);
  return {
    runs: records.length,
    graded: counted.length,
    passed: counted.filter((record) => record.passed).length,
  };
}

function classify(
  older: readonly RunRecord[],
  newer: readonly RunRecord[],
  caseFileChanged: boolean,
): CaseChange {
  if (older.length === 0) return "new";
  if (newer.length === 0) return "gone";
  if (caseFileChanged) return "case-changed";
  const before = outcome(older);
  const after = outcome(newer);
  if (before.graded === 0 || after.graded === 0) return "no-verdict";
  const rateBefore = before.passed / before.graded;
  const rateAfter = after.passed / after.graded;
  if (rateAfter < rateBefore) return "regressed";
  if (rateAfter > rateBefore) return "fixed";
  return rateAfter === 1 ? "unchanged" : "still-failing";
}

function variantDiff(
  older: readonly RunRecord[],
  newer: readonly RunRecord[],
  comparable: ReadonlySet<string>,
): VariantDiff {
  const first = (newer[0] ?? older[0]) as RunRecord;
  const inScope = (records: readonly RunRecord[]) =>
    graded(records).filter((record) => comparable.has(cellKey(record)));
  const before = inScope(older);
  const after = inScope(newer);
  const counts = (records: readonly RunRecord[]) => ({
    passed: records.filter((record) => record.passed).length,
    graded: records.length,
  });
  const baselineCounts = counts(before);
  const candidateCounts = counts(after);
  const rate = (value: { passed: number; graded: number }) =>
    value.graded === 0 ? undefined : value.passed / value.graded;

  const pairs = { fixed: 0, regressed: 0 };
  const earlier = new Map(before.map((record) => [`${cellKey(record)}|${record.repeat}`, record]));
  for (const record of after) {
    const partner = earlier.get(`${cellKey(record)}|${record.repeat}`);
    if (!partner || partner.passed === record.passed) continue;
    if (record.passed) pairs.fixed++;
    else pairs.regressed++;
  }
  const durations = (records: readonly RunRecord[]) => records.map((record) => record.durationMs);
  const tokens = (records: readonly RunRecord[]) =>
    records.map((record) => record.usage.inputTokens + record.usage.outputTokens);
  const costs = (records: readonly RunRecord[]) =>
    records.every((record) => record.costUsd !== undefined)
      ? records.map((record) => record.costUsd as number)
      : [];
  return {
    framework: first.framework,
    model: first.model,
    exposure: first.exposure,
    comparableCases: new Set(after.map((record) => record.caseId)).size,
    passRate: {
      ...delta(rate(baselineCounts), rate(candidateCounts)),
      interval: newcombeInterval(
        { successes: baselineCounts.passed, trials: baselineCounts.graded },
        { successes: candidateCounts.passed, trials: candidateCounts.graded },
      ),
      baselineCounts,
      candidateCounts,
      baselineInterval: intervalOf(baselineCounts),
      candidateInterval: intervalOf(candidateCounts),
    },
    pairs: {
      ...pairs,
      pValue:
        pairs.fixed + pairs.regressed === 0
          ? undefined
          : mcnemarExactPValue(pairs.fixed, pairs.regressed),
    },
    latencyP50Ms: sampleDelta(durations(before), durations(after), "median"),
    tokensPerRun: sampleDelta(tokens(before), tokens(after), "mean"),
    costPerRunUsd: sampleDelta(costs(before), costs(after), "mean"),
  };
}

function delta(baseline: number | undefined, candidate: number | undefined): MetricDelta {
  return {
    baseline,
    candidate,
    delta: baseline === undefined || candidate === undefined ? undefined : candidate - baseline,
  };
}

function sampleDelta(
  baseline: readonly number[],
  candidate: readonly number[],
  statistic: "median" | "mean",
): MetricDelta {
  const measure = (values: readonly number[]) =>
    values.length === 0
      ? undefined
      : statistic === "median"
        ? median(values)
        : values.reduce((total, value) => total + value, 0) / values.length;
  return {
    ...delta(measure(baseline), measure(candidate)),
    interval: bootstrapDifference(baseline, candidate, statistic),
  };
}

export function hasRegression(diff: RunDiff): boolean {
  return diff.counts.regressed > 0;
}

/** No interval for a side with no graded run: nothing is known there. */
function intervalOf(counts: { passed: number; graded: number }): Interval | undefined {
  return counts.graded === 0 ? undefined : wilsonInterval(counts.passed, counts.graded);
}
