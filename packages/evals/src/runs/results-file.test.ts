import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LoadedCase } from "../cases/case-loader.ts";
import { mergeResultDirectories } from "./merge-results.ts";
import { finishedKeys, latestRecords, ResultsFile, readResults } from "./results-file.ts";
import { type RunMetadata, writeRunMetadata } from "./run-metadata.ts";
import { inShard, parseShard, planRuns } from "./run-plan.ts";
import type { RunRecord } from "./run-record.ts";

function record(overrides: Partial<RunRecord> & Pick<RunRecord, "key">): RunRecord {
  const [
    framework = "mastra",
    model = "offline",
    exposure = "router",
    caseId = "case",
    repeat = "1",
  ] = overrides.key.split("|");
  return {
    runId: "run-1",
    caseId,
    caseFile: `${caseId}.yaml`,
    prompt: "Which flows failed today?",
    framework,
    model,
    exposure: exposure as RunRecord["exposure"],
    repeat: Number(repeat),
    status: "passed",
    passed: true,
    graders: [],
    text: "ok",
    toolCalls: [],
    steps: 1,
    usage: { inputTokens: 10, outputTokens: 5 },
    toolDefinitionTokens: 100,
    durationMs: 50,
    startedAt: "2026-11-21T15:00:00.000Z",
    attempts: 1,
    ...overrides,
  };
}

const metadata: RunMetadata = {
  runId: "run-1",
  startedAt: "2026-11-21T15:00:00.000Z",
  now: "2026-11-21T15:00:00.000Z",
  cases: "cases",
  frameworks: ["mastra"],
  models: ["offline"],
  exposures: ["router"],
  repeat: 1,
};

describe("results.jsonl", () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "evals-results-"));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("appends one line per run and survives a torn last line", async () => {
    const file = new ResultsFile(directory);
    await Promise.all([
      file.append(record({ key: "mastra|offline|router|a|1" })),
      file.append(record({ key: "mastra|offline|router|b|1" })),
    ]);
    await appendFile(file.path, '{"key":"mastra|offline|router|c|1","sta');
    const read = await readResults(directory);
    expect(read.records.map((entry) => entry.caseId)).toEqual(["a", "b"]);
    expect(read.skippedLines).toEqual([3]);
  });

  it("resume skips finished runs but reruns infrastructure errors", () => {
    const records = [
      record({ key: "mastra|offline|router|a|1", status: "failed", passed: false }),
      record({ key: "mastra|offline|router|b|1", status: "infrastructure-error", passed: false }),
    ];
    const evalCase = (id: string) => ({ id }) as LoadedCase;
    const planned = planRuns({
      cases: [evalCase("a"), evalCase("b"), evalCase("c")],
      frameworks: [{ name: "mastra", moduleSpecifier: "@celigo-agents/mastra" }],
      models: ["offline"],
      exposures: ["router"],
      repeat: 1,
    });
    const done = finishedKeys(records);
    expect(planned.filter((run) => !done.has(run.key)).map((run) => run.evalCase.id)).toEqual([
      "b",
      "c",
    ]);
  });

  it("keeps a graded run over a later infrastructure error, and the later of two graded runs", () => {
    const latest = latestRecords([
      record({ key: "k|1", status: "failed", passed: false }),
      record({ key: "k|1", status: "infrastructure-error", passed: false }),
      record({ key: "j|1", status: "failed", passed: false }),
      record({ key: "j|1", status: "passed" }),
    ]);
    expect(latest.map((entry) => [entry.key, entry.status])).toEqual([
      ["k|1", "failed"],
      ["j|1", "passed"],
    ]);
  });
});

describe("shards and merge", () => {
  const directories: string[] = [];
  afterEach(async () => {
    await Promise.all(
      directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })),
    );
  });

  it("puts every run in exactly one shard, the same one every time", () => {
    const keys = Array.from({ length: 200 }, (_, index) => `ai-sdk|offline|direct|case-${index}|1`);
    const shards = [1, 2, 3].map((index) =>
      keys.filter((key) => inShard(key, { index, count: 3 })),
    );
    expect(shards.flat().sort()).toEqual([...keys].sort());
    for (const shard of shards) expect(shard.length).toBeGreaterThan(30);
    expect(keys.filter((key) => inShard(key, { index: 2, count: 3 }))).toEqual(shards[1]);
  });

  it("rejects a malformed shard with the fix", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    expect(() => parseShard("5/4")).toThrow("Write i/n with 1 <= i <= n");
    expect(() => parseShard("x")).toThrow("--shard");
  });

  it("merges shard folders into one results file and one matrix", async () => {
    const make = async (shard: string, frameworks: string[], records: RunRecord[]) => {
      const directory = await mkdtemp(path.join(tmpdir(), "evals-shard-"));
      directories.push(directory);
      await writeRunMetadata(directory, { ...metadata, frameworks, shard });
      const file = new ResultsFile(directory);
      for (const entry of records) await file.append(entry);
      return directory;
    };
    const first = await make("1/2", ["mastra"], [record({ key: "mastra|offline|router|a|1" })]);
    const second = await make(
      "2/2",
      ["langchain"],
      [record({ key: "langchain|offline|router|a|1", status: "failed", passed: false })],
    );
    const out = path.join(first, "merged");
    const merged = await mergeResultDirectories([first, second], out);
    expect(merged.metadata.frameworks).toEqual(["mastra", "langchain"]);
    expect(merged.metadata.shard).toBeUndefined();
    expect(merged.metadata.mergedFrom).toEqual([first, second]);
    const lines = (await readFile(path.join(out, "results.jsonl"), "utf8")).trim().split("\n");
    expect(lines.map((line) => (JSON.parse(line) as RunRecord).framework)).toEqual([
      "mastra",
      "langchain",
    ]);
    expect(merged.warnings).toEqual([]);
  });
});
