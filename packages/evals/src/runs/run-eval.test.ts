import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runEval } from "./run-eval.ts";

describe("runEval", () => {
  it("stops before starting anything when no valid case is found, naming the fix", async () => {
    const outDirectory = await mkdtemp(path.join(tmpdir(), "evals-no-cases-"));
    let sandboxes = 0;
    const problems: string[] = [];
    try {
      const running = runEval({
        metadata: {
          runId: "no-cases",
          startedAt: new Date().toISOString(),
          now: "2026-11-21T15:06:00.000Z",
          cases: path.join(outDirectory, "missing/*.yaml"),
          frameworks: ["ai-sdk"],
          models: ["offline"],
          exposures: ["router"],
          repeat: 1,
        },
        frameworks: [{ name: "ai-sdk", moduleSpecifier: "@celigo-agents/ai-sdk" }],
        workingDirectory: outDirectory,
        outDirectory,
        concurrency: 1,
        timeoutMs: 1_000,
        infrastructureRetries: 0,
        offlineLatencyMs: 0,
        openSandbox: async () => {
          sandboxes++;
          throw new Error("no sandbox should start");
        },
        onCaseProblems: (found) => problems.push(...found.map((problem) => problem.message)),
      });
      await expect(running).rejects.toThrow(
        `No valid case to run in ${path.join(outDirectory, "missing/*.yaml")}`,
      );
      expect(problems[0]).toContain("No case files match");
      expect(sandboxes).toBe(0);
      expect(await readdir(outDirectory)).toEqual([]);
    } finally {
      await rm(outDirectory, { recursive: true, force: true });
    }
  });
});
