/**
 * The whole pipeline on the real pieces: the five apps (four frameworks and the baseline), the
 * offline model and the sandbox's Tool Router, over a read-only case and a write that needs
 * approval and is graded on the account's final state. Every run must pass every grader.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { builtInFrameworks, parseFrameworks } from "./framework-loader.ts";
import { readResults } from "./results-file.ts";
import { runEval } from "./run-eval.ts";
import { openEvalSandbox } from "./sandbox-harness.ts";
import { discardingStream } from "./test-fixtures/discarding-stream.ts";

const packageDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("a full offline run", () => {
  let outDirectory: string;
  beforeEach(async () => {
    outDirectory = await mkdtemp(path.join(tmpdir(), "evals-full-run-"));
  });
  afterEach(async () => {
    await rm(outDirectory, { recursive: true, force: true });
  });

  it("runs two cases on every built-in app, every grader passing, reports written", async () => {
    const outcome = await runEval({
      metadata: {
        runId: "full-offline",
        startedAt: new Date().toISOString(),
        now: "2026-11-21T15:06:00.000Z",
        cases: path.join(packageDirectory, "cases/{offline-connection,disable-item-flow}.yaml"),
        frameworks: [...builtInFrameworks],
        models: ["offline"],
        exposures: ["router"],
        repeat: 1,
      },
      frameworks: parseFrameworks(builtInFrameworks.join(","), packageDirectory),
      workingDirectory: packageDirectory,
      outDirectory,
      concurrency: 4,
      timeoutMs: 60_000,
      infrastructureRetries: 1,
      offlineLatencyMs: 0,
      openSandbox: openEvalSandbox,
      progressStream: discardingStream(),
    });

    expect(outcome.problems).toEqual([]);
    const runs = 2 * builtInFrameworks.length;
    expect(outcome.executed).toBe(runs);
    const failures = outcome.records
      .filter((record) => !record.passed)
      .map((record) => ({
        run: `${record.framework} ${record.caseId}`,
        error: record.error,
        failed: record.graders.filter((grader) => !grader.passed),
      }));
    expect(failures).toEqual([]);

    for (const record of outcome.records) {
      const graders = record.graders.map((grader) => grader.grader).sort();
      // The disable case is graded on state (replayed reference), trajectory, answer, safety, budget.
      if (record.caseId === "disable-item-flow") {
        expect(graders).toEqual(["answer", "budget", "safety", "state", "trajectory"]);
        // In router exposure the change went through COMPOSIO_MULTI_EXECUTE_TOOL, after approval.
        const change = record.toolCalls.find((call) => call.approval === "approved");
        expect(change?.slug).toBe("COMPOSIO_MULTI_EXECUTE_TOOL");
      }
      expect(record.usage.inputTokens).toBeGreaterThan(0);
      expect(record.toolDefinitionTokens).toBeGreaterThan(0);
    }

    const { summary } = outcome.reports;
    expect(Object.keys(summary.frameworks).sort()).toEqual([...builtInFrameworks].sort());
    for (const group of Object.values(summary.frameworks)) {
      expect(group).toMatchObject({ runs: 2, passed: 2, passRate: 1 });
    }
    expect(summary.offlineModelUsed).toBe(true);
    expect((await readResults(outDirectory)).records).toHaveLength(runs);
    const junit = await readFile(outcome.reports.paths.junit, "utf8");
    expect(junit.match(/<testcase /g)).toHaveLength(runs);
    expect(junit).not.toContain("<failure");
  }, 60_000);
});
