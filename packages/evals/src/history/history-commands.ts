/**
 * What `pnpm eval diff`, `pnpm eval history` and `pnpm eval --baseline` print and write; the
 * CLI only parses flags and hands over.
 */
import path from "node:path";
import pc from "picocolors";
import { parsePositiveInteger, UsageError } from "../cli-options.ts";
import { diffTerminal, writeDiff } from "./diff-report.ts";
import { diffRuns, hasRegression, type LoadedRun, loadRun, type RunDiff } from "./diff-runs.ts";
import { historyTable } from "./history-table.ts";
import { listRuns } from "./list-runs.ts";

export interface DiffOutcome {
  diff: RunDiff;
  exitCode: number;
}

export interface DiffFlags {
  out?: string | undefined;
  failOnRegression?: boolean | undefined;
}

/**
 * Prints the diff, writes diff.md, diff.html and diff.json (into `out`, else the candidate's
 * folder) and returns the exit code: 1 when something regressed and the flag asks to fail.
 */
export async function reportDiff(
  baseline: LoadedRun,
  candidate: LoadedRun,
  flags: DiffFlags,
  show: (relativeOrAbsolute: string) => string,
): Promise<DiffOutcome> {
  const diff = diffRuns(baseline, candidate);
  const out = flags.out ?? candidate.directory;
  const written = await writeDiff(diff, out);
  console.log(`\n${diffTerminal(diff)}`);
  console.log(`diff: ${show(written.markdown)} · ${show(written.html)}`);
  const regressed = hasRegression(diff);
  if (regressed && flags.failOnRegression) {
    console.error(
      pc.red(
        `${diff.counts.regressed} case${diff.counts.regressed === 1 ? "" : "s"} regressed against ${diff.baseline.runId} (--fail-on-regression).`,
      ),
    );
  }
  return { diff, exitCode: regressed && flags.failOnRegression ? 1 : 0 };
}

export async function diffCommand(
  baselineDirectory: string,
  candidateDirectory: string,
  flags: DiffFlags,
  show: (file: string) => string,
): Promise<number> {
  if (path.resolve(baselineDirectory) === path.resolve(candidateDirectory)) {
    throw new UsageError(
      `pnpm eval diff got the same folder twice (${baselineDirectory}). Pass the baseline first, then the run to compare with it.`,
    );
  }
  const baseline = await loadRun(baselineDirectory);
  const candidate = await loadRun(candidateDirectory);
  return (await reportDiff(baseline, candidate, flags, show)).exitCode;
}

export interface HistoryFlags {
  limit: string;
  json?: boolean | undefined;
}

export async function historyCommand(
  directory: string,
  flags: HistoryFlags,
  show: (file: string) => string,
): Promise<number> {
  const limit = parsePositiveInteger("--limit", flags.limit);
  const entries = await listRuns(directory);
  if (flags.json) {
    console.log(JSON.stringify(entries.slice(0, limit), null, 2));
    return 0;
  }
  if (entries.length === 0) {
    console.log(
      `No eval runs in ${show(directory)}. Run pnpm eval first, or pass the folder that holds your results folders: pnpm eval history <dir>.`,
    );
    return 0;
  }
  console.log(historyTable(entries.slice(0, limit), directory));
  const hidden = entries.length - limit;
  console.log(
    `${entries.length} run${entries.length === 1 ? "" : "s"} in ${show(directory)}, newest first${hidden > 0 ? `; ${hidden} older not shown (--limit)` : ""}. Compare two: pnpm eval diff <older> <newer>`,
  );
  return 0;
}
