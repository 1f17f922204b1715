/** The terminal view of `pnpm eval history`: one row per results folder, newest first. */
import path from "node:path";
import Table from "cli-table3";
import pc from "picocolors";
import { formatPercent } from "../reports/report-format.ts";
import type { RunEntry } from "./list-runs.ts";

export function historyTable(
  entries: readonly RunEntry[],
  relativeTo: string,
  colors = pc.isColorSupported,
): string {
  const paint = pc.createColors(colors);
  const table = new Table({
    head: [
      "started",
      "folder",
      "kind",
      "pass",
      "per framework",
      "model · exposure",
      "cases",
      "commit",
      "node",
    ],
    style: colors ? { head: ["cyan"], border: ["grey"] } : { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  for (const entry of entries) {
    const rate = entry.graded === 0 ? undefined : entry.passed / entry.graded;
    const tint =
      rate === undefined
        ? paint.dim
        : rate >= 0.9
          ? paint.green
          : rate >= 0.5
            ? paint.yellow
            : paint.red;
    const folder = path.relative(relativeTo, entry.directory);
    table.push([
      entry.startedAt.replace("T", " ").slice(0, 16),
      folder.startsWith("..") ? entry.directory : folder,
      entry.kind,
      tint(`${formatPercent(rate)} ${entry.passed}/${entry.graded}`),
      entry.frameworks
        .map(
          (framework) => `${framework.name} ${formatPercent(framework.passed / framework.graded)}`,
        )
        .join(", "),
      `${entry.models.join(", ")} · ${entry.exposures.join(", ")}`,
      String(entry.cases),
      entry.commit,
      entry.node ?? "–",
    ]);
  }
  return table.toString();
}
