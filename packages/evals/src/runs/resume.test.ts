/**
 * Resume on a real run: after a crash that lost a run's line, running the same eval into the
 * same folder executes only the missing run and reports all of them.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFrameworks } from "./framework-loader.ts";
import { resultsFileName } from "./results-file.ts";
import { type EvalOptions, runEval } from "./run-eval.ts";
import { openEvalSandbox } from "./sandbox-harness.ts";
import { discardingStream } from "./test-fixtures/discarding-stream.ts";

const packageDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("resume", () => {
  let outDirectory: string;
  beforeEach(async () => {
    outDirectory = await mkdtemp(path.join(tmpdir(), "evals-resume-"));
  });
  afterEach(async () => {
    await rm(outDirectory, { recursive: true, force: true });
  });

  it("runs only what results.jsonl lacks", async () => {
    const options: EvalOptions = {
      metadata: {
        runId: "resume",
        startedAt: new Date().toISOString(),
        now: "2026-11-21T15:06:00.000Z",
        cases: path.join(packageDirectory, "cases/{offline-connection,pending-invitation}.yaml"),
        frameworks: ["ai-sdk"],
        models: ["offline"],
        exposures: ["direct"],
        repeat: 1,
      },
      frameworks: parseFrameworks("ai-sdk", packageDirectory),
      workingDirectory: packageDirectory,
      outDirectory,
      concurrency: 2,
      timeoutMs: 30_000,
      infrastructureRetries: 0,
      offlineLatencyMs: 0,
      openSandbox: openEvalSandbox,
      progressStream: discardingStream(),
    };
    const first = await runEval(options);
    expect(first.executed).toBe(2);

    const file = path.join(outDirectory, resultsFileName);
    const [kept = ""] = (await readFile(file, "utf8")).trim().split("\n");
    await writeFile(file, `${kept}\n`);
    const keptCase = (JSON.parse(kept) as { caseId: string }).caseId;

    const second = await runEval(options);
    expect(second.executed).toBe(1);
    expect(second.records.map((record) => record.caseId).sort()).toEqual([
      "offline-connection",
      "pending-invitation",
    ]);
    expect(second.records.every((record) => record.passed)).toBe(true);
    const lines = (await readFile(file, "utf8")).trim().split("\n");
    expect(lines).toHaveLength(2);
    expect((JSON.parse(lines[1] ?? "{}") as { caseId: string }).caseId).not.toBe(keptCase);

    const third = await runEval(options);
    expect(third.executed).toBe(0);
  }, 30_000);
});
