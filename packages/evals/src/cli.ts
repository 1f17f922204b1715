/**
 * `pnpm eval`: the same Celigo prompts against every framework, compared (with each runner's
 * cost profile unless --no-profile).
 * `pnpm eval merge DIR...`: joins the results folders of shards.
 * `pnpm eval diff A B` / `pnpm eval history [DIR]`: compares runs, lists them.
 * `pnpm eval profile`: only the cost profile.
 */
import { copyFile } from "node:fs/promises";
import { enableCompileCache } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { errorText } from "@celigo-agents/core";
import { faultKinds } from "@celigo-agents/offline-model";
import { Command, CommanderError } from "commander";
import pc from "picocolors";
import {
  defaultProcesses,
  newRunId,
  parseExposures,
  parseFaults,
  parseModels,
  parseNonNegativeInteger,
  parseNow,
  parsePassRate,
  parsePositiveInteger,
  UsageError,
} from "./cli-options.ts";
import { type LoadedRun, loadRun } from "./history/diff-runs.ts";
import { diffCommand, historyCommand, reportDiff } from "./history/history-commands.ts";
import { stopGracefullyOnInterrupt } from "./interrupt-handling.ts";
import type { EvalSummary } from "./metrics/summarize-runs.ts";
import { profileFileName, readProfile } from "./profile/cost-profile.ts";
import { profileRunnersStandalone } from "./profile/profile-command.ts";
import { comparisonDigest, comparisonTable } from "./reports/comparison-table.ts";
import { failureDigest } from "./reports/failure-digest.ts";
import { profileTable } from "./reports/profile-table.ts";
import {
  formatMilliseconds,
  injectedFaultsNotice,
  offlineNotice,
  runScopeNotice,
} from "./reports/report-format.ts";
import { resilienceTerminal } from "./reports/resilience-section.ts";
import { type WrittenReports, writeReports } from "./reports/write-reports.ts";
import { findRepositoryRoot, resolveUserPath } from "./repository-root.ts";
import { builtInFrameworks, parseFrameworks } from "./runs/framework-loader.ts";
import { mergeResultDirectories } from "./runs/merge-results.ts";
import { type RecordedFlag, resumedMetadata } from "./runs/resume-options.ts";
import { runEval } from "./runs/run-eval.ts";
import { type RunMetadata, readRunMetadata } from "./runs/run-metadata.ts";
import { parseShard } from "./runs/run-plan.ts";
import type { RunRecord } from "./runs/run-record.ts";
import { openEvalSandbox } from "./runs/sandbox-harness.ts";

// The frameworks are imported when their first run starts; V8's on-disk code cache spares
// recompiling their megabytes of JavaScript on every eval (Node's default cache folder).
enableCompileCache?.();

const packageDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const workingDirectory = process.cwd();
const repositoryRoot = findRepositoryRoot(workingDirectory);
const userPath = (value: string) => resolveUserPath(value, repositoryRoot, workingDirectory);

/**
 * Fixed by default, so every default eval sees byte-identical scenario data and results compare
 * across runs; six minutes past the hour, so no scheduled flow run lands inside a run.
 */
const defaultScenarioNow = "2026-11-21T15:06:00.000Z";

interface EvalFlags {
  cases: string;
  frameworks: string;
  model: string;
  exposure: string;
  repeat: string;
  concurrency: string;
  processes: string;
  timeout: string;
  retries: string;
  latencyMs: string;
  /** Each `--fault kind:rate` given. */
  fault: string[];
  out?: string;
  resume?: string;
  shard?: string;
  minPassRate?: string;
  now: string;
  runId?: string;
  baseline?: string;
  failOnRegression?: boolean;
  /** False with --no-profile. */
  profile: boolean;
}

