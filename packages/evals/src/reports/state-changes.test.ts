/** State changes in words, on the real sandbox: expectations read from the account's own data. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveReferences } from "../cases/resolve-references.ts";
import { gradeState } from "../graders/state-grader.ts";
import type { EvalSandbox, ReferenceAction } from "../runs/eval-context.ts";
import { openEvalSandbox } from "../runs/sandbox-harness.ts";
import { describeStateChanges, stateMismatchSummary } from "./state-changes.ts";

const now = "2026-11-21T15:06:00.000Z";
const amazon = "Amazon Seller Central Orders to NetSuite";
const shopify = "Shopify Order to NetSuite Sales Order";

interface Snapshot {
  flows: Array<{ _id: string; name: string }>;
  errors: Array<{ _flowId: string; resolved: boolean }>;
}

describe("describeStateChanges", () => {
  let sandbox: EvalSandbox;
  let initial: Snapshot;
  beforeAll(async () => {
    sandbox = await openEvalSandbox(now);
    const account = await sandbox.createAccount("acme-retail");
    initial = (await sandbox.accountState(account.accountId)) as Snapshot;
  });
  afterAll(() => sandbox?.close());

  const resolveAll = (flow: string, step: string): ReferenceAction =>
    resolveReferences(
      {
        tool: "CELIGO_RESOLVE_ERRORS",
        args: {
          flow_id: { $id: "flow", name: flow },
          export_id: { $id: "export", name: step },
          error_ids: { $errorIds: { flow, step } },
        },
      },
      initial,
    ) as ReferenceAction;

  const after = async (actions: ReferenceAction[]): Promise<unknown> => {
    const account = await sandbox.createAccount("acme-retail");
    await sandbox.replay(account.accountId, actions);
    return sandbox.accountState(account.accountId);
  };

  const openErrors = (flowName: string, step?: (error: unknown) => boolean) => {
    const flow = initial.flows.find((candidate) => candidate.name === flowName);
    return initial.errors.filter(
      (error) => error._flowId === flow?._id && !error.resolved && (step?.(error) ?? true),
    ).length;
  };

  it("names resolved errors and a disabled flow by name, and says nothing for no change", async () => {
    const exportStep = "Get Amazon Orders";
    const state = await after([resolveAll(amazon, exportStep)]);
    const stepId = (
      initial as unknown as { exports: Array<{ _id: string; name: string }> }
    ).exports.find((step) => step.name === exportStep)?._id;
    const expected = openErrors(
      amazon,
      (error) => (error as { _stepId: string })._stepId === stepId,
    );
    expect(expected).toBeGreaterThan(0);
    expect(describeStateChanges(initial, state)).toEqual([
      {
        kind: "errors",
        resource: "flow",
        name: amazon,
        count: expected,
        text: `resolved ${expected} error${expected === 1 ? "" : "s"} on ${amazon}`,
      },
    ]);

    const flowId = resolveReferences(
      { $id: "flow", name: "NetSuite Item to Shopify Product" },
      initial,
    );
    const disabled = await after([
      {
        tool: "CELIGO_PATCH_FLOW",
        args: {
          flow_id: flowId,
          operations: [{ op: "replace", path: "/disabled", value: "true" }],
        },
      },
    ]);
    expect(describeStateChanges(initial, disabled).map((change) => change.text)).toEqual([
      "disabled flow NetSuite Item to Shopify Product",
    ]);
    expect(describeStateChanges(initial, initial)).toEqual([]);
  });

  it("tells a wrong target in the grader's summary: what the run did and what the request named", async () => {
    const expected = await after([resolveAll(amazon, "Get Amazon Orders")]);
    const actual = await after([resolveAll(shopify, "Get Shopify Orders")]);
    const summary = stateMismatchSummary(initial, expected, actual);
    expect(summary).toMatch(
      new RegExp(
        `^resolved \\d+ errors? on ${shopify}; the request named ${amazon} \\(expected: resolved \\d+ errors? on ${amazon}\\)$`,
      ),
    );
    const graded = gradeState({ initial, expected, actual });
    expect(graded.passed).toBe(false);
    expect(graded.summary).toBe(summary);
    // The raw differences stay for those who need them.
    expect(graded.details.length).toBeGreaterThan(0);
    expect(stateMismatchSummary(initial, expected, initial)).toMatch(
      /^changed nothing; expected: resolved/,
    );
  });
});
