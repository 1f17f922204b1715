/**
 * Infrastructure failures on a real eval: the sandbox's account creation fails for the agent's
 * run (the eval's own setup has already made two accounts: the tool listing and the fresh
 * state). Once is retried away; always is reported as an infrastructure error, apart from the
 * agent's pass rate.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EvalSandbox } from "./eval-context.ts";
import { parseFrameworks } from "./framework-loader.ts";
import { type EvalOptions, runEval } from "./run-eval.ts";
import { openEvalSandbox } from "./sandbox-harness.ts";
import { discardingStream } from "./test-fixtures/discarding-stream.ts";

const packageDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const setupAccounts = 2;

/** The real sandbox, whose account creation fails from the agent's first account on. */
function failingAccounts(failures: number) {
  return async (now: string): Promise<EvalSandbox> => {
    const sandbox = await openEvalSandbox(now);
    let calls = 0;
    return {
      ...sandbox,
      createAccount: async (scenario) => {
        calls++;
        if (calls > setupAccounts && calls <= setupAccounts + failures) {
          throw new Error("connect ECONNREFUSED 127.0.0.1 (the sandbox went away)");
        }
        return sandbox.createAccount(scenario);
      },
    };
  };
}

describe("infrastructure errors", () => {
  let outDirectory: string;
  beforeEach(async () => {
    outDirectory = await mkdtemp(path.join(tmpdir(), "evals-infrastructure-"));
  });
  afterEach(async () => {
    await rm(outDirectory, { recursive: true, force: true });
  });

  const options = (openSandbox: EvalOptions["openSandbox"]): EvalOptions => ({
    metadata: {
      runId: "infrastructure",
      startedAt: new Date().toISOString(),
      now: "2026-11-21T15:06:00.000Z",
      cases: path.join(packageDirectory, "cases/offline-connection.yaml"),
      frameworks: ["ai-sdk"],
      models: ["offline"],
      exposures: ["direct"],
      repeat: 1,
    },
    frameworks: parseFrameworks("ai-sdk", packageDirectory),
    workingDirectory: packageDirectory,
    outDirectory,
    concurrency: 1,
    timeoutMs: 30_000,
    infrastructureRetries: 2,
    offlineLatencyMs: 0,
    openSandbox,
    progressStream: discardingStream(),
  });

  it("retries a transient failure, after which the run is graded as usual", async () => {
    const outcome = await runEval(options(failingAccounts(1)));
    expect(outcome.records).toHaveLength(1);
    expect(outcome.records[0]).toMatchObject({ status: "passed", attempts: 2 });
  }, 20_000);

  it("reports a lasting failure apart: not graded, counted as infrastructure", async () => {
    const outcome = await runEval(options(failingAccounts(Number.POSITIVE_INFINITY)));
    expect(outcome.records[0]).toMatchObject({
      status: "infrastructure-error",
      attempts: 3,
      error: { code: "infrastructure" },
    });
    expect(outcome.records[0]?.error?.message).toContain(
      "creating a sandbox account failed: connect ECONNREFUSED",
    );
    expect(outcome.reports.summary.frameworks["ai-sdk"]).toMatchObject({
      runs: 1,
      graded: 0,
      errors: { agent: 0, timeout: 0, infrastructure: 1 },
    });
  }, 20_000);
});
