/** The cost profile as a terminal table, with the conditions it was measured under. */
import Table from "cli-table3";
import pc from "picocolors";
import type { CostProfile, ProfileConditions } from "../profile/cost-profile.ts";
import { formatMilliseconds, formatOptional } from "./report-format.ts";

export function profileTable(
  profile: CostProfile,
  conditions: ProfileConditions,
  colors = pc.isColorSupported,
): string {
  const paint = pc.createColors(colors);
  const table = new Table({
    head: [
      "runner",
      "cold start",
      "peak RSS",
      "per tool call",
      "vs baseline",
      "install",
      "runner lines",
    ],
    style: colors ? { head: ["cyan"], border: ["grey"] } : { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  for (const [name, runner] of Object.entries(profile)) {
    table.push([
      name,
      runner.coldStartMs === null ? "–" : formatMilliseconds(runner.coldStartMs),
      formatOptional(runner.peakRssMb, " MB"),
      runner.overheadPerToolCallMs === null ? "–" : `${runner.overheadPerToolCallMs.toFixed(1)} ms`,
      runner.overheadRatio === null ? "–" : `${runner.overheadRatio.toFixed(2)}×`,
      runner.installPackages === null
        ? "–"
        : `${runner.installPackages} packages, ${formatOptional(runner.installMb, " MB")}`,
      formatOptional(runner.runnerLines),
    ]);
  }
  const errors = Object.entries(profile)
    .filter(([, runner]) => runner.error)
    .map(([name, runner]) => paint.yellow(`  ${name}: ${runner.error}`));
  const caption = paint.bold(
    `Cost profile (${conditions.cores} cores, load average ${conditions.loadAverage} at start; ${conditions.toolCallsPerRun} echo calls per runner, zero-latency model${conditions.reference ? `; ratios against ${conditions.reference}` : "; no baseline runner in this run, so no ratios"})`,
  );
  return [caption, table.toString(), ...errors].join("\n");
}
