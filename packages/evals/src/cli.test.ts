/** The CLI as a user runs it: `pnpm eval merge` on two shard folders, in a child process. */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ResultsFile } from "./runs/results-file.ts";
import { writeRunMetadata } from "./runs/run-metadata.ts";
import type { RunRecord } from "./runs/run-record.ts";

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), "cli.ts");
const run = promisify(execFile);
// Absolute, so the child finds tsx from any working folder.
const tsx = import.meta.resolve("tsx");

function record(framework: string, passed: boolean): RunRecord {
  return {
    key: `${framework}|offline|router|offline-connection|1`,
    runId: "ci-run",
    caseId: "offline-connection",
    caseFile: "cases/offline-connection.yaml",
    prompt: "Which of our connections is offline?",
    framework,
    model: "offline",
    exposure: "router",
    repeat: 1,
    status: passed ? "passed" : "failed",
    passed,
    graders: [
      passed
        ? { grader: "answer", passed: true, details: [] }
        : { grader: "answer", passed: false, details: ['answer lacks "ShipRight 3PL SFTP"'] },
    ],
    text: passed ? "ShipRight 3PL SFTP is offline." : "All connections are online.",
    toolCalls: [],
    steps: 2,
    usage: { inputTokens: 100, outputTokens: 10 },
    toolDefinitionTokens: 689,
    costUsd: 0,
    durationMs: 300,
    startedAt: "2026-11-21T15:06:00.000Z",
    attempts: 1,
  };
}

describe("pnpm eval merge", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), "evals-cli-"));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("writes the merged reports to --out and exits 1 below --min-pass-rate", async () => {
    const frameworks = ["mastra", "langchain"];
    const shards = frameworks.map((_, index) => path.join(root, `shard-${index + 1}`));
    for (const [index, framework] of frameworks.entries()) {
      const directory = shards[index] as string;
      await mkdir(directory);
      await writeRunMetadata(directory, {
        runId: "ci-run",
        startedAt: "2026-11-21T15:06:00.000Z",
        now: "2026-11-21T15:06:00.000Z",
        cases: "cases",
        frameworks: ["mastra", "langchain"],
        models: ["offline"],
        exposures: ["router"],
        repeat: 1,
        shard: `${index + 1}/2`,
      });
      await new ResultsFile(directory).append(record(framework, framework === "mastra"));
    }
    const out = path.join(root, "merged");
    const failure = await run(
      process.execPath,
      ["--import", tsx, cli, "merge", ...shards, "--out", out, "--min-pass-rate", "80%"],
      { cwd: root },
    ).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect("code" in failure ? failure.code : 0).toBe(1);
    expect(failure.stdout).toContain("2 runs, 1 passed");
    expect(failure.stdout).toContain('langchain: answer: answer lacks "ShipRight 3PL SFTP"');
    expect(failure.stderr).toContain("Pass rate 50.0% is below --min-pass-rate 80.0%.");
    for (const file of ["results.jsonl", "summary.json", "report.md", "junit.xml", "report.html"]) {
      expect(existsSync(path.join(out, file))).toBe(true);
    }
  }, 30_000);
});
