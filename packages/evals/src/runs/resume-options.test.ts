import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UsageError } from "../cli-options.ts";
import { evalsPackageDirectory, runEvalCli } from "../test-fixtures/eval-cli.ts";
import { resultsFileName } from "./results-file.ts";
import { type RecordedFlag, resumedMetadata } from "./resume-options.ts";
import { type RunMetadata, writeRunMetadata } from "./run-metadata.ts";
import type { RunRecord } from "./run-record.ts";

const recorded: RunMetadata = {
  runId: "first",
  startedAt: "2026-11-21T15:00:00.000Z",
  now: "2026-11-21T15:06:00.000Z",
  cases: "/cases",
  frameworks: ["ai-sdk"],
  models: ["offline"],
  exposures: ["router"],
  repeat: 2,
  latencyMs: 250,
  timeoutSeconds: 120,
  concurrency: 4,
};
const requested: RunMetadata = {
  ...recorded,
  runId: "second",
  startedAt: "2026-11-22T09:00:00.000Z",
  latencyMs: 0,
  timeoutSeconds: 30,
  concurrency: 1,
};
const none = () => false;
const only =
  (...flags: RecordedFlag[]) =>
  (flag: RecordedFlag) =>
    flags.includes(flag);

describe("resumedMetadata", () => {
  it("keeps the recorded run's measurement options when the flags are left out", () => {
    expect(resumedMetadata("dir", recorded, requested, none)).toEqual(recorded);
  });

  it("refuses a flag given with another value than the run was measured with, naming it", () => {
    expect(() => resumedMetadata("dir", recorded, requested, only("--latency-ms"))).toThrow(
      new UsageError(
        "--latency-ms 0 conflicts with the run in dir, which was measured with --latency-ms 250. Leave --latency-ms out to resume with 250, or start a new run (without --resume) to measure with 0.",
      ),
    );
    expect(() => resumedMetadata("dir", recorded, requested, only("--timeout"))).toThrow(
      /^--timeout 30 conflicts/,
    );
    expect(() =>
      resumedMetadata("dir", recorded, { ...recorded, repeat: 3 }, only("--repeat")),
    ).toThrow(/^--repeat 3 conflicts .* --repeat 2\./);
    expect(() =>
      resumedMetadata("dir", recorded, { ...recorded, models: ["openai/gpt-5"] }, only("--model")),
    ).toThrow(/^--model openai\/gpt-5 conflicts .* --model offline\./);
  });

  it("keeps the recorded --fault rules, and refuses other ones", () => {
    const faulted: RunMetadata = { ...recorded, faults: [{ kind: "http-500", rate: 0.3 }] };
    expect(resumedMetadata("dir", faulted, { ...requested, faults: [] }, none).faults).toEqual([
      { kind: "http-500", rate: 0.3 },
    ]);
    expect(() =>
      resumedMetadata(
        "dir",
        { ...recorded, faults: [] },
        { ...requested, faults: [{ kind: "http-429", rate: 0.3 }] },
        only("--fault"),
      ),
    ).toThrow(
      new UsageError(
        "--fault http-429:0.3 conflicts with the run in dir, which was measured with --fault none. Leave --fault out to resume with none, or start a new run (without --resume) to measure with http-429:0.3.",
      ),
    );
  });

  it("accepts a flag given again with the recorded value", () => {
    const same = { ...requested, latencyMs: 250 };
    expect(resumedMetadata("dir", recorded, same, only("--latency-ms")).latencyMs).toBe(250);
  });

  it("takes the flags' values for fields an older run.json lacks", () => {
    const { latencyMs: _latency, timeoutSeconds: _timeout, ...older } = recorded;
    const resumed = resumedMetadata("dir", older, requested, none);
    expect(resumed.latencyMs).toBe(0);
    expect(resumed.timeoutSeconds).toBe(30);
    expect(resumed.repeat).toBe(2);
  });
});

describe("pnpm eval --resume", () => {
  const packageDirectory = evalsPackageDirectory;
  const evalCli = (args: string[]) => runEvalCli(args);
  let out: string;
  beforeEach(async () => {
    out = await mkdtemp(path.join(tmpdir(), "evals-resume-options-"));
  });
  afterEach(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it("measures the missing runs with the recorded --latency-ms, and refuses another", async () => {
    const latencyMs = 400;
    // A run measured with --latency-ms 400 whose one run was lost, as an interrupted eval's is.
    const measured: RunMetadata = {
      runId: "interrupted",
      startedAt: new Date().toISOString(),
      now: "2026-11-21T15:06:00.000Z",
      cases: path.join(packageDirectory, "cases/offline-connection.yaml"),
      frameworks: ["ai-sdk"],
      models: ["offline"],
      exposures: ["router"],
      repeat: 1,
      latencyMs,
      timeoutSeconds: 120,
      concurrency: 4,
    };
    await writeRunMetadata(out, measured);
    const file = path.join(out, resultsFileName);
    await writeFile(file, "");
    // The report: resuming without --latency-ms measured the rest with no think time.
    const resumed = await evalCli(["--resume", out]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const records = (await readFile(file, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as RunRecord);
    expect(records).toHaveLength(1);
    const rerun = records[0] as RunRecord;
    // Every model answer waited the recorded think time: the report's latency is one setting.
    expect(rerun.steps).toBeGreaterThan(0);
    expect(rerun.durationMs).toBeGreaterThanOrEqual(rerun.steps * latencyMs);

    const conflicting = await evalCli(["--resume", out, "--latency-ms", "0"]);
    expect(conflicting.code).toBe(2);
    expect(conflicting.stderr).toContain(
      `--latency-ms 0 conflicts with the run in ${out}, which was measured with --latency-ms ${latencyMs}.`,
    );
  }, 120_000);
});
