/**
 * report.html: one self-contained page (inline CSS, inline SVG, a few lines of inline script;
 * nothing fetched, no glyph that needs an emoji font) with what the run can tell, the comparison
 * table with intervals, the statistics, charts coloured by value, the per-grader table, the cost
 * profile, the features matrix, the framework × case matrix with each case's description, and a
 * drill-down of every run: prompt, tool calls with readable arguments and results, answer, and
 * why it failed in plain words.
 */
import { type EvalSummary, variantKey } from "../metrics/summarize-runs.ts";
import type { RunRecord } from "../runs/run-record.ts";
import {
  featuresSection,
  graderSection,
  profileSection,
  statisticsSection,
  tint,
} from "./html-decision-sections.ts";
import { escapeXml as escapeHtml } from "./junit-report.ts";
import { failureReasons, rawDifferences } from "./markdown-report.ts";
import { readableArguments } from "./readable-arguments.ts";
import {
  formatCost,
  formatCount,
  formatInterval,
  formatMilliseconds,
  formatPassHatK,
  formatPercent,
  offlineNotice,
  runScopeNotice,
} from "./report-format.ts";
import { lowerIsBetter, svgBarChart } from "./svg-bar-chart.ts";

const style = `
body{font-family:system-ui,sans-serif;margin:2rem;color:#1d232a;max-width:1200px}
table{border-collapse:collapse;margin:1rem 0;font-size:13px}th,td{border:1px solid #d5dae0;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f2f4f7}.notice{background:#fff4d6;border:1px solid #e6c35c;padding:.6rem 1rem;font-weight:600}
.pass{background:#dff5e3}.fail{background:#fbe0e0}.partial{background:#fff1cc}.infra{background:#e8e8ef}
td.cell a{display:block;color:inherit;text-decoration:none}details{border:1px solid #d5dae0;margin:.4rem 0;padding:.3rem .6rem}
details[open]{background:#fafbfc}summary{cursor:pointer}pre{white-space:pre-wrap;word-break:break-word;max-height:240px;overflow:auto;background:#f6f8fa;padding:.4rem;margin:.2rem 0}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}.reasons li{color:#a4161a}.scope{background:#eef4fb;border:1px solid #a5c4e6;padding:.6rem 1rem}
.muted{color:#667}.rate{white-space:nowrap}.error{color:#a4161a}#comparisons li{margin:.3rem 0}#comparisons li.real{font-weight:600}
.description{font-weight:400;color:#445;font-size:12px;max-width:28rem}td.args pre{max-height:320px}.mark{display:inline-block;min-width:2.6rem;text-align:center;border-radius:3px;padding:0 .3rem;margin-right:.3rem;font-size:12px}
.mark.pass{background:#2f9e44;color:#fff}.mark.fail{background:#c92a2a;color:#fff}#features td{max-width:16rem;font-size:12px}`;

const script = `
document.querySelectorAll("td.cell a").forEach(function (link) {
  link.addEventListener("click", function () {
    var ids = link.getAttribute("data-runs").split(" ");
    ids.forEach(function (id) { var run = document.getElementById(id); if (run) run.open = true; });
  });
});`;

export interface HtmlReportLinks {
  /** The run before this one in the same results folder (`pnpm eval history`). */
  previousRun?: { runId: string; href: string } | undefined;
}

