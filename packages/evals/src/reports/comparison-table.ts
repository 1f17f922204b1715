/** The compact terminal table printed at the end of a run. */
import Table from "cli-table3";
import type { EvalSummary } from "../metrics/summarize-runs.ts";
import {
  formatCost,
  formatCount,
  formatMilliseconds,
  formatPassHatK,
  formatPercent,
} from "./report-format.ts";

export function comparisonTable(summary: EvalSummary): string {
  const table = new Table({
    head: [
      "framework",
      "model",
      "exposure",
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
    style: { head: ["cyan"] },
  });
  for (const variant of summary.variants) {
    const errors = variant.errors.agent + variant.errors.timeout + variant.errors.infrastructure;
    table.push([
      variant.framework,
      variant.model,
      variant.exposure,
      `${formatPercent(variant.passRate)} ${variant.passed}/${variant.graded}`,
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
  return table.toString();
}
