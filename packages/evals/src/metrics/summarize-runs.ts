/**
 * summary.json: per framework (and per framework × model × exposure variant) pass rate with its
 * Wilson interval, pass^k, per-grader pass rates, latency with a bootstrap interval on p50,
 * steps, tool calls, tokens, cost and error counts; paired comparisons between frameworks, flaky
 * cases, and the cost profile when one was measured.
 */
import { flattenToolCalls } from "../graders/flatten-tool-calls.ts";
import type { GraderName } from "../graders/grader-result.ts";
import type { CostProfile, ProfileConditions, ProfileOutcome } from "../profile/cost-profile.ts";
import { isOfflineModel } from "../reports/report-format.ts";
import type { RunMetadata } from "../runs/run-metadata.ts";
import type { RunRecord } from "../runs/run-record.ts";
import {
  type FlakyCase,
  flakyCases,
  type PairedComparison,
  pairedComparisons,
} from "./paired-comparisons.ts";
import { passHatK } from "./pass-hat-k.ts";
import { percentile } from "./percentile.ts";
import { bootstrapMedianInterval, type Interval, wilsonInterval } from "./statistics.ts";

export interface GroupMetrics {
  runs: number;
  /** Runs graded (infrastructure errors excluded): the denominator of passRate. */
  graded: number;
  passed: number;
  passRate: number;
  /** Wilson 95% interval on passRate; [0, 1] when nothing was graded. */
  passRateCi: Interval;
  /** pass^k for k = 1 … the number of repeats, keyed by k. */
  passHatK: Record<string, number>;
  graders: Partial<Record<GraderName, { runs: number; passed: number; passRate: number }>>;
  latencyMsP50: number;
  latencyMsP95: number;
  /** Seeded percentile-bootstrap 95% interval on latencyMsP50. */
  latencyMsP50Ci: Interval;
  stepsMean: number;
  toolCalls: number;
  toolCallsMean: number;
  inputTokens: number;
  outputTokens: number;
  /** Tool definition tokens of one request, and summed over every model call of every run. */
  toolDefinitionTokensPerRequest: number;
  toolDefinitionTokens: number;
  /** Undefined when a model has no known price. */
  costUsd?: number | undefined;
  errors: { agent: number; timeout: number; infrastructure: number };
}

export interface VariantMetrics extends GroupMetrics {
  framework: string;
  model: string;
  exposure: string;
}

export interface EvalSummary {
  runId: string;
  startedAt: string;
  now: string;
  model: string;
  exposure: string;
  offlineModelUsed: boolean;
  cases: number;
  frameworks: Record<string, GroupMetrics>;
  variants: VariantMetrics[];
  /** Every pair of frameworks under the same model and exposure, run by run. */
  comparisons: PairedComparison[];
  /** Passed in some repeats and failed in others. */
  flakyCases: FlakyCase[];
  /** Cold start, memory, per-tool-call overhead and install size per runner, when measured. */
  profile?: CostProfile | undefined;
  /** How and under what load the profile was measured. */
  profileConditions?: ProfileConditions | undefined;
}

export function summarizeRuns(
  metadata: RunMetadata,
  records: readonly RunRecord[],
  profile?: ProfileOutcome,
): EvalSummary {
  const frameworks: Record<string, GroupMetrics> = {};
  for (const framework of unique(records.map((record) => record.framework))) {
    frameworks[framework] = groupMetrics(
      records.filter((record) => record.framework === framework),
      framework,
    );
  }
  const variants: VariantMetrics[] = [];
  for (const variant of unique(records.map(variantKey))) {
    const group = records.filter((record) => variantKey(record) === variant);
    const first = group[0] as RunRecord;
    variants.push({
      framework: first.framework,
      model: first.model,
      exposure: first.exposure,
      ...groupMetrics(group, variant),
    });
  }
  const models = unique(records.map((record) => record.model));
  return {
    runId: metadata.runId,
    startedAt: metadata.startedAt,
    now: metadata.now,
    model: (models.length > 0 ? models : metadata.models).join(", "),
    exposure:
      unique(records.map((record) => record.exposure)).join(", ") || metadata.exposures.join(", "),
    offlineModelUsed: models.some(isOfflineModel),
    cases: unique(records.map((record) => record.caseId)).length,
    frameworks,
    variants,
    comparisons: pairedComparisons(records),
    flakyCases: flakyCases(records),
    ...(profile ? { profile: profile.runners, profileConditions: profile.conditions } : {}),
  };
}

export function variantKey(record: { framework: string; model: string; exposure: string }): string {
  return `${record.framework} · ${record.model} · ${record.exposure}`;
}

/** `seed` names the group, so its bootstrap interval is the same on every report of these runs. */
export function groupMetrics(records: readonly RunRecord[], seed = "all"): GroupMetrics {
  const graded = records.filter((record) => record.status !== "infrastructure-error");
  const passed = graded.filter((record) => record.passed).length;
  const trialsByCase = new Map<string, { trials: number; successes: number }>();
  for (const record of graded) {
    const caseKey = `${variantKey(record)}|${record.caseId}`;
    const trials = trialsByCase.get(caseKey) ?? { trials: 0, successes: 0 };
    trials.trials++;
    if (record.passed) trials.successes++;
    trialsByCase.set(caseKey, trials);
  }
  const maxTrials = Math.max(0, ...[...trialsByCase.values()].map((trial) => trial.trials));
  const passHat: Record<string, number> = {};
  for (let k = 1; k <= maxTrials; k++) {
    const value = passHatK([...trialsByCase.values()], k);
    if (value !== undefined) passHat[String(k)] = value;
  }
  const graders: GroupMetrics["graders"] = {};
  for (const record of graded) {
    for (const grader of record.graders) {
      const entry = graders[grader.grader] ?? { runs: 0, passed: 0, passRate: 0 };
      entry.runs++;
      if (grader.passed) entry.passed++;
      entry.passRate = entry.passed / entry.runs;
      graders[grader.grader] = entry;
    }
  }
  const durations = graded.map((record) => record.durationMs);
  const toolCalls = sum(graded.map((record) => flattenToolCalls(record.toolCalls).length));
  const costs = graded.map((record) => record.costUsd);
  return {
    runs: records.length,
    graded: graded.length,
    passed,
    passRate: graded.length === 0 ? 0 : passed / graded.length,
    passRateCi: wilsonInterval(passed, graded.length),
    passHatK: passHat,
    graders,
    latencyMsP50: percentile(durations, 0.5) ?? 0,
    latencyMsP95: percentile(durations, 0.95) ?? 0,
    latencyMsP50Ci: bootstrapMedianInterval(durations, seed) ?? [0, 0],
    stepsMean: mean(graded.map((record) => record.steps)),
    toolCalls,
    toolCallsMean: graded.length === 0 ? 0 : toolCalls / graded.length,
    inputTokens: sum(graded.map((record) => record.usage.inputTokens)),
    outputTokens: sum(graded.map((record) => record.usage.outputTokens)),
    toolDefinitionTokensPerRequest: Math.max(
      0,
      ...graded.map((record) => record.toolDefinitionTokens),
    ),
    toolDefinitionTokens: sum(
      graded.map((record) => record.toolDefinitionTokens * Math.max(1, record.steps)),
    ),
    costUsd: costs.every((cost) => cost !== undefined) ? sum(costs as number[]) : undefined,
    errors: {
      agent: records.filter((record) => record.status === "agent-error").length,
      timeout: records.filter((record) => record.status === "timeout").length,
      infrastructure: records.filter((record) => record.status === "infrastructure-error").length,
    },
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : sum(values) / values.length;
}
