import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findPreviousRun, listRuns } from "./list-runs.ts";
import { manifestOf, type Outcome, writeResultsFolder } from "./test-fixtures/results-folders.ts";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "evals-history-list-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const outcomes: Outcome[] = [
  { framework: "mastra", caseId: "flow-last-run", status: "passed" },
  { framework: "mastra", caseId: "offline-connection", status: "failed" },
  { framework: "langchain", caseId: "flow-last-run", status: "passed" },
  { framework: "langchain", caseId: "offline-connection", status: "infrastructure-error" },
];

describe("pnpm eval history", () => {
  it("lists runs newest first with pass rates per framework and provenance", async () => {
    await writeResultsFolder(
      path.join(root, "older"),
      { runId: "older", startedAt: "2026-11-19T10:00:00.000Z" },
      outcomes,
    );
    await writeResultsFolder(
      path.join(root, "ci-7-shard-2"),
      { runId: "ci-7", startedAt: "2026-11-20T10:00:00.000Z", shard: "2/4" },
      outcomes.slice(0, 1),
    );
    await writeResultsFolder(
      path.join(root, "newer"),
      {
        runId: "newer",
        startedAt: "2026-11-21T10:00:00.000Z",
        manifest: manifestOf({ "flow-last-run": "a", "offline-connection": "b" }),
      },
      outcomes,
    );
    const entries = await listRuns(root);
    expect(entries.map((entry) => [entry.runId, entry.kind])).toEqual([
      ["newer", "run"],
      ["ci-7", "shard 2/4"],
      ["older", "run"],
    ]);
    expect(entries[0]).toMatchObject({
      runs: 4,
      graded: 3,
      passed: 2,
      cases: 2,
      commit: "0123456",
      node: "v24.11.1",
      frameworks: [
        { name: "mastra", graded: 2, passed: 1 },
        { name: "langchain", graded: 1, passed: 1 },
      ],
    });
    expect(entries[2]?.commit).toBe("no manifest");
    expect(await listRuns(path.join(root, "absent"))).toEqual([]);
  });

  it("links each report to the complete run before it, skipping shards and its own shards", async () => {
    await writeResultsFolder(
      path.join(root, "first"),
      { runId: "first", startedAt: "2026-11-19T10:00:00.000Z" },
      outcomes,
    );
    for (const shard of [1, 2]) {
      await writeResultsFolder(
        path.join(root, `second-shard-${shard}`),
        { runId: "second", startedAt: `2026-11-20T10:00:0${shard}.000Z`, shard: `${shard}/2` },
        outcomes,
      );
    }
    const merged = { runId: "second", startedAt: "2026-11-20T10:00:01.000Z" };
    await writeResultsFolder(path.join(root, "second-merged"), merged, outcomes);
    expect(await findPreviousRun(path.join(root, "second-merged"), merged)).toEqual({
      runId: "first",
      directory: path.join(root, "first"),
    });
    const html = await readFile(path.join(root, "second-merged", "report.html"), "utf8");
    expect(html).toContain('Previous run: <a href="../first/report.html">first</a>');
    const first = await readFile(path.join(root, "first", "report.html"), "utf8");
    expect(first).not.toContain("Previous run");
  });
});
