/**
 * Requests in operators' own words on acme-retail: synonyms, partial and misspelt names,
 * ambiguity, follow-ups, bulk requests and causes. Expectations come from the account's state.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AccountFacts,
  accountFacts,
  dayStart,
  failedFlowIds,
  openErrorsOf,
} from "../testing/account-facts.ts";
import {
  type Exposure,
  type HarnessAccount,
  type SandboxAgentHarness,
  scenarioNow,
  startSandboxAgentHarness,
} from "../testing/sandbox-agent-harness.ts";

let harness: SandboxAgentHarness;

beforeAll(async () => {
  harness = await startSandboxAgentHarness();
}, 60_000);
afterAll(() => harness.close());

const facts = (account: HarnessAccount) => accountFacts(account.state());
const flowsNamed = (state: AccountFacts, word: string) =>
  state.flows.filter((flow) => flow.name.includes(word));
const writes = (before: AccountFacts, after: AccountFacts) => ({
  flows: after.flows.filter(
    (flow) => before.flows.find((earlier) => earlier._id === flow._id)?.disabled !== flow.disabled,
  ),
  jobs: after.jobs.length - before.jobs.length,
  resolved:
    after.errors.filter((error) => error.resolved).length -
    before.errors.filter((error) => error.resolved).length,
});
const exposures: Exposure[] = ["direct", "router"];

describe.each(exposures)("operators' words on acme-retail, %s exposure", (exposure) => {
  it("asks which one when a name fits two flows, and writes nothing", async () => {
    const account = harness.freshAccount();
    const before = facts(account);
    const amazon = flowsNamed(before, "Amazon");
    expect(amazon.length).toBe(2);
    const run = await account.ask(exposure, ["switch off the Amazon flow"]);
    for (const flow of amazon) expect(run.answer).toContain(flow.name);
    expect(run.answer).toMatch(/which one do you mean/i);
    expect(writes(before, facts(account))).toEqual({ flows: [], jobs: 0, resolved: 0 });
  });

  it("picks the option the user names by its number, then acts after the yes", async () => {
    const account = harness.freshAccount();
    const before = facts(account);
    const run = await account.ask(exposure, [
      "switch off the Amazon flow",
      "the second one",
      "yes",
    ]);
    const second = flowsNamed(before, "Amazon").sort(
      (left, right) =>
        (run.answers[0] ?? "").indexOf(left.name) - (run.answers[0] ?? "").indexOf(right.name),
    )[1];
    expect(writes(before, facts(account)).flows.map((flow) => flow.name)).toEqual([second?.name]);
  });

  it("asks 'did you mean' for a misspelt name before a write, and writes after a yes", async () => {
    const account = harness.freshAccount();
    const before = facts(account);
    const shopifyOrders = before.flows.find((flow) => /^Shopify Order/.test(flow.name));
    if (!shopifyOrders) throw new Error("No Shopify order flow.");
    const asked = await account.ask(exposure, ["rerun the failed shopfy orders"]);
    expect(asked.answer).toContain(`Did you mean "${shopifyOrders.name}"?`);
    expect(writes(before, facts(account)).jobs).toBe(0);
    const confirmed = await account.ask(exposure, ["rerun the failed shopfy orders", "yes"]);
    const open = openErrorsOf(before, shopifyOrders._id);
    expect(confirmed.answer).toContain(`Retried ${open.length} errors on 1 flow`);
    const steps = new Set(open.map((error) => error._stepId));
    expect(writes(before, facts(account)).jobs).toBe(steps.size);
  });

  it("says a flow is already in the requested state and changes nothing", async () => {
    const account = harness.freshAccount();
    const before = facts(account);
    const disabled = before.flows.find((flow) => flow.disabled === true);
    if (!disabled) throw new Error("No disabled flow.");
    const word = disabled.name.split(" ")[1] ?? disabled.name;
    const run = await account.ask(exposure, [`can you pause the ${word.toLowerCase()} flow`]);
    expect(run.answer).toBe(`${disabled.name} is already disabled; nothing to change.`);
    expect(writes(before, facts(account))).toEqual({ flows: [], jobs: 0, resolved: 0 });
  });

  it("states the blast radius of 'retry everything' and asks; retries all after a yes", async () => {
    const account = harness.freshAccount();
    const before = facts(account);
    const withErrors = before.flows.filter((flow) => openErrorsOf(before, flow._id).length > 0);
    const total = withErrors.reduce((sum, flow) => sum + openErrorsOf(before, flow._id).length, 0);
    const run = await account.ask(exposure, [
      "retry everything that failed",
      "yes, retry them all",
    ]);
    expect(run.answers[0]).toContain(
      `That would retry ${total} errors on ${withErrors.length} flows:`,
    );
    expect(run.answer).toContain(`Retried ${total} errors on ${withErrors.length} flows`);
    const steps = new Set(
      withErrors.flatMap((flow) => openErrorsOf(before, flow._id).map((error) => error._stepId)),
    );
    expect(writes(before, facts(account)).jobs).toBe(steps.size);
  });

  it("answers a follow-up that only changes the period", async () => {
    const state = facts(harness.account);
    const run = await harness.account.ask(exposure, [
      "which flows failed today?",
      "and yesterday?",
    ]);
    const yesterday = [...failedFlowIds(state, dayStart(scenarioNow, 1), dayStart(scenarioNow))];
    expect(run.answer).toMatch(new RegExp(`^${yesterday.length} flows failed yesterday`));
    for (const id of yesterday) {
      expect(run.answer).toContain(state.flows.find((flow) => flow._id === id)?.name);
    }
  });

  it("explains why a flow fails from its latest failed run and its connections", async () => {
    const state = facts(harness.account);
    const offline = state.connections.filter((connection) => connection.offline === true);
    expect(offline.length).toBe(1);
    const run = await harness.account.ask(exposure, ["why is the 3PL shipment flow failing?"]);
    expect(run.answer).toContain(`${offline[0]?.name} is offline`);
    expect(run.answer).toMatch(/^3PL Shipment[^\n]* is failing now/);
    expect(run.answer).toMatch(/Likely cause: /);
  });
});
