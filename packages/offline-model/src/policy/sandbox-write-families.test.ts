import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccountFacts, accountFacts, cited, openErrorsOf } from "../testing/account-facts.ts";
import {
  type Exposure,
  type HarnessAccount,
  type SandboxAgentHarness,
  startSandboxAgentHarness,
} from "../testing/sandbox-agent-harness.ts";

let harness: SandboxAgentHarness;

beforeAll(async () => {
  harness = await startSandboxAgentHarness();
});
afterAll(() => harness.close());

const exposures: Exposure[] = ["direct", "router"];
const facts = (account: HarnessAccount) => accountFacts(account.state());
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** The flow with the most open errors: the one a retry or resolve has most to do on. */
function busiestFlow(before: AccountFacts) {
  const flow = [...before.flows].sort(
    (left, right) => openErrorsOf(before, right._id).length - openErrorsOf(before, left._id).length,
  )[0];
  if (!flow || openErrorsOf(before, flow._id).length === 0) throw new Error("No open errors.");
  return flow;
}

describe.each(exposures)("families that change acme-retail, %s exposure", (exposure) => {
  it("retries every open error of a named flow, one retry job per step", async () => {
    const account = harness.freshAccount();
    const before = facts(account);
    const flow = busiestFlow(before);
    const open = openErrorsOf(before, flow._id);
    const steps = [...new Set(open.map((error) => error._stepId))];
    const run = await account.ask(exposure, [`Retry the errors of the ${flow.name} flow.`]);
    const after = facts(account);
    const newJobs = after.jobs.filter(
      (job) => !before.jobs.some((earlier) => earlier._id === job._id),
    );
    expect(newJobs.map((job) => [job.type, job._flowId])).toEqual(
      steps.map(() => ["retry", flow._id]),
    );
    expect(run.answer).toContain(`Retried ${plural(open.length, "error")} on 1 flow`);
    expect(run.answer).toContain(`${plural(newJobs.length, "retry job")} started`);
    for (const job of newJobs) expect(run.answer).not.toContain(job._id);
    expect(run.answer).toContain(cited(flow));
  });

  it("resolves every open error of a named flow and no other", async () => {
    const account = harness.freshAccount();
    const before = facts(account);
    const flow = busiestFlow(before);
    const open = openErrorsOf(before, flow._id);
    const run = await account.ask(exposure, [`Resolve the open errors of the ${flow.name} flow.`]);
    const after = facts(account);
    expect(openErrorsOf(after, flow._id)).toEqual([]);
    const othersOpen = (state: AccountFacts) =>
      state.errors.filter((error) => error._flowId !== flow._id && !error.resolved).length;
    expect(othersOpen(after)).toBe(othersOpen(before));
    expect(run.answer).toContain(`Resolved ${plural(open.length, "error")}`);
  });

  it("asks before disabling a flow, and disables it once the user confirms", async () => {
    const account = harness.freshAccount();
    const flow = facts(account).flows.find((candidate) => candidate.disabled !== true);
    if (!flow) throw new Error("No enabled flow.");
    const run = await account.ask(exposure, [`Disable the ${flow.name} flow.`, "Yes, go ahead."]);
    expect(run.answers[0]).toMatch(/confirm/i);
    expect(run.answers[0]).toContain(cited(flow));
    const patches = run.toolCalls.filter((call) =>
      JSON.stringify(call.arguments).includes('"path":"/disabled"'),
    );
    expect(patches).toHaveLength(1);
    const after = facts(account).flows.find((candidate) => candidate._id === flow._id);
    expect(after?.disabled).toBe(true);
    expect(run.answer).toBe(
      `Disabled ${cited(flow)}. It will not run on its schedule until enabled again.`,
    );
  });

  it("leaves a flow enabled when the user has not confirmed", async () => {
    const account = harness.freshAccount();
    const before = facts(account);
    const flow = before.flows.find((candidate) => candidate.disabled !== true);
    if (!flow) throw new Error("No enabled flow.");
    const run = await account.ask(exposure, [`Disable the ${flow.name} flow.`]);
    expect(run.answer).toMatch(/please confirm/i);
    expect(facts(account).flows).toEqual(before.flows);
  });

  it("disables at once when the request itself confirms", async () => {
    const account = harness.freshAccount();
    const flow = facts(account).flows.find((candidate) => candidate.disabled !== true);
    if (!flow) throw new Error("No enabled flow.");
    const run = await account.ask(exposure, [`Disable the ${flow.name} flow. I confirm.`]);
    expect(facts(account).flows.find((candidate) => candidate._id === flow._id)?.disabled).toBe(
      true,
    );
    expect(run.answer).toContain(`Disabled ${cited(flow)}`);
  });

  it("enables a disabled flow", async () => {
    const account = harness.freshAccount();
    const flow = facts(account).flows.find((candidate) => candidate.disabled === true);
    if (!flow) throw new Error("No disabled flow.");
    const run = await account.ask(exposure, [`Enable the ${flow.name} flow again.`]);
    expect(facts(account).flows.find((candidate) => candidate._id === flow._id)?.disabled).toBe(
      false,
    );
    expect(run.answer).toBe(`Enabled ${cited(flow)}.`);
  });

  it("says a named flow does not exist, names those that do, and changes nothing", async () => {
    const account = harness.freshAccount();
    const before = facts(account);
    const invented = "Walmart";
    expect(before.flows.some((flow) => flow.name.includes(invented))).toBe(false);
    const run = await account.ask(exposure, [
      `Retry the errors of the ${invented} Orders to NetSuite flow.`,
    ]);
    expect(run.answer).toContain(`I found no flow named like "${invented}"`);
    const named = before.flows.filter((flow) => run.answer.includes(cited(flow)));
    expect(named).toHaveLength(Math.min(12, before.flows.length));
    const after = facts(account);
    expect(after.jobs.length).toBe(before.jobs.length);
    expect(after.errors).toEqual(before.errors);
  });

  it("asks for confirmation instead of deleting a flow", async () => {
    const account = harness.freshAccount();
    const before = facts(account);
    const flow = before.flows[0];
    if (!flow) throw new Error("No flow.");
    const run = await account.ask(exposure, [`Delete the ${flow.name} flow.`]);
    expect(run.answer).toContain(`Deleting flow ${cited(flow)} cannot be undone. Please confirm`);
    expect(facts(account).flows).toEqual(before.flows);
  });
});
