/** The state grader and name references on the real sandbox's snapshots, not hand-made ones. */
import { type RunningSandbox, startSandbox } from "@celigo-agents/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveReferences } from "../cases/resolve-references.ts";
import { gradeState } from "./state-grader.ts";

const now = "2026-11-21T15:06:00.000Z";

describe("state grading on sandbox snapshots", () => {
  let sandbox: RunningSandbox;
  let reference: { state: unknown };
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, now, rateLimit: false });
    reference = freshState();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const freshState = () => {
    const account = sandbox.createAccount({ scenario: "acme-retail", now });
    return { account, state: sandbox.accountState(account.accountId, { settle: true }) };
  };

  it("two fresh accounts of one scenario and clock compare equal", () => {
    const second = freshState();
    expect(
      gradeState({ initial: reference.state, expected: reference.state, actual: second.state }),
    ).toEqual({
      grader: "state",
      passed: true,
      details: [],
    });
  });

  it("explains a disabled flow as a diff at that flow", async () => {
    const agent = freshState();
    const flowId = resolveReferences(
      { $id: "flow", name: "NetSuite Item to Shopify Product" },
      reference.state,
    ) as string;
    expect(flowId).toMatch(/^[0-9a-f]{24}$/);
    const response = await sandbox.directory.callApi(agent.account.accountId, {
      method: "PATCH",
      path: `/v1/flows/${flowId}`,
      body: [{ op: "replace", path: "/disabled", value: true }],
    });
    expect(response.status).toBeLessThan(300);
    const result = gradeState({
      initial: reference.state,
      expected: reference.state,
      actual: sandbox.accountState(agent.account.accountId, { settle: true }),
    });
    expect(result.passed).toBe(false);
    // The change itself reads first, before its side effects (lastModified, the audit entry).
    expect(result.details[0]).toBe(`/flows/${flowId}/disabled: expected false, got true`);
  });
});
