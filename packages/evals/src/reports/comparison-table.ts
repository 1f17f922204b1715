/**
 * The compact terminal table printed at the end of a run. Model and exposure get a column only
 * when the run compared several; otherwise the caption names them. Colours only on a terminal.
 */
import Table from "cli-table3";
import pc from "picocolors";
import type { EvalSummary, VariantMetrics } from "../metrics/summarize-runs.ts";
import {
  formatCost,
  formatCount,
  formatMilliseconds,
  formatPassHatK,
  formatPercent,
} from "./report-format.ts";

export function comparisonTable(summary: EvalSummary, colors = pc.isColorSupported): string {
  const paint = pc.createColors(colors);
  const several = (pick: (variant: VariantMetrics) => string) =>
    new Set(summary.variants.map(pick)).size > 1;
  const showModel = several((variant) => variant.model);
  const showExposure = several((variant) => variant.exposure);
  const table = new Table({
    head: [
      "framework",
      ...(showModel ? ["model"] : []),
      ...(showExposure ? ["exposure"] : []),
      "pass",
      "pass^k",
      "p50",
      "p95",
      "steps",
      "tools",
      "tokens in/out",
      "tool defs",
      "cost",
      "errors",
    ],
    style: colors ? { head: ["cyan"], border: ["grey"] } : { head: [], border: [] },
    // No rule between data rows: one line per framework keeps the table compact.
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  for (const variant of summary.variants) {
    const errors = variant.errors.agent + variant.errors.timeout + variant.errors.infrastructure;
    const rate = variant.passRate;
    const tint = rate >= 0.9 ? paint.green : rate >= 0.5 ? paint.yellow : paint.red;
    table.push([
      variant.framework,
      ...(showModel ? [variant.model] : []),
      ...(showExposure ? [variant.exposure] : []),
      tint(`${formatPercent(rate)} ${variant.passed}/${variant.graded}`),
      formatPassHatK(variant.passHatK),
      formatMilliseconds(variant.latencyMsP50),
      formatMilliseconds(variant.latencyMsP95),
      variant.stepsMean.toFixed(1),
      variant.toolCallsMean.toFixed(1),
      `${formatCount(variant.inputTokens)}/${formatCount(variant.outputTokens)}`,
      formatCount(variant.toolDefinitionTokensPerRequest),
      formatCost(variant.costUsd),
      errors === 0 ? "0" : `${errors} (${variant.errors.infrastructure} infra)`,
    ]);
  }
  const caption = [
    showModel ? undefined : `model ${summary.variants[0]?.model ?? summary.model}`,
    showExposure ? undefined : `${summary.variants[0]?.exposure ?? summary.exposure} exposure`,
    `${summary.cases} case${summary.cases === 1 ? "" : "s"}`,
  ]
    .filter(Boolean)
    .join(" · ");
  return `${paint.bold(caption)}\n${table.toString()}`;
}

/**
 * The paired comparisons in a few lines: each real pass-rate difference in full, the ones within
 * noise counted in one sentence, so five frameworks' ten pairs do not flood the terminal.
 */
export function comparisonDigest(summary: EvalSummary): string[] {
  const real = summary.comparisons.filter((comparison) => !comparison.passRateWithinNoise);
  const noise = summary.comparisons.length - real.length;
  const lines = real.map((comparison) => comparison.passRateSentence);
  if (noise > 0) {
    lines.push(
      real.length === 0
        ? `Pass rates: every difference between frameworks (${noise} ${noise === 1 ? "pair" : "pairs"}, same cases and repeats) is within noise (exact McNemar p >= 0.05).`
        : `The other ${noise} ${noise === 1 ? "pair differs" : "pairs differ"} within noise (exact McNemar p >= 0.05).`,
    );
  }
  return lines;
}
