/** report.md: the comparison table, the framework × case matrix and every failure's reasons. */
import type { EvalSummary } from "../metrics/summarize-runs.ts";
import type { RunRecord } from "../runs/run-record.ts";
import {
  formatCost,
  formatCount,
  formatMilliseconds,
  formatPassHatK,
  formatPercent,
  offlineNotice,
} from "./report-format.ts";
import { resilienceMarkdown } from "./resilience-section.ts";

export function markdownReport(summary: EvalSummary, records: readonly RunRecord[]): string {
  const lines: string[] = [`# Eval ${summary.runId}`, ""];
  if (summary.offlineModelUsed) lines.push(`> **${offlineNotice}**`, "");
  lines.push(
    `Started ${summary.startedAt} · scenario clock ${summary.now} · model ${summary.model} · exposure ${summary.exposure} · ${summary.cases} cases`,
    "",
    "| framework | model | exposure | pass rate | pass^k | p50 | p95 | steps | tool calls | tokens in/out | tool definitions | cost | errors |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  );
  for (const variant of summary.variants) {
    const errors = variant.errors;
    lines.push(
      `| ${variant.framework} | ${variant.model} | ${variant.exposure} | ${formatPercent(variant.passRate)} (${variant.passed}/${variant.graded}) | ${formatPassHatK(variant.passHatK)} | ${formatMilliseconds(variant.latencyMsP50)} | ${formatMilliseconds(variant.latencyMsP95)} | ${variant.stepsMean.toFixed(1)} | ${variant.toolCallsMean.toFixed(1)} | ${formatCount(variant.inputTokens)} / ${formatCount(variant.outputTokens)} | ${formatCount(variant.toolDefinitionTokensPerRequest)} per request | ${formatCost(variant.costUsd)} | ${errors.agent} agent, ${errors.timeout} timeout, ${errors.infrastructure} infrastructure |`,
    );
  }
  lines.push(...resilienceMarkdown(summary));
  lines.push(
    "",
    "## Per grader",
    "",
    "| framework | model | exposure | state | trajectory | answer | safety | budget |",
    "|---|---|---|---|---|---|---|---|",
  );
  for (const variant of summary.variants) {
    const rate = (name: keyof typeof variant.graders) =>
      formatPercent(variant.graders[name]?.passRate);
    lines.push(
      `| ${variant.framework} | ${variant.model} | ${variant.exposure} | ${rate("state")} | ${rate("trajectory")} | ${rate("answer")} | ${rate("safety")} | ${rate("budget")} |`,
    );
  }
  const variants = summary.variants.map(
    (variant) => `${variant.framework} · ${variant.model} · ${variant.exposure}`,
  );
  const caseIds = [...new Set(records.map((record) => record.caseId))];
  lines.push(
    "",
    "## Cases",
    "",
    `| case | ${variants.join(" | ")} |`,
    `|---|${variants.map(() => "---").join("|")}|`,
  );
  for (const caseId of caseIds) {
    const cells = summary.variants.map((variant) => {
      const runs = records.filter(
        (record) =>
          record.caseId === caseId &&
          record.framework === variant.framework &&
          record.model === variant.model &&
          record.exposure === variant.exposure,
      );
      const passed = runs.filter((record) => record.passed).length;
      return runs.length === 0
        ? "–"
        : `${passed === runs.length ? "✅" : "❌"} ${passed}/${runs.length}`;
    });
    lines.push(`| ${caseId} | ${cells.join(" | ")} |`);
  }
  const failures = records.filter((record) => !record.passed);
  if (failures.length > 0) {
    lines.push("", "## Failures", "");
    for (const record of failures) {
      lines.push(
        `- **${record.caseId}** · ${record.framework} · ${record.model} · ${record.exposure} · repeat ${record.repeat} (${record.status})`,
      );
      for (const reason of failureReasons(record)) lines.push(`  - ${reason}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Every reason a run failed, one line each: the error first, then each failed grader's details. */
export function failureReasons(record: RunRecord): string[] {
  const reasons: string[] = [];
  if (record.error) reasons.push(`${record.status}: ${record.error.message}`);
  for (const grader of record.graders) {
    for (const detail of grader.details) reasons.push(`${grader.grader}: ${detail}`);
  }
  for (const mistake of record.mistakes ?? []) {
    reasons.push(`model mistake (${mistake.kind}, turn ${mistake.turn}): ${mistake.detail}`);
  }
  return reasons;
}
