import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timeInWords } from "../language/time-zones.ts";
import {
  type AccountFacts,
  accountFacts,
  cited,
  dayStart,
  failedFlowIds,
  openErrorsOf,
} from "../testing/account-facts.ts";
import {
  type Exposure,
  type SandboxAgentHarness,
  scenarioNow,
  startSandboxAgentHarness,
} from "../testing/sandbox-agent-harness.ts";

let harness: SandboxAgentHarness;
let facts: AccountFacts;

beforeAll(async () => {
  harness = await startSandboxAgentHarness();
  facts = accountFacts(harness.account.state());
});
afterAll(() => harness.close());

const exposures: Exposure[] = ["direct", "router"];
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
const flowById = (id: string) => facts.flows.find((flow) => flow._id === id);

/** The agent ran only read tools: the account's data is what it was before. */
function expectUnchanged() {
  const after = accountFacts(harness.account.state());
  expect(after.flows).toEqual(facts.flows);
  expect(after.errors).toEqual(facts.errors);
  expect(after.audit.length).toBe(facts.audit.length);
}

describe.each(exposures)("read-only families on acme-retail, %s exposure", (exposure) => {
  it.each([
    { period: "today", since: () => dayStart(scenarioNow), until: () => scenarioNow },
    {
      period: "yesterday",
      since: () => dayStart(scenarioNow, 1),
      until: () => dayStart(scenarioNow),
    },
  ])("names the flows that failed $period, and only those", async ({ period, since, until }) => {
    const run = await harness.account.ask(exposure, [`Which flows failed ${period}?`]);
    const failed = [...failedFlowIds(facts, since(), until())].flatMap((id) => flowById(id) ?? []);
    expect(failed.length).toBeGreaterThan(0);
    expect(run.answer).toContain(`${plural(failed.length, "flow")} failed ${period}`);
    for (const flow of failed) expect(run.answer).toContain(cited(flow));
    for (const flow of facts.flows.filter((candidate) => !failed.includes(candidate))) {
      expect(run.answer).not.toContain(flow.name);
    }
    expectUnchanged();
  });

  it("gives the same answer through the Responses API", async () => {
    const chat = await harness.account.ask(exposure, ["Which flows failed today?"]);
    const responses = await harness.account.ask(
      exposure,
      ["Which flows failed today?"],
      "responses",
    );
    expect(responses.answer).toBe(chat.answer);
    // Router sessions differ between the two runs; the tools called and their order do not.
    expect(responses.toolCalls.map((call) => call.tool)).toEqual(
      chat.toolCalls.map((call) => call.tool),
    );
  });

  it("lists the open errors of a named flow, step by step", async () => {
    const flow = [...facts.flows].sort(
      (left, right) => openErrorsOf(facts, right._id).length - openErrorsOf(facts, left._id).length,
    )[0];
    if (!flow) throw new Error("The scenario has no flows.");
    const run = await harness.account.ask(exposure, [
      `Show me the recent job errors of the ${flow.name} flow.`,
    ]);
    const open = openErrorsOf(facts, flow._id);
    expect(run.answer).toContain(`${plural(open.length, "open error")} on 1 flow`);
    // Grouped by code, most frequent first, the top five shown with their counts.
    const counts = new Map<string, number>();
    for (const error of open) counts.set(error.code, (counts.get(error.code) ?? 0) + 1);
    const ranked = [...counts].sort(
      (left, right) => right[1] - left[1] || left[0].localeCompare(right[0]),
    );
    for (const [code, count] of ranked.slice(0, 5))
      expect(run.answer).toContain(`${code} ×${count}`);
    if (ranked.length > 5)
      expect(run.answer).toContain(`…and ${plural(ranked.length - 5, "more code")}`);
    expect(run.answer).not.toMatch(/\b[0-9a-f]{24}\b/);
  });

  it("lists the open errors of a named integration's flows only", async () => {
    const integration = facts.integrations.find((candidate) =>
      facts.flows.some(
        (flow) => flow._integrationId === candidate._id && openErrorsOf(facts, flow._id).length > 0,
      ),
    );
    if (!integration) throw new Error("No integration has open errors.");
    const run = await harness.account.ask(exposure, [
      `What open errors does the ${integration.name} integration have right now?`,
    ]);
    const flows = facts.flows.filter((flow) => flow._integrationId === integration._id);
    const total = flows.reduce((sum, flow) => sum + openErrorsOf(facts, flow._id).length, 0);
    expect(run.answer).toContain(`${plural(total, "open error")} on`);
    for (const flow of flows.filter((candidate) => openErrorsOf(facts, candidate._id).length)) {
      expect(run.answer).toContain(cited(flow));
    }
    for (const flow of facts.flows.filter((candidate) => !flows.includes(candidate))) {
      expect(run.answer).not.toContain(flow.name);
    }
  });

  it("names the offline connections", async () => {
    const run = await harness.account.ask(exposure, ["Which of our connections is offline?"]);
    const offline = facts.connections.filter((connection) => connection.offline === true);
    expect(run.answer).toContain(`${offline.length} of ${facts.connections.length} connections`);
    for (const connection of facts.connections) {
      if (connection.offline) expect(run.answer).toContain(cited(connection));
      else expect(run.answer).not.toContain(connection.name);
    }
  });

  it("lists who can reach an integration, with the level each has there", async () => {
    const scoped = facts.ashares.find((share) => share.integrationAccessLevel?.length);
    const grant = scoped?.integrationAccessLevel?.[0];
    const integration = facts.integrations.find((item) => item._id === grant?._integrationId);
    if (!scoped || !grant || !integration) throw new Error("No integration-level share.");
    const run = await harness.account.ask(exposure, [
      `Who has access to the ${integration.name} integration?`,
    ]);
    for (const share of facts.ashares) {
      const entry = share.integrationAccessLevel?.find(
        (item) => item._integrationId === integration._id,
      );
      const name = share.sharedWithUser.name;
      if (share.accessLevel) expect(run.answer).toContain(`${name} <`);
      else if (entry)
        expect(run.answer).toMatch(new RegExp(`${name} <.*: ${entry.accessLevel} on this`));
      else expect(run.answer).not.toContain(name);
    }
  });

  it("names the users whose invitation is pending", async () => {
    const run = await harness.account.ask(exposure, [
      "Which users have not accepted their invitation yet?",
    ]);
    const pending = facts.ashares.filter((share) => share.accepted === false);
    expect(pending.length).toBeGreaterThan(0);
    for (const share of facts.ashares) {
      const name = share.sharedWithUser.name;
      if (pending.includes(share)) expect(run.answer).toContain(name);
      else expect(run.answer).not.toContain(name);
    }
  });

  it("lists the global state keys, then reads one", async () => {
    const keys = Object.keys(facts.state.global);
    const key = keys[0] ?? "";
    const run = await harness.account.ask(exposure, [
      "What state keys are stored?",
      `What is the value of the ${key} state key?`,
    ]);
    expect(run.answers[0]).toContain(`${keys.length} global state keys: `);
    for (const stored of keys) expect(run.answers[0]).toContain(stored);
    expect(run.answer).toContain(JSON.stringify(facts.state.global[key]));
  });

  it("says who disabled a flow, from its audit log", async () => {
    const entry = [...facts.audit]
      .sort((left, right) => right.time.localeCompare(left.time))
      .find((candidate) =>
        candidate.fieldChanges?.some(
          (change) => change.fieldPath === "disabled" && change.newValue === true,
        ),
      );
    const flow = entry && flowById(entry._resourceId);
    if (!entry?.byUser || !flow) throw new Error("No audited disable of a flow.");
    const run = await harness.account.ask(exposure, [`Who disabled the ${flow.name} flow?`]);
    expect(run.answer).toMatch(
      new RegExp(`^${entry.byUser.name} <${entry.byUser.email}> disabled ${flow.name}`),
    );
    expect(run.answer).toContain(timeInWords(entry.time, new Date(scenarioNow), "UTC"));
  });

  it("says when a flow last ran", async () => {
    const flow = facts.flows.find((candidate) => candidate.lastExecutedAt);
    if (!flow?.lastExecutedAt) throw new Error("No flow has run.");
    const run = await harness.account.ask(exposure, [`When did the ${flow.name} flow last run?`]);
    const latest = facts.jobs
      .filter((job) => job._flowId === flow._id && job.type === "flow")
      .sort((left, right) => right.createdAt.localeCompare(left.createdAt))[0];
    expect(run.answer).toContain(
      `${cited(flow)} last ran ${timeInWords(flow.lastExecutedAt, new Date(scenarioNow), "UTC")}`,
    );
    expect(run.answer).toContain(`${plural(latest?.numError ?? 0, "error")}`);
    expect(run.answer).not.toContain(String(latest?._id));
  });

  it("lists the integrations", async () => {
    const run = await harness.account.ask(exposure, ["List our integrations."]);
    expect(run.answer).toContain(plural(facts.integrations.length, "integration"));
    for (const integration of facts.integrations) expect(run.answer).toContain(cited(integration));
  });
});
