/**
 * The diff's three views: the terminal, diff.md (short enough for a pull-request comment) and
 * diff.html (self-contained, linking each run's report.html), plus diff.json for scripts.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import Table from "cli-table3";
import pc from "picocolors";
import { escapeXml as escapeHtml } from "../reports/junit-report.ts";
import { offlineNotice } from "../reports/report-format.ts";
import {
  cellOutcome,
  changeTitles,
  costCell,
  countsLine,
  latencyCell,
  listedChanges,
  pairsCell,
  passRateCell,
  passRateDeltaCell,
  tokensCell,
  variantLabel,
  verdict,
} from "./diff-format.ts";
import type { CaseChange, CaseDiff, RunDiff } from "./diff-runs.ts";

export interface WrittenDiff {
  markdown: string;
  html: string;
  json: string;
}

export async function writeDiff(diff: RunDiff, outDirectory: string): Promise<WrittenDiff> {
  const paths = {
    markdown: path.join(outDirectory, "diff.md"),
    html: path.join(outDirectory, "diff.html"),
    json: path.join(outDirectory, "diff.json"),
  };
  await Promise.all([
    writeFile(paths.markdown, diffMarkdown(diff)),
    writeFile(paths.html, diffHtml(diff, outDirectory)),
    writeFile(paths.json, `${JSON.stringify(diff, null, 2)}\n`),
  ]);
  return paths;
}

const variantHeader = [
  "framework · model · exposure",
  "cases",
  "pass rate",
  "Δ pass rate, pts [95% CI]",
  "runs flipped (McNemar)",
  "verdict",
  "Δ p50 latency",
  "Δ tokens/run",
  "Δ cost/run",
];

function variantRow(
  variant: RunDiff["variants"][number],
  label: (entry: RunDiff["variants"][number]) => string = variantLabel,
): string[] {
  return [
    label(variant),
    String(variant.comparableCases),
    passRateCell(variant),
    passRateDeltaCell(variant),
    pairsCell(variant),
    verdict(variant),
    latencyCell(variant),
    tokensCell(variant),
    costCell(variant),
  ];
}

function caseLine(entry: CaseDiff): string {
  const reason =
    entry.reason && (entry.change === "regressed" || entry.change === "still-failing")
      ? `: ${entry.reason}`
      : "";
  return `${entry.caseId} · ${variantLabel(entry)} · ${cellOutcome(entry)}${reason}`;
}

function grouped(diff: RunDiff): Array<[CaseChange, CaseDiff[]]> {
  return listedChanges
    .map((change): [CaseChange, CaseDiff[]] => [
      change,
      diff.cases.filter((entry) => entry.change === change),
    ])
    .filter(([, entries]) => entries.length > 0);
}

export function diffTerminal(diff: RunDiff, colors = pc.isColorSupported): string {
  const paint = pc.createColors(colors);
  const lines = [
    paint.bold(
      `Diff ${diff.baseline.runId} (${diff.baseline.commit}) → ${diff.candidate.runId} (${diff.candidate.commit})`,
    ),
  ];
  for (const warning of diff.warnings) lines.push(paint.yellow(`warning: ${warning}`));
  if (diff.baseline.offlineModelUsed || diff.candidate.offlineModelUsed) {
    lines.push(paint.yellow(offlineNotice));
  }
  // One model and exposure: the caption names them and the rows name only the framework.
  const single =
    new Set(diff.variants.map((variant) => `${variant.model} · ${variant.exposure}`)).size === 1;
  if (single && diff.variants[0]) {
    lines.push(paint.bold(`${diff.variants[0].model} · ${diff.variants[0].exposure} exposure`));
  }
  const table = new Table({
    head: single ? ["framework", ...variantHeader.slice(1)] : variantHeader,
    style: colors ? { head: ["cyan"], border: ["grey"] } : { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  for (const variant of diff.variants) {
    table.push(variantRow(variant, single ? (entry) => entry.framework : variantLabel));
  }
  lines.push(table.toString());
  const tint: Partial<Record<CaseChange, (text: string) => string>> = {
    regressed: paint.red,
    fixed: paint.green,
    "case-changed": paint.yellow,
    "still-failing": paint.dim,
  };
  const shown = 15;
  for (const [change, entries] of grouped(diff)) {
    const paintChange = tint[change] ?? ((text: string) => text);
    lines.push(paintChange(paint.bold(`${changeTitles[change]} (${entries.length})`)));
    for (const entry of entries.slice(0, shown)) lines.push(paintChange(`  ${caseLine(entry)}`));
    if (entries.length > shown)
      lines.push(paint.dim(`  … and ${entries.length - shown} more in diff.md`));
  }
  lines.push(paint.bold(countsLine(diff)));
  return lines.join("\n");
}

/** Long lists are cut so the comment stays under GitHub's 65,536-character limit. */
export function diffMarkdown(diff: RunDiff, listLimit = 50): string {
  const lines = [
    `# Eval diff: ${diff.baseline.runId} → ${diff.candidate.runId}`,
    "",
    `Baseline \`${diff.baseline.runId}\` (${diff.baseline.commit}, started ${diff.baseline.startedAt}) → candidate \`${diff.candidate.runId}\` (${diff.candidate.commit}, started ${diff.candidate.startedAt})`,
    "",
    `**${countsLine(diff)}**`,
    "",
  ];
  if (diff.baseline.offlineModelUsed || diff.candidate.offlineModelUsed) {
    lines.push(`> ${offlineNotice}`, "");
  }
  for (const warning of diff.warnings) lines.push(`> warning: ${warning}`, "");
  lines.push(
    `| ${variantHeader.join(" | ")} |`,
    `|${variantHeader.map(() => "---").join("|")}|`,
    ...diff.variants.map((variant) => `| ${variantRow(variant).map(escapeCell).join(" | ")} |`),
    "",
  );
  for (const [change, entries] of grouped(diff)) {
    lines.push(`## ${changeTitles[change]} (${entries.length})`, "");
    for (const entry of entries.slice(0, listLimit)) lines.push(`- ${escapeCell(caseLine(entry))}`);
    if (entries.length > listLimit)
      lines.push(`- … and ${entries.length - listLimit} more in diff.html`);
    lines.push("");
  }
  lines.push(
    "Deltas are over the cases both runs graded with the same case file; intervals are 95% (Newcombe for pass rates, seeded bootstrap for latency, tokens and cost); McNemar pairs runs by case and repeat.",
  );
  return `${lines.join("\n")}\n`;
}

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

