import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CaseChange, type CaseDiff, diffRuns, hasRegression, loadRun } from "./diff-runs.ts";
import { manifestOf, type Outcome, writeResultsFolder } from "./test-fixtures/results-folders.ts";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "evals-diff-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function diffOf(
  baseline: readonly Outcome[],
  candidate: readonly Outcome[],
  manifests: {
    baseline?: ReturnType<typeof manifestOf>;
    candidate?: ReturnType<typeof manifestOf>;
  } = {},
) {
  const older = path.join(root, "baseline");
  const newer = path.join(root, "candidate");
  await writeResultsFolder(
    older,
    { runId: "baseline", startedAt: "2026-11-20T10:00:00.000Z", manifest: manifests.baseline },
    baseline,
  );
  await writeResultsFolder(
    newer,
    { runId: "candidate", startedAt: "2026-11-21T10:00:00.000Z", manifest: manifests.candidate },
    candidate,
  );
  return diffRuns(await loadRun(older), await loadRun(newer));
}

function byChange(cases: readonly CaseDiff[], change: CaseChange): string[] {
  return cases
    .filter((entry) => entry.change === change)
    .map((entry) => `${entry.framework} ${entry.caseId}`)
    .sort();
}

const everyCase = (framework: string, caseIds: string[], status: Outcome["status"] = "passed") =>
  caseIds.map((caseId): Outcome => ({ framework, caseId, status }));

describe("pnpm eval diff", () => {
  it("two runs differing by one framework: its cases are new or gone, the rest unchanged", async () => {
    const cases = ["offline-connection", "disable-item-flow"];
    const hashes = { "offline-connection": "a1", "disable-item-flow": "b1" };
    const diff = await diffOf(
      [...everyCase("mastra", cases), ...everyCase("langchain", cases)],
      [...everyCase("mastra", cases), ...everyCase("ai-sdk", cases)],
      { baseline: manifestOf(hashes), candidate: manifestOf(hashes) },
    );
    expect(byChange(diff.cases, "new")).toEqual(cases.map((id) => `ai-sdk ${id}`).sort());
    expect(byChange(diff.cases, "gone")).toEqual(cases.map((id) => `langchain ${id}`).sort());
    expect(byChange(diff.cases, "unchanged")).toEqual(cases.map((id) => `mastra ${id}`).sort());
    expect(diff.counts.regressed + diff.counts.fixed).toBe(0);
    expect(hasRegression(diff)).toBe(false);
    const aiSdk = diff.variants.find((variant) => variant.framework === "ai-sdk");
    expect(aiSdk?.comparableCases).toBe(0);
    expect(aiSdk?.passRate.delta).toBeUndefined();
  });

  it("two runs differing in one case's outcome: fixed, regressed, still failing, with the reason", async () => {
    const diff = await diffOf(
      [
        { framework: "mastra", caseId: "flow-last-run", status: "passed" },
        { framework: "mastra", caseId: "offline-connection", status: "failed" },
        { framework: "mastra", caseId: "nonexistent-flow", status: "failed" },
        { framework: "mastra", caseId: "integration-access", status: "passed" },
      ],
      [
        { framework: "mastra", caseId: "flow-last-run", status: "failed" },
        { framework: "mastra", caseId: "offline-connection", status: "passed" },
        { framework: "mastra", caseId: "nonexistent-flow", status: "agent-error" },
        { framework: "mastra", caseId: "integration-access", status: "passed" },
        { framework: "mastra", caseId: "pending-invitation", status: "passed" },
      ],
    );
    expect(byChange(diff.cases, "regressed")).toEqual(["mastra flow-last-run"]);
    expect(byChange(diff.cases, "fixed")).toEqual(["mastra offline-connection"]);
    expect(byChange(diff.cases, "still-failing")).toEqual(["mastra nonexistent-flow"]);
    expect(byChange(diff.cases, "unchanged")).toEqual(["mastra integration-access"]);
    expect(byChange(diff.cases, "new")).toEqual(["mastra pending-invitation"]);
    const regressed = diff.cases.find((entry) => entry.change === "regressed");
    expect(regressed?.reason).toBe("answer: answer of flow-last-run lacks it");
    expect(hasRegression(diff)).toBe(true);
    // No manifests: the diff says it cannot see case edits.
    expect(diff.warnings.join("\n")).toContain("Neither run.json has a provenance manifest");
    const [variant] = diff.variants;
    // Over the 4 cases both graded: 2/4 -> 2/4, one pair flipped each way.
    expect(variant?.comparableCases).toBe(4);
    expect(variant?.passRate.delta).toBe(0);
    expect(variant?.pairs).toMatchObject({ fixed: 1, regressed: 1, pValue: 1 });
  });

  it("a case whose file changed is 'case changed', never a regression, and leaves the deltas", async () => {
    const diff = await diffOf(
      [
        { framework: "mastra", caseId: "flow-last-run", status: "passed" },
        { framework: "mastra", caseId: "offline-connection", status: "passed" },
      ],
      [
        { framework: "mastra", caseId: "flow-last-run", status: "failed" },
        { framework: "mastra", caseId: "offline-connection", status: "passed" },
      ],
      {
        baseline: manifestOf({ "flow-last-run": "old", "offline-connection": "same" }),
        candidate: manifestOf(
          { "flow-last-run": "edited", "offline-connection": "same" },
          {
            frameworks: {
              mastra: {
                package: "@celigo-agents/mastra",
                directory: "apps/mastra",
                dependencies: { "@mastra/core": "1.72.0" },
              },
            },
          },
        ),
      },
    );
    expect(byChange(diff.cases, "case-changed")).toEqual(["mastra flow-last-run"]);
    expect(hasRegression(diff)).toBe(false);
    expect(diff.variants[0]?.comparableCases).toBe(1);
    expect(diff.warnings).toContain(
      "mastra runs on different versions: @mastra/core 1.71.0 → 1.72.0.",
    );
  });

  it("repeats compare pass rates; infrastructure-only cells get no verdict", async () => {
    const repeats = (caseId: string, statuses: Outcome["status"][]) =>
      statuses.map(
        (status, index): Outcome => ({ framework: "mastra", caseId, status, repeat: index + 1 }),
      );
    const diff = await diffOf(
      [
        ...repeats("flow-last-run", ["passed", "passed", "failed", "failed"]),
        ...repeats("offline-connection", ["passed", "passed", "passed", "passed"]),
      ],
      [
        ...repeats("flow-last-run", ["passed", "failed", "failed", "failed"]),
        ...repeats("offline-connection", [
          "infrastructure-error",
          "infrastructure-error",
          "infrastructure-error",
          "infrastructure-error",
        ]),
      ],
    );
    expect(byChange(diff.cases, "regressed")).toEqual(["mastra flow-last-run"]);
    expect(byChange(diff.cases, "no-verdict")).toEqual(["mastra offline-connection"]);
    const regressed = diff.cases.find((entry) => entry.change === "regressed");
    expect(regressed?.baseline).toEqual({ runs: 4, graded: 4, passed: 2 });
    expect(regressed?.candidate).toEqual({ runs: 4, graded: 4, passed: 1 });
    expect(diff.variants[0]?.pairs).toMatchObject({ fixed: 0, regressed: 1 });
  });

  it("a folder that is not a results folder is named with the fix", async () => {
    await expect(loadRun(path.join(root, "nothing-here"))).rejects.toThrow(
      /has no run.json, so it is not an eval results folder/,
    );
  });
});
