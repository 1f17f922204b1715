/**
 * The harness as a library, for scripts and CI jobs that drive an eval without the CLI:
 * load cases, run the matrix, grade, summarize (with intervals and paired comparisons), measure
 * the cost profile, write the reports, merge shards; and describe what changed between two
 * sandbox snapshots in words (the playground's "Changes" view uses the same function).
 */
export {
  type CaseProblem,
  defaultCasesDirectory,
  draftsFolder,
  type LoadedCase,
  loadCases,
  parseCase,
} from "./cases/case-loader.ts";
export type { EvalCase } from "./cases/case-schema.ts";
export {
  type FlatToolCall,
  flattenToolCalls,
  toolResultPayload,
} from "./graders/flatten-tool-calls.ts";
export { gradeRun } from "./graders/grade-run.ts";
export type { GraderResult } from "./graders/grader-result.ts";
export {
  type FlakyCase,
  flakyCases,
  type PairedComparison,
  pairedComparisons,
} from "./metrics/paired-comparisons.ts";
export { passHatK } from "./metrics/pass-hat-k.ts";
export { estimateCostUsd } from "./metrics/price-table.ts";
export {
  bootstrapMedianInterval,
  type Interval,
  mcnemarExactPValue,
  wilsonInterval,
} from "./metrics/statistics.ts";
export { type EvalSummary, summarizeRuns } from "./metrics/summarize-runs.ts";
export {
  type CostProfile,
  measureCostProfile,
  type ProfileConditions,
  type ProfileOutcome,
  type RunnerProfile,
} from "./profile/cost-profile.ts";
export {
  type FrameworkFeatures,
  featuresOf,
  frameworkFeatures,
} from "./reports/framework-features.ts";
export {
  changesSentence,
  describeStateChanges,
  type StateChange,
  stateMismatchSummary,
} from "./reports/state-changes.ts";
export { type WrittenReports, writeReports } from "./reports/write-reports.ts";
export {
  builtInFrameworks,
  loadCreateRunner,
  parseFrameworks,
} from "./runs/framework-loader.ts";
export { mergeResultDirectories } from "./runs/merge-results.ts";
export { type EvalOptions, type EvalOutcome, runEval } from "./runs/run-eval.ts";
export type { RunMetadata } from "./runs/run-metadata.ts";
export type { FrameworkChoice } from "./runs/run-plan.ts";
export type { RunRecord, RunStatus } from "./runs/run-record.ts";
export { openEvalSandbox } from "./runs/sandbox-harness.ts";
