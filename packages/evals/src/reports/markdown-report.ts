/**
 * report.md: what the run can tell, the comparison table with intervals, the statistics, the
 * per-grader table, the cost profile, the framework × case matrix and every failure's reasons.
 */
import type { EvalSummary } from "../metrics/summarize-runs.ts";
import type { RunRecord } from "../runs/run-record.ts";
import { comparisonDigest } from "./comparison-table.ts";
import {
  formatCost,
  formatCount,
  formatInterval,
  formatMilliseconds,
  formatOptional,
  formatPassHatK,
  formatPercent,
  offlineNotice,
  runScopeNotice,
} from "./report-format.ts";

export function markdownReport(summary: EvalSummary, records: readonly RunRecord[]): string {
  const lines: string[] = [`# Eval ${summary.runId}`, ""];
  if (summary.offlineModelUsed) lines.push(`> **${offlineNotice}**`, "");
  lines.push(runScopeNotice(summary), "");
  lines.push(
    `Started ${summary.startedAt} · scenario clock ${summary.now} · model ${summary.model} · exposure ${summary.exposure} · ${summary.cases} cases`,
    "",
    "| framework | model | exposure | pass rate | pass^k | p50 | p95 | steps | tool calls | tokens in/out | tool definitions | cost | errors |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  );
  for (const variant of summary.variants) {
    const errors = variant.errors;
    lines.push(
      `| ${variant.framework} | ${variant.model} | ${variant.exposure} | ${formatPercent(variant.passRate)} (${variant.passed}/${variant.graded}, 95% CI ${formatInterval(variant.passRateCi)}) | ${formatPassHatK(variant.passHatK)} | ${formatMilliseconds(variant.latencyMsP50)} (${formatMilliseconds(variant.latencyMsP50Ci[0])}–${formatMilliseconds(variant.latencyMsP50Ci[1])}) | ${formatMilliseconds(variant.latencyMsP95)} | ${variant.stepsMean.toFixed(1)} | ${variant.toolCallsMean.toFixed(1)} | ${formatCount(variant.inputTokens)} / ${formatCount(variant.outputTokens)} | ${formatCount(variant.toolDefinitionTokensPerRequest)} per request | ${formatCost(variant.costUsd)} | ${errors.agent} agent, ${errors.timeout} timeout, ${errors.infrastructure} infrastructure |`,
    );
  }
  lines.push("", ...comparisonDigest(summary).map((line) => `- ${line}`));
  if (summary.flakyCases.length > 0) {
    lines.push(
      "",
      `Flaky (passed in some repeats, failed in others): ${summary.flakyCases.map((flaky) => `${flaky.caseId} on ${flaky.framework} (${flaky.passed}/${flaky.runs})`).join(", ")}`,
    );
  }
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
  if (summary.profile && summary.profileConditions) {
    const conditions = summary.profileConditions;
    lines.push(
      "",
      "## Cost profile",
      "",
      `Each runner alone in its own process; ${conditions.toolCallsPerRun} echo calls with a zero-latency model; ${conditions.reference ? `ratios against ${conditions.reference}` : "no baseline runner, so no ratios"}; ${conditions.cores} cores, load average ${conditions.loadAverage}.`,
      "",
      "| runner | cold start | peak RSS | per tool call | vs baseline | install | runner lines |",
      "|---|---|---|---|---|---|---|",
    );
    for (const [name, runner] of Object.entries(summary.profile)) {
      lines.push(
        `| ${name} | ${runner.coldStartMs === null ? "–" : formatMilliseconds(runner.coldStartMs)} | ${formatOptional(runner.peakRssMb, " MB")} | ${runner.overheadPerToolCallMs === null ? "–" : `${runner.overheadPerToolCallMs.toFixed(1)} ms`} | ${runner.overheadRatio === null ? "–" : `${runner.overheadRatio.toFixed(2)}×`} | ${formatOptional(runner.installPackages, " packages")}, ${formatOptional(runner.installMb, " MB")} | ${formatOptional(runner.runnerLines)} |`,
      );
    }
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
        : `${passed === runs.length ? "pass" : "**fail**"} ${passed}/${runs.length}`;
    });
    const description = records.find((record) => record.caseId === caseId)?.description;
    const shown = description ? `<br>${description.replaceAll("|", "\\|")}` : "";
    lines.push(`| ${caseId}${shown} | ${cells.join(" | ")} |`);
  }
  const failures = records.filter((record) => !record.passed);
  if (failures.length > 0) {
    lines.push("", "## Failures", "");
    for (const record of failures) {
      lines.push(
        `- **${record.caseId}** · ${record.framework} · ${record.model} · ${record.exposure} · repeat ${record.repeat} (${record.status})`,
      );
      for (const reason of failureReasons(record)) lines.push(`  - ${reason}`);
      for (const line of rawDifferences(record)) lines.push(`    - ${line}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Every reason a run failed, one line each: the error first, then each failed grader's plain
 * summary when it has one (records named by name), else its details.
 */
export function failureReasons(record: RunRecord): string[] {
  const reasons: string[] = [];
  if (record.error) reasons.push(`${record.status}: ${record.error.message}`);
  for (const grader of record.graders) {
    if (grader.summary) reasons.push(`${grader.grader}: ${grader.summary}`);
    else for (const detail of grader.details) reasons.push(`${grader.grader}: ${detail}`);
  }
  return reasons;
}

/** The raw findings behind the plain summaries (e.g. JSON-pointer differences of the state). */
export function rawDifferences(record: RunRecord): string[] {
  return record.graders
    .filter((grader) => grader.summary)
    .flatMap((grader) => grader.details.map((detail) => `${grader.grader}: ${detail}`));
}
