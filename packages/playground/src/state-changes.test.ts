/** The Changes view's sentences, from real writes on a sandbox account and its own snapshots. */
import { defaultTestNow } from "@celigo-agents/core/testing";
import { executeTool, type RunningSandbox, startSandbox } from "@celigo-agents/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeStateChanges } from "./state-changes.ts";

interface Snapshot {
  flows: Array<{ _id: string; name: string; disabled?: boolean }>;
  errors: Array<{ errorId: string; _flowId: string; _stepId: string; resolved: boolean }>;
}

describe("describeStateChanges", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, now: defaultTestNow });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const freshAccount = () => {
    const { accountId } = sandbox.createAccount({ scenario: "acme-retail", now: defaultTestNow });
    const state = () => sandbox.accountState(accountId, { settle: true }) as Snapshot;
    const run = async (tool: string, args: Record<string, unknown>) => {
      const result = await executeTool(sandbox.directory, accountId, tool, args);
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    };
    return { state, run };
  };

  /** The flow and step holding the most open errors, so the counts are not trivially 1. */
  const busiestStep = (snapshot: Snapshot) => {
    const counts = new Map<string, string[]>();
    for (const error of snapshot.errors.filter((candidate) => !candidate.resolved)) {
      const key = `${error._flowId} ${error._stepId}`;
      counts.set(key, [...(counts.get(key) ?? []), error.errorId]);
    }
    const [key, errorIds] =
      [...counts].sort((left, right) => right[1].length - left[1].length)[0] ?? [];
    const [flowId = "", stepId = ""] = (key ?? "").split(" ");
    const flow = snapshot.flows.find((candidate) => candidate._id === flowId);
    if (!flow || !errorIds) throw new Error("the scenario has no open errors");
    return { flow, stepId, errorIds };
  };

  it("says nothing changed when nothing did", () => {
    const account = freshAccount();
    expect(describeStateChanges(account.state(), account.state())).toEqual([]);
  });

  it("names a patched flow by name with the field's old and new value", async () => {
    const account = freshAccount();
    const before = account.state();
    const flow = before.flows.find((candidate) => candidate.disabled !== true);
    if (!flow) throw new Error("the scenario has no enabled flow");
    await account.run("CELIGO_PATCH_FLOW", {
      flow_id: flow._id,
      operations: [{ op: "replace", path: "/disabled", value: "true" }],
    });
    const changes = describeStateChanges(before, account.state());
    expect(changes.map((change) => change.summary)).toEqual([
      `flow ${flow.name}: disabled false → true`,
    ]);
  });

  it("counts resolved and retried errors per flow, and the retry job a retry started", async () => {
    const resolving = freshAccount();
    const before = resolving.state();
    const step = busiestStep(before);
    await resolving.run("CELIGO_RESOLVE_ERRORS", {
      flow_id: step.flow._id,
      export_id: step.stepId,
      error_ids: step.errorIds,
    });
    expect(describeStateChanges(before, resolving.state()).map((change) => change.summary)).toEqual(
      [`resolved ${step.errorIds.length} errors on ${step.flow.name}`],
    );

    const retrying = freshAccount();
    const start = retrying.state();
    await retrying.run("CELIGO_RETRY_ERRORS", {
      flow_id: step.flow._id,
      export_id: step.stepId,
      error_ids: step.errorIds,
    });
    const summaries = describeStateChanges(start, retrying.state()).map((change) => change.summary);
    expect(summaries).toContain(`retried ${step.errorIds.length} errors on ${step.flow.name}`);
    expect(summaries).toContain(`1 new retry job on ${step.flow.name}`);
  });
});