const program = new Command()
  .name("pnpm eval")
  // `merge` shares --out and --min-pass-rate with the eval: options after it are merge's own.
  .enablePositionalOptions()
  // A usage mistake (unknown option, missing argument) exits 2, never 1: 1 means a failed gate.
  .exitOverride()
  .description(
    "Run eval cases against the framework apps on fresh sandbox accounts and compare them.",
  )
  .option(
    "--cases <dir|glob>",
    "case files: a folder of .yaml files or a glob",
    path.relative(repositoryRoot, path.join(packageDirectory, "cases")),
  )
  .option(
    "--frameworks <list>",
    `framework names (${builtInFrameworks.join(", ")}) or paths to modules exporting createRunner`,
    builtInFrameworks.join(","),
  )
  .option(
    "--model <list>",
    "offline, offline:<mistake profile> or openai/<model>, comma-separated for a matrix",
    "offline",
  )
  .option("--exposure <list>", "router, direct, or router,direct", "router")
  .option("--repeat <n>", "runs per case (pass^k needs 2 or more)", "1")
  .option("--concurrency <n>", "runs at once", "4")
  .option(
    "--processes <n>",
    "processes to spread the runs over: one event loop keeps about one core busy",
    String(defaultProcesses()),
  )
  .option("--timeout <seconds>", "per-run time limit", "120")
  .option("--retries <n>", "retries of an infrastructure error", "2")
  .option("--latency-ms <n>", "offline model think time per response", "0")
  .option(
    "--fault <kind:rate>",
    `a fault the offline model injects into that share of attempts (${faultKinds.join(", ")}); repeat for several`,
    (value: string, previous: string[]) => [...previous, value],
    [] as string[],
  )
  .option("--out <dir>", "results folder (default eval-results/<run-id>/ at the repository root)")
  .option("--resume <dir>", "continue a run in this folder: run only what is missing")
  .option("--shard <i/n>", "run the i-th of n deterministic slices (for CI matrices)")
  .option("--min-pass-rate <rate>", "exit 1 when the overall pass rate is below this (0.8 or 80%)")
  .option("--now <iso>", "the scenario clock shared by every account", defaultScenarioNow)
  .option("--run-id <id>", "name of this run (shards of one CI run share it)")
  .option("--no-profile", "skip the cost profile (cold start, memory, overhead, install size)")
  .option("--baseline <dir>", "after the run, diff it against this earlier results folder")
  .option("--fail-on-regression", "with --baseline: exit 1 when any case regressed")
  .action(async (flags: EvalFlags, command: Command) => {
    // Commander keys an option by its long name in camel case: --latency-ms is latencyMs.
    const given = (flag: RecordedFlag) =>
      command.getOptionValueSource(
        flag.slice(2).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()),
      ) === "cli";
    process.exitCode = await evaluate(flags, given);
  });

program
  .command("merge")
  .description("Join the results folders of shards and write the reports for the whole run.")
  .argument("<dirs...>", "results folders written by pnpm eval --shard")
  .option("--out <dir>", "merged folder (default eval-results/<run-id>-merged/)")
  .option("--min-pass-rate <rate>", "exit 1 when the merged pass rate is below this")
  .action(async (directories: string[], flags: { out?: string; minPassRate?: string }) => {
    const sources = directories.map(userPath);
    const first = await readRunMetadata(sources[0] ?? "");
    const out = userPath(flags.out ?? path.join("eval-results", `${first.runId}-merged`));
    const merged = await mergeResultDirectories(sources, out);
    for (const warning of merged.warnings) console.warn(pc.yellow(`warning: ${warning}`));
    // Each shard may have measured the profile on its own machine; the first one stands.
    for (const source of sources) {
      if (!(await readProfile(source))) continue;
      await copyFile(path.join(source, profileFileName), path.join(out, profileFileName));
      break;
    }
    const reports = await writeReports(out, merged.metadata, merged.records);
    printOutcome(reports, merged.records);
    process.exitCode = belowMinimum(reports.summary, flags.minPassRate) ? 1 : 0;
  });

program
  .command("profile")
  .description(
    "Measure each runner's cost: cold start, peak memory, per-tool-call overhead against the baseline runner, install closure and runner lines.",
  )
  .option(
    "--frameworks <list>",
    `framework names (${builtInFrameworks.join(", ")}) or paths to modules exporting createRunner`,
    builtInFrameworks.join(","),
  )
  .option("--out <dir>", "folder for profile.json (default eval-results/<run-id>-profile/)")
  .option("--now <iso>", "the clock the runners' instructions state", defaultScenarioNow)
  .action(async (flags: { frameworks: string; out?: string; now: string }) => {
    const out = userPath(flags.out ?? path.join("eval-results", `${newRunId(new Date())}-profile`));
    let frameworks: ReturnType<typeof parseFrameworks>;
    try {
      frameworks = parseFrameworks(flags.frameworks, repositoryRoot);
    } catch (error) {
      throw new UsageError(errorText(error));
    }
    const outcome = await profileRunnersStandalone({
      frameworks,
      now: parseNow(flags.now),
      outDirectory: out,
    });
    console.log(profileTable(outcome.runners, outcome.conditions));
    const relative = path.relative(repositoryRoot, path.join(out, profileFileName));
    console.log(
      `profile: ${relative.startsWith("..") ? path.join(out, profileFileName) : relative}`,
    );
    const failed = Object.values(outcome.runners).some((profile) => profile.error);
    process.exitCode = failed ? 1 : 0;
  });

