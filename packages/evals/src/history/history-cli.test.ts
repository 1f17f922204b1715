import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestRecords, readResults } from "../runs/results-file.ts";
import { runEvalCli } from "../test-fixtures/eval-cli.ts";
import type { RunDiff } from "./diff-runs.ts";
import type { RunEntry } from "./list-runs.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const casesDirectory = path.join(here, "..", "..", "cases");

const evalCli = (root: string, ...args: string[]) => runEvalCli(args, root);

const passedByCase = async (directory: string) =>
  new Map(
    latestRecords((await readResults(directory)).records).map((record) => [
      record.caseId,
      record.passed,
    ]),
  );

describe("pnpm eval diff, --baseline and history on real runs", () => {
  let root: string;
  let cases: string;
  const agent = (version: "before" | "after") =>
    path.join(here, "test-fixtures", `agent-${version}`, "careful-agent.ts");
  const folder = (name: string) => path.join(root, "eval-results", name);

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "evals-history-"));
    cases = path.join(root, "cases");
    for (const name of ["offline-connection", "disable-item-flow"]) {
      await cp(path.join(casesDirectory, `${name}.yaml`), path.join(cases, `${name}.yaml`));
    }
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("flags the regression, exits 1 with --fail-on-regression, and lists the runs", async () => {
    const common = ["--cases", cases, "--concurrency", "2"];
    const first = await evalCli(
      root,
      ...common,
      ...["--frameworks", agent("before"), "--run-id", "v1", "--out", folder("v1")],
    );
    expect(first.code, first.stderr).toBe(0);

    const second = await evalCli(
      root,
      ...common,
      ...["--frameworks", agent("after"), "--run-id", "v2", "--out", folder("v2")],
      ...["--baseline", folder("v1"), "--fail-on-regression"],
    );
    // What regressed, read from the two runs' own records: passed before, failed after.
    const before = await passedByCase(folder("v1"));
    const after = await passedByCase(folder("v2"));
    const expected = [...after.keys()].filter((caseId) => before.get(caseId) && !after.get(caseId));
    // By design version 2 breaks the approved write and nothing else.
    expect(expected).toEqual(["disable-item-flow"]);
    expect(before.get("offline-connection")).toBe(true);
    expect(after.get("offline-connection")).toBe(true);
    const diff = JSON.parse(
      await readFile(path.join(folder("v2"), "diff.json"), "utf8"),
    ) as RunDiff;
    const regressed = diff.cases.filter((entry) => entry.change === "regressed");
    expect(regressed.map((entry) => entry.caseId)).toEqual(expected);
    expect(regressed[0]?.framework).toBe("careful-agent");
    expect(second.code).toBe(1);
    expect(second.stdout).toContain("Regressed (1)");
    expect(second.stdout).toContain(
      "disable-item-flow · careful-agent · offline · router · 1/1 → 0/1",
    );
    expect(second.stderr).toContain("1 case regressed against v1 (--fail-on-regression).");
    const markdown = await readFile(path.join(folder("v2"), "diff.md"), "utf8");
    expect(markdown).toContain("## Regressed (1)");

    // The write case's file is edited: comparing it would not be fair, so it is not a regression.
    const caseFile = path.join(cases, "disable-item-flow.yaml");
    await writeFile(caseFile, `${await readFile(caseFile, "utf8")}# reworded\n`);
    const third = await evalCli(
      root,
      ...common,
      ...["--frameworks", agent("after"), "--run-id", "v2-edited", "--out", folder("v2-edited")],
      ...["--baseline", folder("v1"), "--fail-on-regression"],
    );
    expect(third.code, third.stdout).toBe(0);
    expect(third.stdout).toContain("Case changed (not compared) (1)");
    expect(third.stdout).toContain("0 regressed · 0 fixed");

    // Backwards, version 1 fixes what version 2 broke: no regression, exit 0.
    const reverse = await evalCli(
      root,
      ...["diff", folder("v2"), folder("v1"), "--out", root, "--fail-on-regression"],
    );
    expect(reverse.code, reverse.stderr).toBe(0);
    expect(reverse.stdout).toContain("Fixed (1)");
    const html = await readFile(path.join(root, "diff.html"), "utf8");
    expect(html).toContain('href="eval-results/v2/report.html"');

    const history = await evalCli(root, "history", path.join(root, "eval-results"), "--json");
    const entries = JSON.parse(history.stdout) as RunEntry[];
    expect(entries.map((entry) => entry.runId)).toEqual(["v2-edited", "v2", "v1"]);
    expect(entries[1]).toMatchObject({ runs: 2, graded: 2, passed: 1, cases: 2 });
    // Each report links to the run before it.
    const report = await readFile(path.join(folder("v2"), "report.html"), "utf8");
    expect(report).toContain('Previous run: <a href="../v1/report.html">v1</a>');
    const table = await evalCli(root, "history", path.join(root, "eval-results"));
    expect(table.stdout).toContain("3 runs in");
    expect(table.stdout).toMatch(/v2-edited[\s\S]*v2[\s\S]*v1/);
  }, 300_000);

  it("names the fix for a wrong folder and for --fail-on-regression without --baseline", async () => {
    const missing = await evalCli(root, "diff", path.join(root, "nope"), path.join(root, "nope2"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("has no run.json, so it is not an eval results folder");
    const lonely = await evalCli(root, "--fail-on-regression", "--cases", cases);
    expect(lonely.code).toBe(2);
    expect(lonely.stderr).toContain("--fail-on-regression compares against a baseline");
  }, 60_000);
});
