/** Wording shared by the diff's terminal, Markdown and HTML views, so all three agree. */
import { formatMilliseconds, formatPercent } from "../reports/report-format.ts";
import type { Interval } from "./delta-statistics.ts";
import {
  type CaseChange,
  type CaseDiff,
  caseChanges,
  type MetricDelta,
  type RunDiff,
  type VariantDiff,
} from "./diff-runs.ts";

export const changeTitles: Record<CaseChange, string> = {
  regressed: "Regressed",
  fixed: "Fixed",
  "case-changed": "Case changed (not compared)",
  new: "New",
  gone: "Gone",
  "still-failing": "Still failing",
  "no-verdict": "No verdict (infrastructure errors)",
  unchanged: "Unchanged, passing",
};

/** Lists each diff view spells out; unchanged passing cases are only counted. */
export const listedChanges: readonly CaseChange[] = caseChanges.filter(
  (change) => change !== "unchanged",
);

export function countsLine(diff: RunDiff): string {
  const parts = [
    `${diff.counts.regressed} regressed`,
    `${diff.counts.fixed} fixed`,
    `${diff.counts["still-failing"]} still failing`,
    `${diff.counts.new} new`,
    `${diff.counts.gone} gone`,
    `${diff.counts["case-changed"]} case changed`,
  ];
  if (diff.counts["no-verdict"] > 0) parts.push(`${diff.counts["no-verdict"]} no verdict`);
  parts.push(`${diff.counts.unchanged} unchanged`);
  return parts.join(" · ");
}

export function signed(value: number, format: (magnitude: number) => string): string {
  if (value === 0) return format(0);
  return `${value > 0 ? "+" : "−"}${format(Math.abs(value))}`;
}

const points = (value: number) => `${(value * 100).toFixed(0)} pts`;
const milliseconds = (value: number) => formatMilliseconds(value);
const tokens = (value: number) => Math.round(value).toLocaleString("en-US");
const dollars = (value: number) => `$${value.toFixed(4)}`;

function interval(value: Interval | undefined, format: (magnitude: number) => string): string {
  if (!value) return "";
  return ` [${signed(value[0], format)}, ${signed(value[1], format)}]`;
}

/** The delta, then its interval; `bound` formats the interval (shorter: no unit repeated). */
function metric(
  value: MetricDelta,
  format: (magnitude: number) => string,
  bound: (magnitude: number) => string = format,
): string {
  if (value.delta === undefined) return "–";
  return `${signed(value.delta, format)}${interval(value.interval, bound)}`;
}

export function passRateCell(variant: VariantDiff): string {
  const { passRate } = variant;
  const before = passRate.baseline === undefined ? "–" : formatPercent(passRate.baseline);
  const after = passRate.candidate === undefined ? "–" : formatPercent(passRate.candidate);
  return `${before} → ${after}`;
}

export function passRateDeltaCell(variant: VariantDiff): string {
  return metric(variant.passRate, points, (value) => (value * 100).toFixed(0));
}

export function pairsCell(variant: VariantDiff): string {
  const { fixed, regressed, pValue } = variant.pairs;
  if (pValue === undefined) return "none";
  return `${regressed} down, ${fixed} up (p=${pValue < 0.001 ? "<0.001" : pValue.toFixed(2)})`;
}

export const latencyCell = (variant: VariantDiff) => metric(variant.latencyP50Ms, milliseconds);
export const tokensCell = (variant: VariantDiff) => metric(variant.tokensPerRun, tokens);
export function costCell(variant: VariantDiff): string {
  const cost = variant.costPerRunUsd;
  if (cost.baseline === 0 && cost.candidate === 0) return "$0";
  if (cost.delta === undefined) return "unknown price";
  return metric(cost, dollars);
}

/** One sentence on whether the pass-rate change is more than noise. */
export function verdict(variant: VariantDiff): string {
  if (variant.comparableCases === 0) {
    return variant.passRate.baselineCounts.graded === 0 &&
      variant.passRate.candidateCounts.graded === 0
      ? "nothing comparable"
      : "only in one run";
  }
  const { pValue } = variant.pairs;
  if (pValue === undefined) return "same outcomes";
  return pValue < 0.05 ? "a real difference (p < 0.05)" : "within noise";
}

export function cellOutcome(entry: CaseDiff): string {
  const side = (value: CaseDiff["baseline"]) =>
    value
      ? `${value.passed}/${value.graded}${value.runs > value.graded ? ` (${value.runs - value.graded} infra)` : ""}`
      : "–";
  return `${side(entry.baseline)} → ${side(entry.candidate)}`;
}

export function variantLabel(entry: {
  framework: string;
  model: string;
  exposure: string;
}): string {
  return `${entry.framework} · ${entry.model} · ${entry.exposure}`;
}
