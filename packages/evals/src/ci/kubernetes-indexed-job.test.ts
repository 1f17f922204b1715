/**
 * docs/scaling.md's Kubernetes manifests stay true: the shards are an Indexed Job whose
 * completions match its shard count, and each pod's script, given its JOB_COMPLETION_INDEX,
 * runs the eval's shard i/N into its own folder, as the GitHub workflow does; the merge Job's
 * script merges those folders. `npx` is replaced by a recorder: what is checked is the command
 * each pod would run (the workflow test runs those commands for real).
 */
import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { findRepositoryRoot } from "../repository-root.ts";

const repositoryRoot = findRepositoryRoot(path.dirname(fileURLToPath(import.meta.url)));
const run = promisify(execFile);

interface Container {
  command: string[];
  args: string[];
  env: Array<{ name: string; value?: string }>;
}
interface Job {
  kind: string;
  metadata: { name: string };
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    template: { spec: { restartPolicy: string; containers: Container[] } };
  };
}

async function manifests(): Promise<Job[]> {
  const text = await readFile(path.join(repositoryRoot, "docs", "scaling.md"), "utf8");
  const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] as string);
  return blocks.flatMap((block) =>
    parseAllDocuments(block).map((document) => document.toJS() as Job),
  );
}

describe("docs/scaling.md's Kubernetes Indexed Job", () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "evals-k8s-"));
    const bin = path.join(scratch, "bin");
    await mkdir(bin);
    // Appends one line per call: the arguments, tab-separated.
    await writeFile(
      path.join(bin, "npx"),
      `#!/usr/bin/env bash\n(IFS=$'\\t'; echo "$*") >> "${path.join(scratch, "calls.tsv")}"\n`,
    );
    await chmod(path.join(bin, "npx"), 0o755);
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  async function playPod(container: Container, extra: Record<string, string>): Promise<string[][]> {
    const environment = Object.fromEntries(
      container.env
        .filter((entry) => entry.value !== undefined)
        .map((entry) => [entry.name, entry.value as string]),
    );
    const results = path.join(scratch, "results");
    const script = (container.args[0] as string).replaceAll("/results", results);
    await rm(path.join(scratch, "calls.tsv"), { force: true });
    await run(container.command[0] as string, [...container.command.slice(1), script], {
      env: { PATH: `${path.join(scratch, "bin")}:/usr/bin:/bin`, ...environment, ...extra },
    });
    const calls = await readFile(path.join(scratch, "calls.tsv"), "utf8");
    return calls
      .trim()
      .split("\n")
      .map((line) => line.split("\t").map((argument) => argument.replaceAll(results, "/results")));
  }

  it("each pod runs shard JOB_COMPLETION_INDEX + 1 of completions, into its own folder", async () => {
    const shards = (await manifests()).find((job) => job.spec.completionMode === "Indexed");
    expect(shards?.kind).toBe("Job");
    const container = shards?.spec.template.spec.containers[0] as Container;
    const count = Number(container.env.find((entry) => entry.name === "SHARDS")?.value);
    expect(shards?.spec.completions).toBe(count);
    expect(shards?.spec.parallelism).toBe(count);
    expect(shards?.spec.template.spec.restartPolicy).toBe("Never");
    const runId = container.env.find((entry) => entry.name === "RUN_ID")?.value;
    for (let index = 0; index < count; index++) {
      const [call] = await playPod(container, { JOB_COMPLETION_INDEX: String(index) });
      expect(call?.slice(0, 8)).toEqual([
        "pnpm",
        "eval",
        "--shard",
        `${index + 1}/${count}`,
        "--run-id",
        runId,
        "--out",
        `/results/${runId}/eval-shard-${index + 1}`,
      ]);
    }
  });

  it("the merge Job merges every shard folder and diffs against the baseline", async () => {
    const jobs = await manifests();
    const shards = jobs.find((job) => job.spec.completionMode === "Indexed") as Job;
    const merge = jobs.find((job) => job !== shards && job.kind === "Job") as Job;
    const container = merge.spec.template.spec.containers[0] as Container;
    const runId = container.env.find((entry) => entry.name === "RUN_ID")?.value;
    const baseline = container.env.find((entry) => entry.name === "BASELINE_RUN_ID")?.value;
    const count = shards.spec.completions as number;
    for (let index = 1; index <= count; index++) {
      await mkdir(path.join(scratch, "results", String(runId), `eval-shard-${index}`), {
        recursive: true,
      });
    }
    const calls = await playPod(container, {});
    expect(calls).toEqual([
      [
        "pnpm",
        "eval",
        "merge",
        ...Array.from({ length: count }, (_, index) => `/results/${runId}/eval-shard-${index + 1}`),
        "--out",
        `/results/${runId}/merged`,
      ],
      ["pnpm", "eval", "diff", `/results/${baseline}/merged`, `/results/${runId}/merged`],
    ]);
  });
});
