/** Draft cases from a conversation on a real sandbox account, read back by the eval's loader. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ToolCallRecord } from "@celigo-agents/core";
import { defaultTestNow } from "@celigo-agents/core/testing";
import { loadCases, parseCase } from "@celigo-agents/evals";
import { startSandbox } from "@celigo-agents/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationRecord } from "./column.ts";
import { draftCase, saveDraftCase } from "./draft-case.ts";

interface Snapshot {
  flows: Array<{ _id: string; name: string }>;
  exports: Array<{ _id: string; name: string }>;
  imports: Array<{ _id: string; name: string }>;
  errors: Array<{ errorId: string; _flowId: string; _stepId: string; resolved: boolean }>;
}

function call(slug: string, callArguments: unknown, extra: Partial<ToolCallRecord> = {}) {
  return {
    name: slug,
    slug,
    arguments: callArguments,
    result: {},
    isError: false,
    durationMs: 1,
    ...extra,
  };
}

describe("draft cases", () => {
  let initialState: Snapshot;
  let directory: string;

  beforeAll(async () => {
    const sandbox = await startSandbox({ port: 0, now: defaultTestNow });
    const { accountId } = sandbox.createAccount({ scenario: "acme-retail", now: defaultTestNow });
    initialState = sandbox.accountState(accountId, { settle: true }) as Snapshot;
    await sandbox.close();
    directory = await mkdtemp(path.join(tmpdir(), "playground-drafts-"));
  });
  afterAll(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  /** A step's open errors, resolved after an approval; a delete refused in the same turn. */
  function conversation(): { record: ConversationRecord; flow: string; step: string } {
    const open = initialState.errors.filter((error) => !error.resolved);
    const first = open[0];
    if (!first) throw new Error("the scenario has no open errors");
    const errorIds = open
      .filter((error) => error._flowId === first._flowId && error._stepId === first._stepId)
      .map((error) => error.errorId);
    const flow = initialState.flows.find((candidate) => candidate._id === first._flowId);
    const step = [...initialState.exports, ...initialState.imports].find(
      (candidate) => candidate._id === first._stepId,
    );
    const other = initialState.flows.find((candidate) => candidate._id !== first._flowId);
    if (!flow || !step || !other) throw new Error("the scenario lacks a flow or step");
    const record: ConversationRecord = {
      runner: "ai-sdk",
      prompts: [`Resolve the errors of ${flow.name} and delete ${other.name}.`, "thanks"],
      answers: [`Resolved the errors of ${flow.name}; deleting ${other.name} was refused.`, "ok"],
      approvals: [
        { slug: "CELIGO_RESOLVE_ERRORS", innerSlugs: [], answer: "approved" },
        { slug: "CELIGO_DELETE_FLOW", innerSlugs: [], answer: "refused" },
      ],
      toolCalls: [
        call("CELIGO_LIST_FLOWS", {}),
        call(
          "CELIGO_RESOLVE_ERRORS",
          { flow_id: flow._id, export_id: step._id, error_ids: errorIds },
          { approval: "approved" },
        ),
        call("CELIGO_DELETE_FLOW", { flow_id: other._id }, { isError: true, approval: "refused" }),
      ],
      steps: 4,
      usage: { inputTokens: 100, outputTokens: 20 },
      changes: [
        {
          kind: "errors",
          resource: "flow",
          name: flow.name,
          text: `resolved ${errorIds.length} errors on ${flow.name}`,
          count: errorIds.length,
        },
      ],
      initialState,
    };
    return { record, flow: flow.name, step: step.name };
  }

  it("names records instead of ids, keeps what ran and leaves out what was refused", () => {
    const { record, flow, step } = conversation();
    const draft = draftCase(record, { scenario: "acme-retail", now: defaultTestNow });
    const parsed = parseCase(draft.yaml, `${draft.id}.yaml`);
    if (!("evalCase" in parsed)) throw new Error(JSON.stringify(parsed.problems));
    const { evalCase } = parsed;
    expect(evalCase.id).toBe(draft.id);
    expect(evalCase.prompt).toBe(record.prompts[0]);
    expect(evalCase.approve).toBe("always");
    const resolve = {
      tool: "CELIGO_RESOLVE_ERRORS",
      args: {
        flow_id: { $id: "flow", name: flow },
        export_id: { $id: expect.stringMatching(/^(export|import)$/), name: step },
        error_ids: { $errorIds: { flow, step } },
      },
    };
    expect(evalCase.expect.state?.actions).toEqual([resolve]);
    expect(evalCase.expect.trajectory?.calls).toEqual([{ tool: "CELIGO_LIST_FLOWS" }, resolve]);
    expect(evalCase.expect.answer?.mustInclude).toContain(flow);
    // What a case cannot hold is kept for the person editing it.
    expect(draft.yaml).toContain("#   thanks");
    expect(draft.yaml).toContain("# Approval asked for CELIGO_DELETE_FLOW: refused.");
    expect(draft.yaml).toContain(`#   - resolved`);
  });

  it("writes numbered files that the eval loads side by side", async () => {
    const { record } = conversation();
    const first = await saveDraftCase(record, directory);
    const second = await saveDraftCase(record, directory);
    expect(path.basename(second)).toBe(path.basename(first).replace(/\.yaml$/, "-2.yaml"));
    const { cases, problems } = await loadCases(directory, directory);
    expect(problems).toEqual([]);
    expect(cases.map((loaded) => loaded.id).sort()).toEqual(
      [path.basename(first, ".yaml"), path.basename(second, ".yaml")].sort(),
    );
  });
});