program
  .command("diff")
  .description(
    "Compare two results folders case by case: fixed, regressed, still failing, new, gone; writes diff.md and diff.html.",
  )
  .argument("<baseline>", "the earlier results folder")
  .argument("<candidate>", "the results folder to compare with it")
  .option(
    "--out <dir>",
    "where diff.md, diff.html and diff.json go (default: the candidate folder)",
  )
  .option("--fail-on-regression", "exit 1 when any case regressed")
  .action(
    async (
      baseline: string,
      candidate: string,
      flags: { out?: string; failOnRegression?: boolean },
    ) => {
      process.exitCode = await diffCommand(
        userPath(baseline),
        userPath(candidate),
        { ...flags, out: flags.out === undefined ? undefined : userPath(flags.out) },
        shown,
      );
    },
  );

program
  .command("history")
  .description(
    "List the eval runs in a folder, newest first, with headline figures and provenance.",
  )
  .argument("[dir]", "the folder holding results folders", "eval-results")
  .option("--limit <n>", "show at most this many runs", "20")
  .option("--json", "print the list as JSON")
  .action(async (directory: string, flags: { limit: string; json?: boolean }) => {
    process.exitCode = await historyCommand(userPath(directory), flags, shown);
  });

/** A path as the user would type it: relative to the repository root when inside it. */
function shown(file: string): string {
  const relative = path.relative(repositoryRoot, file);
  return relative.startsWith("..") ? file : relative;
}

async function evaluate(flags: EvalFlags, given: (flag: RecordedFlag) => boolean): Promise<number> {
  if (flags.failOnRegression && !flags.baseline) {
    throw new UsageError(
      "--fail-on-regression compares against a baseline: add --baseline <an earlier results folder>, or use pnpm eval diff <baseline> <candidate> --fail-on-regression.",
    );
  }
  // Read before the run, so a wrong folder fails now rather than after minutes of runs.
  const baseline: LoadedRun | undefined = flags.baseline
    ? await loadRun(userPath(flags.baseline))
    : undefined;
  const startedAt = new Date();
  const resumeDirectory = flags.resume ? userPath(flags.resume) : undefined;
  const models = parseModels(flags.model);
  const requested = {
    runId: flags.runId ?? newRunId(startedAt),
    startedAt: startedAt.toISOString(),
    now: parseNow(flags.now),
    cases: userPath(flags.cases),
    frameworks: flags.frameworks
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean),
    models,
    exposures: parseExposures(flags.exposure),
    repeat: parsePositiveInteger("--repeat", flags.repeat),
    shard: flags.shard,
    latencyMs: parseNonNegativeInteger("--latency-ms", flags.latencyMs),
    timeoutSeconds: parsePositiveInteger("--timeout", flags.timeout),
    concurrency: parsePositiveInteger("--concurrency", flags.concurrency),
    faults: parseFaults(flags.fault, models),
  } satisfies RunMetadata;
  const metadata: RunMetadata = resumeDirectory
    ? resumedMetadata(resumeDirectory, await readRunMetadata(resumeDirectory), requested, given)
    : requested;
  const shardText = metadata.shard;
  const outDirectory =
    resumeDirectory ?? userPath(flags.out ?? path.join("eval-results", metadata.runId));
  const controller = new AbortController();
  stopGracefullyOnInterrupt(() => {
    controller.abort();
    console.error(
      pc.yellow(
        "\nStopping: no new runs start; the running ones finish and the reports are written. Ctrl-C again to quit now.",
      ),
    );
  });
  // A framework's stray promise rejection must not take the other frameworks' runs down.
  process.on("unhandledRejection", (reason) => {
    console.error(
      pc.yellow(`warning: unhandled rejection inside a framework: ${errorText(reason)}`),
    );
  });
  const outcome = await runEval({
    metadata,
    frameworks: parseFrameworks(metadata.frameworks.join(","), repositoryRoot),
    workingDirectory,
    outDirectory,
    concurrency: metadata.concurrency ?? requested.concurrency,
    processes: parsePositiveInteger("--processes", flags.processes),
    timeoutMs: (metadata.timeoutSeconds ?? requested.timeoutSeconds) * 1000,
    infrastructureRetries: parseNonNegativeInteger("--retries", flags.retries),
    offlineLatencyMs: metadata.latencyMs ?? requested.latencyMs,
    offlineFaults: metadata.faults ?? requested.faults,
    shard: shardText ? parseShard(shardText) : undefined,
    openSandbox: openEvalSandbox,
    signal: controller.signal,
    profile: flags.profile,
    // Shown before the runs start, so a typo in a case is seen at once.
    onCaseProblems: (problems, validCases) => {
      for (const problem of problems) {
        const where = problem.line > 0 ? `:${problem.line}:${problem.column}` : "";
        console.error(pc.red(`${problem.file}${where} ${problem.message}`));
      }
      if (problems.length > 0 && validCases > 0) {
        console.error(
          pc.yellow(
            `${plural(problems.length, "case problem")}; running ${plural(validCases, "valid case")}.\n`,
          ),
        );
      }
    },
  });
  const invalidFiles = new Set(outcome.problems.map((problem) => problem.file)).size;
  if (invalidFiles > 0) {
    console.error(
      pc.yellow(
        `\n${plural(invalidFiles, "invalid case file")} skipped (problems listed at the start).`,
      ),
    );
  }
  printOutcome(outcome.reports, outcome.records, Date.now() - startedAt.getTime());
  if (controller.signal.aborted) {
    const relative = path.relative(repositoryRoot, outDirectory);
    console.error(
      pc.yellow(
        `Interrupted: the reports cover the runs that finished. Continue with: pnpm eval --resume ${relative.startsWith("..") ? outDirectory : relative}`,
      ),
    );
    return 130;
  }
  const below = belowMinimum(outcome.reports.summary, flags.minPassRate);
  const compared = baseline
    ? await reportDiff(
        baseline,
        await loadRun(outDirectory),
        { failOnRegression: flags.failOnRegression },
        shown,
      )
    : undefined;
  return below || compared?.exitCode === 1 ? 1 : 0;
}

