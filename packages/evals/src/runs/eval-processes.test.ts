/** An eval spread over two processes: every planned run once, in one results file, graded. */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runEval } from "./run-eval.ts";
import { inShard } from "./run-plan.ts";
import { openEvalSandbox } from "./sandbox-harness.ts";
import { discardingStream } from "./test-fixtures/discarding-stream.ts";

const packageDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("runEval over processes", () => {
  it("runs each planned run once across two worker processes and writes one results file", async () => {
    const outDirectory = await mkdtemp(path.join(tmpdir(), "evals-processes-"));
    try {
      const frameworks = ["ai-sdk", "openai-agents"];
      const outcome = await runEval({
        metadata: {
          runId: "processes",
          startedAt: new Date().toISOString(),
          now: "2026-11-21T15:06:00.000Z",
          cases: path.join(packageDirectory, "cases/{offline-connection,flow-last-run}.yaml"),
          frameworks,
          models: ["offline"],
          exposures: ["router"],
          repeat: 1,
        },
        frameworks: frameworks.map((name) => ({ name, moduleSpecifier: `@celigo-agents/${name}` })),
        workingDirectory: packageDirectory,
        outDirectory,
        concurrency: 2,
        processes: 2,
        timeoutMs: 60_000,
        infrastructureRetries: 1,
        offlineLatencyMs: 0,
        openSandbox: openEvalSandbox,
        progressStream: discardingStream(),
      });
      const keys = outcome.records.map((record) => record.key).sort();
      expect(keys).toEqual(
        frameworks
          .flatMap((framework) =>
            ["flow-last-run", "offline-connection"].map(
              (caseId) => `${framework}|offline|router|${caseId}|1`,
            ),
          )
          .sort(),
      );
      expect(outcome.records.every((record) => record.status === "passed")).toBe(true);
      const lines = (await readFile(outcome.reports.paths.results, "utf8")).trim().split("\n");
      expect(lines).toHaveLength(4);
      // The slices the processes took: together every key, each key in exactly one.
      const slices = [1, 2].map((index) =>
        keys.filter((key) => inShard(`process|${key}`, { index, count: 2 })),
      );
      expect(slices.flat().sort()).toEqual(keys);
    } finally {
      await rm(outDirectory, { recursive: true, force: true });
    }
  }, 180_000);
});
