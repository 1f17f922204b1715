/** The terminal table `pnpm reliability` prints: one row per check, with pass/fail. */
import Table from "cli-table3";
import pc from "picocolors";
import { formatMilliseconds } from "../reports/report-format.ts";
import type { RowOutcome } from "./reliability-rows.ts";

/**
 * The outcomes as a word-wrapped table that fits `width` columns; each failure's reason follows
 * the table in full, since a narrow cell would chop it.
 */
export function reliabilityTable(
  outcomes: readonly RowOutcome[],
  width: number,
  colors = pc.isColorSupported,
): string {
  const paint = pc.createColors(colors);
  // colWidths count a cell's padding; five borders come on top. Input and expected share the rest.
  const area = 15;
  const result = 18;
  const shared = Math.max(80, width) - 5 - area - result;
  const input = Math.floor(shared * 0.45);
  const widths = [area, input, shared - input, result];
  const table = new Table({
    head: ["area", "input", "expected", "result"],
    colWidths: widths,
    wordWrap: true,
    style: colors ? { head: ["cyan"], border: ["grey"] } : { head: [], border: [] },
  });
  for (const { row, passed, durationMs } of outcomes) {
    const plain = (text: string) => text.replaceAll("`", "");
    const verdict = passed
      ? paint.green(`pass ${formatMilliseconds(durationMs)}`)
      : paint.red(`FAIL ${formatMilliseconds(durationMs)}`);
    table.push([row.area, plain(row.input), plain(row.expected), verdict]);
  }
  const failures = outcomes.flatMap(({ row, passed, reason }) =>
    passed ? [] : [`${paint.red("✗")} ${row.input}\n    ${reason ?? "no reason given"}`],
  );
  return [table.toString(), ...failures].join("\n");
}
