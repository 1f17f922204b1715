/**
 * The resilience table in the terminal, report.md and report.html: one row per kind of model
 * mistake, one column per framework, each cell "recovered/runs" with the failures and crashes.
 * Empty output when no run used a mistake profile.
 */
import type { MistakeKind } from "@celigo-agents/offline-model";
import Table from "cli-table3";
import pc from "picocolors";
import type { ResilienceCell } from "../metrics/resilience.ts";
import type { EvalSummary } from "../metrics/summarize-runs.ts";
import { escapeXml as escapeHtml } from "./junit-report.ts";

const kindMeaning: Record<MistakeKind, string> = {
  "malformed-arguments": "arguments JSON cut before its closing brace",
  "unknown-tool": "a near miss of a tool name that is not offered",
  "schema-violation": "a required argument left out, or one of the wrong type",
  "name-for-id": "a record's name where its id is required",
  "repeat-call": "the previous call made again with the same arguments",
  "premature-answer": "an answer in words before the work is done",
  "ignore-tool-error": "a failed call answered as if it had worked",
};

/** What the numbers can and cannot say; shown under every form of the table. */
export const resilienceNote =
  "Recovered = the run passed despite the mistake; failed = graded fail; crashed = the framework threw, reported a run error or timed out. Once an error comes back, the offline model corrects itself on its next turn, so for malformed-arguments, unknown-tool, schema-violation and name-for-id the table measures whether the framework returned the error to the model (or repaired the call); a repeated call fails a run only if running it twice did harm. premature-answer and ignore-tool-error return no error to any framework: a run recovers from them only if every grader passes anyway, since none of the apps checks its own answer.";

interface Grid {
  frameworks: string[];
  rows: Array<{ kind: MistakeKind; cells: Array<ResilienceCell | undefined> }>;
}

function grid(summary: EvalSummary): Grid | undefined {
  const resilience = summary.resilience;
  if (!resilience) return undefined;
  const frameworks = Object.keys(resilience);
  const kinds = (Object.keys(kindMeaning) as MistakeKind[]).filter((kind) =>
    frameworks.some((framework) => resilience[framework]?.[kind] !== undefined),
  );
  return {
    frameworks,
    rows: kinds.map((kind) => ({
      kind,
      cells: frameworks.map((framework) => resilience[framework]?.[kind]),
    })),
  };
}

export function formatResilienceCell(cell: ResilienceCell | undefined): string {
  if (!cell || cell.runs === 0) return "–";
  const extra = [
    cell.failed > 0 ? `${cell.failed} failed` : "",
    cell.crashed > 0 ? `${cell.crashed} crashed` : "",
  ].filter(Boolean);
  return `${cell.recovered}/${cell.runs}${extra.length > 0 ? ` (${extra.join(", ")})` : ""}`;
}

export function resilienceTerminal(summary: EvalSummary, colors = pc.isColorSupported): string {
  const table = grid(summary);
  if (!table) return "";
  const paint = pc.createColors(colors);
  const output = new Table({
    head: ["mistake (recovered/runs)", ...table.frameworks],
    style: colors ? { head: ["cyan"], border: ["grey"] } : { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  for (const row of table.rows) {
    output.push([
      row.kind,
      ...row.cells.map((cell) => {
        const text = formatResilienceCell(cell);
        if (!cell || cell.runs === 0) return paint.dim(text);
        const share = cell.recovered / cell.runs;
        return (share >= 0.9 ? paint.green : share >= 0.5 ? paint.yellow : paint.red)(text);
      }),
    ]);
  }
  return `${paint.bold("Resilience to model mistakes")}\n${output.toString()}\n${paint.dim(resilienceNote)}`;
}

export function resilienceMarkdown(summary: EvalSummary): string[] {
  const table = grid(summary);
  if (!table) return [];
  return [
    "",
    "## Resilience to model mistakes",
    "",
    `| mistake | what the model did | ${table.frameworks.join(" | ")} |`,
    `|---|---|${table.frameworks.map(() => "---").join("|")}|`,
    ...table.rows.map(
      (row) =>
        `| ${row.kind} | ${kindMeaning[row.kind]} | ${row.cells.map(formatResilienceCell).join(" | ")} |`,
    ),
    "",
    resilienceNote,
  ];
}

function cellColor(cell: ResilienceCell | undefined): string {
  if (!cell || cell.runs === 0) return "#f2f4f7";
  const share = cell.recovered / cell.runs;
  return share >= 0.9 ? "#dff5e3" : share >= 0.5 ? "#fff1cc" : "#fbe0e0";
}

export function resilienceHtml(summary: EvalSummary): string {
  const table = grid(summary);
  if (!table) return "";
  const head = table.frameworks.map((framework) => `<th>${escapeHtml(framework)}</th>`).join("");
  const rows = table.rows.map(
    (row) =>
      `<tr><th>${escapeHtml(row.kind)}</th><td>${escapeHtml(kindMeaning[row.kind])}</td>${row.cells
        .map(
          (cell) =>
            `<td style="background:${cellColor(cell)}">${escapeHtml(formatResilienceCell(cell))}</td>`,
        )
        .join("")}</tr>`,
  );
  return `<section id="resilience"><h2>Resilience to model mistakes</h2>
<table><thead><tr><th>mistake</th><th>what the model did</th>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>
<p>${escapeHtml(resilienceNote)}</p></section>`;
}
