/**
 * eval.yml played locally: its shard step's script for each of two shards, its merge step and
 * its diff-and-summary step, read from the workflow file and run in bash with the variables
 * GitHub would set, on two cases (a read, and a write graded on state) and two frameworks. The merged run must equal an unsharded
 * run of the same matrix (the baseline of the diff step) in everything but timings.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvalSummary } from "../metrics/summarize-runs.ts";
import { findRepositoryRoot } from "../repository-root.ts";
import { latestRecords, readResults } from "../runs/results-file.ts";
import { readRunMetadata } from "../runs/run-metadata.ts";
import type { RunRecord } from "../runs/run-record.ts";
import { findStep, readWorkflow, workflowPath } from "./github-workflows.ts";

const repositoryRoot = findRepositoryRoot(path.dirname(fileURLToPath(import.meta.url)));
const run = promisify(execFile);
const shardCount = 2;
const matrix = {
  EVAL_MODEL: "offline",
  EVAL_FRAMEWORKS: "mastra,ai-sdk",
  EVAL_REPEAT: "1",
  EVAL_CASES: "packages/evals/cases/{offline-connection,disable-item-flow}.yaml",
};

/** Runs one step's script as the runner would: bash, from the checkout, with the step's env. */
async function playStep(script: string, environment: Record<string, string>): Promise<string> {
  const { stdout } = await run("bash", ["-euo", "pipefail", "-c", script], {
    cwd: repositoryRoot,
    // biome-ignore lint/style/noProcessEnv: the step needs the runner's PATH and HOME, as on GitHub.
    env: { ...process.env, ...environment },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/**
 * A connection that dropped under load ("fetch failed") says nothing about sharding. Until the
 * harness files it as an infrastructure error (issue 11, item 6), it shows as an agent error.
 */
function transient(record: RunRecord): boolean {
  return (
    record.status === "infrastructure-error" ||
    /fetch failed|other side closed|ECONNRESET/.test(record.error?.message ?? "")
  );
}

/** What must not depend on how the runs were split: everything but timings and run ids. */
function comparable(record: RunRecord) {
  return {
    key: record.key,
    status: record.status,
    passed: record.passed,
    graders: record.graders.map((grader) => ({ grader: grader.grader, passed: grader.passed })),
    toolCalls: record.toolCalls.map((call) => ({ slug: call.slug, isError: call.isError })),
    steps: record.steps,
  };
}

describe("eval.yml's shard and merge commands, played locally", () => {
  let results: string;
  beforeAll(async () => {
    results = await mkdtemp(path.join(tmpdir(), "evals-workflow-"));
  });
  afterAll(async () => {
    await rm(results, { recursive: true, force: true });
  });

  it("merges two shards into the same results as one unsharded run, and diffs clean against it", async () => {
    const { workflow } = await readWorkflow(workflowPath(repositoryRoot, "eval.yml"));
    const shardScript = findStep(workflow, "shard", "eval-shard").run as string;
    const mergeScript = findStep(workflow, "merge", "merge").run as string;
    const diffScript = findStep(workflow, "merge", "diff").run as string;
    const common = { ...matrix, EVAL_RESULTS: results, RUN_ID: "gh-local-1" };

    for (let index = 1; index <= shardCount; index++) {
      await playStep(shardScript, { ...common, SHARD: `${index}/${shardCount}` });
    }
    // The baseline the diff step finds: the same matrix, unsharded.
    const baseline = path.join(results, "baseline");
    await run(
      "npx",
      [
        "pnpm",
        "eval",
        ...["--model", matrix.EVAL_MODEL, "--frameworks", matrix.EVAL_FRAMEWORKS],
        ...["--cases", matrix.EVAL_CASES, "--run-id", "unsharded", "--out", baseline],
      ],
      { cwd: repositoryRoot },
    );
    await playStep(mergeScript, common);
    const summaryFile = path.join(results, "step-summary.md");
    const diffOutput = await playStep(diffScript, { ...common, GITHUB_STEP_SUMMARY: summaryFile });

    const merged = path.join(results, "merged");
    const unsharded = latestRecords((await readResults(baseline)).records);
    const mergedRecords = latestRecords((await readResults(merged)).records);
    expect(unsharded).toHaveLength(4);
    expect(mergedRecords.map((record) => record.key).sort()).toEqual(
      unsharded.map((record) => record.key).sort(),
    );
    const skipped = new Set(
      [...unsharded, ...mergedRecords].filter(transient).map((record) => record.key),
    );
    expect(skipped.size, "most runs must be comparable").toBeLessThanOrEqual(1);
    const byKey = (records: RunRecord[]) =>
      records
        .filter((record) => !skipped.has(record.key))
        .map(comparable)
        .sort((left, right) => left.key.localeCompare(right.key));
    expect(byKey(mergedRecords)).toEqual(byKey(unsharded));

    // The shards split the matrix: no run twice, none left out.
    const shardKeys: string[] = [];
    for (let index = 1; index <= shardCount; index++) {
      const shard = path.join(results, `eval-shard-${index}`);
      expect((await readRunMetadata(shard)).shard).toBe(`${index}/${shardCount}`);
      shardKeys.push(...(await readResults(shard)).records.map((record) => record.key));
    }
    expect(shardKeys.sort()).toEqual(unsharded.map((record) => record.key).sort());

    const mergedMetadata = await readRunMetadata(merged);
    const unshardedMetadata = await readRunMetadata(baseline);
    expect(mergedMetadata.runId).toBe("gh-local-1");
    expect(mergedMetadata.mergedFrom).toHaveLength(shardCount);
    expect(mergedMetadata.manifest?.cases).toEqual(unshardedMetadata.manifest?.cases);
    expect(mergedMetadata.manifest?.frameworks).toEqual(unshardedMetadata.manifest?.frameworks);

    const summary = async (directory: string) =>
      JSON.parse(await readFile(path.join(directory, "summary.json"), "utf8")) as EvalSummary;
    const rates = (value: EvalSummary) =>
      value.variants
        .map((variant) => ({
          variant: `${variant.framework} ${variant.model} ${variant.exposure}`,
          graded: variant.graded,
          passed: variant.passed,
          toolCalls: variant.toolCalls,
        }))
        .sort((left, right) => left.variant.localeCompare(right.variant));
    if (skipped.size === 0) {
      expect(rates(await summary(merged))).toEqual(rates(await summary(baseline)));
    }

    // The diff step compared the merge with the baseline and wrote both reports to the summary.
    const stepSummary = await readFile(summaryFile, "utf8");
    expect(stepSummary).toContain("# Eval diff: unsharded → gh-local-1");
    expect(stepSummary).toContain("# Eval gh-local-1");
    if (skipped.size > 0) return;
    const passing = unsharded.filter((record) => record.passed).length;
    expect(stepSummary).toContain(
      `**0 regressed · 0 fixed · ${unsharded.length - passing} still failing · 0 new · 0 gone · 0 case changed · ${passing} unchanged**`,
    );
    expect(diffOutput).toContain(`${passing} unchanged`);
  }, 300_000);
});