export function htmlReport(
  summary: EvalSummary,
  records: readonly RunRecord[],
  links: HtmlReportLinks = {},
): string {
  const runIds = new Map(records.map((record, index) => [record, `run-${index + 1}`]));
  const body = [
    `<h1>Eval ${escapeHtml(summary.runId)}</h1>`,
    summary.offlineModelUsed
      ? `<p class="notice" id="offline-notice">${escapeHtml(offlineNotice)}</p>`
      : "",
    `<p class="scope" id="run-scope">${escapeHtml(runScopeNotice(summary))}</p>`,
    `<p>Started ${escapeHtml(summary.startedAt)} · scenario clock ${escapeHtml(summary.now)} · model ${escapeHtml(summary.model)} · exposure ${escapeHtml(summary.exposure)} · ${summary.cases} cases · ${records.length} runs</p>`,
    links.previousRun
      ? `<p id="previous-run">Previous run: <a href="${escapeHtml(links.previousRun.href)}">${escapeHtml(links.previousRun.runId)}</a></p>`
      : "",
    comparisonTable(summary),
    charts(summary),
    statisticsSection(summary),
    graderSection(summary),
    profileSection(summary),
    // The resilience table (mistake profiles) joins here, as a section of its own.
    featuresSection(unique(summary.variants.map((variant) => variant.framework))),
    "<h2>Framework × case</h2>",
    matrix(summary, records, runIds),
    "<h2>Runs</h2>",
    records.map((record) => runDetails(record, runIds.get(record) ?? "")).join("\n"),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Eval ${escapeHtml(summary.runId)}</title><style>${style}</style></head>
<body>
${body.join("\n")}
<script>${script}</script>
</body></html>
`;
}

function comparisonTable(summary: EvalSummary): string {
  const rows = summary.variants.map(
    (variant) =>
      `<tr><td>${escapeHtml(variant.framework)}</td><td>${escapeHtml(variant.model)}</td><td>${escapeHtml(variant.exposure)}</td><td class="rate" style="background:${tint(variant.passRate)}">${formatPercent(variant.passRate)} (${variant.passed}/${variant.graded}) <span class="muted">95% CI ${formatInterval(variant.passRateCi)}</span></td><td>${formatPassHatK(variant.passHatK)}</td><td class="rate">${formatMilliseconds(variant.latencyMsP50)} <span class="muted">${formatMilliseconds(variant.latencyMsP50Ci[0])}–${formatMilliseconds(variant.latencyMsP50Ci[1])}</span></td><td>${formatMilliseconds(variant.latencyMsP95)}</td><td>${variant.stepsMean.toFixed(1)}</td><td>${variant.toolCallsMean.toFixed(1)}</td><td>${formatCount(variant.inputTokens)} / ${formatCount(variant.outputTokens)}</td><td>${formatCount(variant.toolDefinitionTokensPerRequest)}</td><td>${formatCost(variant.costUsd)}</td><td>${variant.errors.agent} / ${variant.errors.timeout} / ${variant.errors.infrastructure}</td></tr>`,
  );
  return `<table id="comparison"><thead><tr><th>framework</th><th>model</th><th>exposure</th><th>pass rate</th><th>pass^k</th><th>p50 (95% CI)</th><th>p95</th><th>steps</th><th>tool calls</th><th>tokens in / out</th><th>tool definition tokens per request</th><th>cost</th><th>errors agent / timeout / infra</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function charts(summary: EvalSummary): string {
  const label = (variant: { framework: string; model: string; exposure: string }) =>
    summary.variants.length > 1 &&
    new Set(summary.variants.map((v) => `${v.model}${v.exposure}`)).size > 1
      ? variantKey(variant)
      : variant.framework;
  const rows = (pick: (variant: EvalSummary["variants"][number]) => number[]) =>
    summary.variants.map((variant) => ({ label: label(variant), values: pick(variant) }));
  return `<div class="charts">${[
    svgBarChart({
      title: "Pass rate",
      series: [{ name: "pass rate", color: "#2f9e44" }],
      rows: rows((variant) => [variant.passRate]),
      format: (value) => formatPercent(value),
      maximum: 1,
      goodness: (value) => value,
    }),
    svgBarChart({
      title: "Latency",
      series: [
        { name: "p50", color: "#1c7ed6" },
        { name: "p95", color: "#74c0fc" },
      ],
      rows: rows((variant) => [variant.latencyMsP50, variant.latencyMsP95]),
      format: formatMilliseconds,
      goodness: lowerIsBetter(
        summary.variants.flatMap((variant) => [variant.latencyMsP50, variant.latencyMsP95]),
      ),
    }),
    svgBarChart({
      title: "Tokens",
      series: [
        { name: "input", color: "#e8590c" },
        { name: "output", color: "#ffa94d" },
      ],
      rows: rows((variant) => [variant.inputTokens, variant.outputTokens]),
      format: formatCount,
      goodness: lowerIsBetter(
        summary.variants.flatMap((variant) => [variant.inputTokens, variant.outputTokens]),
      ),
    }),
  ].join("")}</div>`;
}

function matrix(
  summary: EvalSummary,
  records: readonly RunRecord[],
  runIds: ReadonlyMap<RunRecord, string>,
): string {
  const caseIds = [...new Set(records.map((record) => record.caseId))];
  const descriptions = new Map(
    records
      .filter((record) => record.description)
      .map((record) => [record.caseId, record.description]),
  );
  const header = summary.variants
    .map((variant) => `<th>${escapeHtml(variantKey(variant))}</th>`)
    .join("");
  const rows = caseIds.map((caseId) => {
    const cells = summary.variants.map((variant) => {
      const runs = records.filter(
        (record) => record.caseId === caseId && variantKey(record) === variantKey(variant),
      );
      if (runs.length === 0) return "<td>–</td>";
      const passed = runs.filter((record) => record.passed).length;
      const infra = runs.every((record) => record.status === "infrastructure-error");
      const tone = infra
        ? "infra"
        : passed === runs.length
          ? "pass"
          : passed === 0
            ? "fail"
            : "partial";
      const targets = runs.map((record) => runIds.get(record)).join(" ");
      const first = runIds.get(runs[0] as RunRecord);
      return `<td class="cell ${tone}"><a href="#${first}" data-runs="${targets}">${passed}/${runs.length} ${tone === "pass" ? "pass" : tone === "infra" ? "infra error" : "fail"}</a></td>`;
    });
    const description = descriptions.get(caseId);
    return `<tr><th>${escapeHtml(caseId)}${description ? `<div class="description">${escapeHtml(description)}</div>` : ""}</th>${cells.join("")}</tr>`;
  });
  return `<table id="matrix"><thead><tr><th>case</th>${header}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function runDetails(record: RunRecord, id: string): string {
  const reasons = failureReasons(record);
  const raw = rawDifferences(record);
  const calls = record.toolCalls.map(
    (call, index) =>
      `<tr><td>${index + 1}</td><td>${escapeHtml(call.slug || call.name)}${call.approval ? ` (${call.approval})` : ""}${call.isError ? " · error" : ""}</td><td class="args"><pre class="readable">${escapeHtml(readableArguments(call.slug || call.name, call.arguments))}</pre><details><summary>JSON</summary><pre>${escapeHtml(json(call.arguments))}</pre></details></td><td><pre>${escapeHtml(json(call.result))}</pre></td></tr>`,
  );
  const graders = record.graders
    .map((grader) => `${grader.grader} ${grader.passed ? "passed" : "failed"}`)
    .join(" · ");
  const mark = record.passed
    ? '<span class="mark pass">PASS</span>'
    : '<span class="mark fail">FAIL</span>';
  return `<details id="${id}" class="run ${record.passed ? "passed" : "failed"}"><summary>${mark}${escapeHtml(record.caseId)} · ${escapeHtml(variantKey(record))} · repeat ${record.repeat} · ${escapeHtml(record.status)} · ${formatMilliseconds(record.durationMs)}</summary>
${record.description ? `<p><strong>Case:</strong> ${escapeHtml(record.description)}</p>` : ""}
<p><strong>Prompt:</strong> ${escapeHtml(record.prompt)}</p>
${reasons.length > 0 ? `<p><strong>Why it failed:</strong></p><ul class="reasons">${reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join("")}</ul>` : ""}
${raw.length > 0 ? `<details class="raw"><summary>Raw differences</summary><ul>${raw.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul></details>` : ""}
<p><strong>Graders:</strong> ${escapeHtml(graders || "none")} · steps ${record.steps} · tokens ${record.usage.inputTokens} in / ${record.usage.outputTokens} out</p>
<p><strong>Tool calls (${record.toolCalls.length}):</strong></p>
<table class="calls"><thead><tr><th>#</th><th>tool</th><th>arguments</th><th>result</th></tr></thead><tbody>${calls.join("")}</tbody></table>
<p><strong>Answer:</strong></p><pre class="answer">${escapeHtml(record.text || "(no answer)")}</pre>
</details>`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function json(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2) ?? String(value);
}
