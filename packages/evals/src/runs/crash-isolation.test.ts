/**
 * Crash isolation and the per-run timeout on a real eval: a framework that throws and one that
 * hangs (ignoring its signal) fail their own runs, while a real app on the same sandbox, model
 * and pool passes.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFrameworks } from "./framework-loader.ts";
import { runEval } from "./run-eval.ts";
import { openEvalSandbox } from "./sandbox-harness.ts";
import { discardingStream } from "./test-fixtures/discarding-stream.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDirectory = path.resolve(here, "../..");
const timeoutMs = 1_500;

describe("crash isolation", () => {
  let outDirectory: string;
  beforeEach(async () => {
    outDirectory = await mkdtemp(path.join(tmpdir(), "evals-isolation-"));
  });
  afterEach(async () => {
    await rm(outDirectory, { recursive: true, force: true });
  });

  it("fails a throwing and a hanging framework's runs only, within the timeout", async () => {
    const frameworks = parseFrameworks(
      "test-fixtures/throwing-runner.ts,test-fixtures/hanging-runner.ts,ai-sdk",
      here,
    );
    const started = Date.now();
    const outcome = await runEval({
      metadata: {
        runId: "isolation",
        startedAt: new Date().toISOString(),
        now: "2026-11-21T15:06:00.000Z",
        cases: path.join(packageDirectory, "cases/offline-connection.yaml"),
        frameworks: frameworks.map((framework) => framework.name),
        models: ["offline"],
        exposures: ["direct"],
        repeat: 1,
      },
      frameworks,
      workingDirectory: packageDirectory,
      outDirectory,
      concurrency: 3,
      timeoutMs,
      infrastructureRetries: 0,
      offlineLatencyMs: 0,
      openSandbox: openEvalSandbox,
      progressStream: discardingStream(),
    });
    // The hanging run is abandoned at the hard deadline (timeout plus a grace of the same size).
    expect(Date.now() - started).toBeLessThan(timeoutMs * 2 + 5_000);

    const byFramework = Object.fromEntries(
      outcome.records.map((record) => [record.framework, record]),
    );
    expect(byFramework["throwing-runner"]).toMatchObject({
      status: "agent-error",
      passed: false,
      error: { code: "run_failed" },
    });
    expect(byFramework["throwing-runner"]?.error?.message).toContain(
      "the agent loop crashed on purpose",
    );
    expect(byFramework["hanging-runner"]).toMatchObject({
      status: "timeout",
      passed: false,
      error: { code: "timeout" },
    });
    expect(byFramework["hanging-runner"]?.error?.message).toContain("raise --timeout");
    expect(byFramework["ai-sdk"]).toMatchObject({ status: "passed", passed: true });

    // Neither failure counts as infrastructure, and all three runs are on disk.
    const { summary } = outcome.reports;
    expect(summary.frameworks["throwing-runner"]?.errors).toMatchObject({ agent: 1 });
    expect(summary.frameworks["hanging-runner"]?.errors).toMatchObject({ timeout: 1 });
    const lines = (await readFile(path.join(outDirectory, "results.jsonl"), "utf8"))
      .trim()
      .split("\n");
    expect(lines).toHaveLength(3);
  }, 30_000);
});