const style = `
body{font-family:system-ui,sans-serif;margin:2rem;color:#1d232a;max-width:1200px}
table{border-collapse:collapse;margin:1rem 0;font-size:13px}th,td{border:1px solid #d5dae0;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f2f4f7}.warning{background:#fff4d6;border:1px solid #e6c35c;padding:.4rem 1rem}
#variants td{white-space:nowrap}.regressed{color:#a4161a}.fixed{color:#2b8a3e}.case-changed{color:#8a6d00}.counts{font-weight:600}`;

export function diffHtml(diff: RunDiff, outDirectory: string): string {
  const report = (directory: string) =>
    path.relative(outDirectory, path.join(directory, "report.html")).split(path.sep).join("/");
  const sections = grouped(diff).map(
    ([change, entries]) =>
      `<h2 class="${change}">${escapeHtml(changeTitles[change])} (${entries.length})</h2><table><thead><tr><th>case</th><th>framework · model · exposure</th><th>passed before → after</th><th>why it fails now</th></tr></thead><tbody>${entries
        .map(
          (entry) =>
            `<tr class="${change}"><td>${escapeHtml(entry.caseId)}</td><td>${escapeHtml(variantLabel(entry))}</td><td>${escapeHtml(cellOutcome(entry))}</td><td>${escapeHtml(entry.reason ?? "")}</td></tr>`,
        )
        .join("")}</tbody></table>`,
  );
  const body = [
    `<h1>Eval diff ${escapeHtml(diff.baseline.runId)} → ${escapeHtml(diff.candidate.runId)}</h1>`,
    `<p>Baseline <a href="${escapeHtml(report(diff.baseline.directory))}">${escapeHtml(diff.baseline.runId)}</a> (${escapeHtml(diff.baseline.commit)}) → candidate <a href="${escapeHtml(report(diff.candidate.directory))}">${escapeHtml(diff.candidate.runId)}</a> (${escapeHtml(diff.candidate.commit)})</p>`,
    `<p class="counts" id="counts">${escapeHtml(countsLine(diff))}</p>`,
    diff.baseline.offlineModelUsed || diff.candidate.offlineModelUsed
      ? `<p class="warning">${escapeHtml(offlineNotice)}</p>`
      : "",
    ...diff.warnings.map((warning) => `<p class="warning">warning: ${escapeHtml(warning)}</p>`),
    `<table id="variants"><thead><tr>${variantHeader.map((cell) => `<th>${escapeHtml(cell)}</th>`).join("")}</tr></thead><tbody>${diff.variants
      .map(
        (variant) =>
          `<tr>${variantRow(variant)
            .map((cell) => `<td>${escapeHtml(cell)}</td>`)
            .join("")}</tr>`,
      )
      .join("")}</tbody></table>`,
    ...sections,
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Eval diff ${escapeHtml(diff.baseline.runId)} → ${escapeHtml(diff.candidate.runId)}</title><style>${style}</style></head>
<body>
${body.join("\n")}
</body></html>
`;
}
