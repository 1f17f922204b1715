/**
 * `pnpm --filter @celigo-agents/evals bench`: wall time of the default eval (every built-in
 * runner × default cases, offline model, one repeat, with the cost profile as `pnpm eval` runs
 * it), then concurrency 1 vs 4 with the offline model thinking 500 ms per response. Targets on a
 * 2-core machine: at most 60 s, and at least 2× faster.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { enableCompileCache } from "node:module";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { processesPerCore } from "../src/cli-options.ts";
import { readProfile } from "../src/profile/cost-profile.ts";
import { failureDigest } from "../src/reports/failure-digest.ts";
import { builtInFrameworks, parseFrameworks } from "../src/runs/framework-loader.ts";
import { runEval } from "../src/runs/run-eval.ts";
import { openEvalSandbox } from "../src/runs/sandbox-harness.ts";

// As the CLI does: framework code compiled once is cached by V8 on disk.
enableCompileCache?.();

const packageDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const casesDirectory = path.join(packageDirectory, "cases");

async function timedEval(options: {
  label: string;
  cases: string;
  concurrency: number;
  latencyMs: number;
  profile?: boolean;
  processes?: number;
}): Promise<{ seconds: number; runs: number; passed: number; profileSeconds?: number }> {
  const outDirectory = await mkdtemp(path.join(tmpdir(), "evals-bench-"));
  const started = performance.now();
  try {
    const outcome = await runEval({
      metadata: {
        runId: `bench-${options.label}`,
        startedAt: new Date().toISOString(),
        now: "2026-11-21T15:06:00.000Z",
        cases: options.cases,
        frameworks: [...builtInFrameworks],
        models: ["offline"],
        exposures: ["router"],
        repeat: 1,
      },
      frameworks: parseFrameworks(builtInFrameworks.join(","), packageDirectory),
      workingDirectory: packageDirectory,
      outDirectory,
      concurrency: options.concurrency,
      timeoutMs: 120_000,
      infrastructureRetries: 1,
      offlineLatencyMs: options.latencyMs,
      openSandbox: openEvalSandbox,
      progressStream: process.stderr,
      profile: options.profile ?? false,
      processes: options.processes ?? 1,
    });
    const seconds = (performance.now() - started) / 1000;
    const profile = options.profile ? await readProfile(outDirectory) : undefined;
    for (const [name, runner] of Object.entries(profile?.runners ?? {})) {
      if (runner.error) console.log(`  profile: ${name} could not be measured: ${runner.error}`);
    }
    // A failing run changes what is timed: say which one and why.
    for (const group of failureDigest(outcome.records)) {
      console.log(
        `  failed: ${group.frameworks.join(", ")} ${group.cases.join(", ")}: ${group.reason}`,
      );
    }
    return {
      seconds,
      runs: outcome.records.length,
      passed: outcome.records.filter((record) => record.passed).length,
      ...(profile ? { profileSeconds: profile.conditions.durationMs / 1000 } : {}),
    };
  } finally {
    await rm(outDirectory, { recursive: true, force: true });
  }
}

// Other work on the machine slows every figure; the load average makes them comparable.
const [load = 0] = loadavg();
console.log(`${availableParallelism()} cores, load average ${load.toFixed(1)} at start`);

const defaultEval = await timedEval({
  label: "default",
  cases: casesDirectory,
  concurrency: 4,
  latencyMs: 0,
  profile: true,
});
console.log(
  `default eval (${builtInFrameworks.length} runners × default cases, offline, concurrency 4, cost profile included): ${defaultEval.seconds.toFixed(1)} s for ${defaultEval.runs} runs (${defaultEval.passed} passed), of which the profile ${defaultEval.profileSeconds?.toFixed(1)} s; target <= 60 s`,
);

const spread = processesPerCore();
if (spread > 1) {
  const [spreadLoad = 0] = loadavg();
  const processes = await timedEval({
    label: "processes",
    cases: casesDirectory,
    concurrency: 4,
    latencyMs: 0,
    processes: spread,
  });
  console.log(
    `the same runs over ${spread} processes (--processes ${spread}, no profile, load average ${spreadLoad.toFixed(1)} at start): ${processes.seconds.toFixed(1)} s for ${processes.runs} runs (${processes.passed} passed)`,
  );
}

// Two cases (a read and a multi-step write) keep the sequential half short while queueing 8 runs.
const twoCases = path.join(casesDirectory, "{offline-connection,retry-shopify-order-errors}.yaml");
const sequential = await timedEval({
  label: "concurrency-1",
  cases: twoCases,
  concurrency: 1,
  latencyMs: 500,
});
const parallel = await timedEval({
  label: "concurrency-4",
  cases: twoCases,
  concurrency: 4,
  latencyMs: 500,
});
console.log(
  `offline model latencyMs 500, ${sequential.runs} runs: concurrency 1 ${sequential.seconds.toFixed(1)} s`,
);
console.log(
  `offline model latencyMs 500, ${parallel.runs} runs: concurrency 4 ${parallel.seconds.toFixed(1)} s`,
);
console.log(`speed-up: ${(sequential.seconds / parallel.seconds).toFixed(2)}× (target ≥ 2×)`);