function printOutcome(
  reports: WrittenReports,
  records: readonly RunRecord[],
  wallMs?: number,
): void {
  const { summary, paths } = reports;
  const failures = failureDigest(records);
  const shown = 10;
  if (failures.length > 0) console.log(`\n${pc.bold("Failures")} (first reason of each run)`);
  for (const group of failures.slice(0, shown)) {
    console.log(`  ${pc.red("✗")} ${group.frameworks.join(", ")}: ${group.reason}`);
    console.log(pc.dim(`      ${group.cases.join(", ")}`));
  }
  if (failures.length > shown) {
    console.log(pc.dim(`  … and ${failures.length - shown} more in report.md`));
  }
  console.log("");
  if (summary.offlineModelUsed) console.log(pc.yellow(offlineNotice));
  if (summary.offlineFaults) console.log(pc.yellow(injectedFaultsNotice(summary.offlineFaults)));
  console.log(pc.dim(runScopeNotice(summary)));
  console.log(comparisonTable(summary));
  for (const line of comparisonDigest(summary)) console.log(`  ${line}`);
  if (summary.resilience) console.log(resilienceTerminal(summary));
  if (summary.profile && summary.profileConditions) {
    console.log(`\n${profileTable(summary.profile, summary.profileConditions)}`);
  }
  const infrastructure = summary.variants.reduce(
    (total, variant) => total + variant.errors.infrastructure,
    0,
  );
  if (infrastructure > 0) {
    console.log(
      pc.yellow(
        `${infrastructure} run(s) hit infrastructure errors (not counted for or against any agent); rerun with --resume ${path.dirname(paths.results)}.`,
      ),
    );
  }
  const passed = records.filter((record) => record.passed).length;
  const took = wallMs === undefined ? "" : ` in ${formatMilliseconds(wallMs)}`;
  console.log(`${plural(records.length, "run")}${took}, ${passed} passed · reports:`);
  for (const file of Object.values(paths)) {
    const relative = path.relative(repositoryRoot, file);
    console.log(`  ${relative.startsWith("..") ? file : relative}`);
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function belowMinimum(summary: EvalSummary, minimum: string | undefined): boolean {
  if (minimum === undefined) return false;
  const threshold = parsePassRate(minimum);
  const graded = Object.values(summary.frameworks).reduce(
    (total, group) => total + group.graded,
    0,
  );
  const passed = Object.values(summary.frameworks).reduce(
    (total, group) => total + group.passed,
    0,
  );
  const rate = graded === 0 ? 0 : passed / graded;
  if (rate < threshold) {
    console.error(
      pc.red(
        `Pass rate ${(rate * 100).toFixed(1)}% is below --min-pass-rate ${(threshold * 100).toFixed(1)}%.`,
      ),
    );
    return true;
  }
  return false;
}

program.parseAsync().catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // Commander has printed the message (or the help, exit code 0).
    process.exitCode = error.exitCode === 0 ? 0 : 2;
    return;
  }
  console.error(pc.red(errorText(error)));
  if (!(error instanceof UsageError))
    console.error(pc.dim("(the run stopped; finished runs are in results.jsonl)"));
  process.exitCode = 2;
});
