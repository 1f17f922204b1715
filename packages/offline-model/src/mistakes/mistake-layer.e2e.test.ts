import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { MistakeKind } from "../index.ts";
import { type OfflineModel, startOfflineModel } from "../start-offline-model.ts";
import { type AccountFacts, accountFacts, openErrorsOf } from "../testing/account-facts.ts";
import type { LoopToolCall } from "../testing/mcp-agent-loop.ts";
import {
  type Exposure,
  type HarnessAccount,
  type SandboxAgentHarness,
  startSandboxAgentHarness,
} from "../testing/sandbox-agent-harness.ts";

// Each test runs the loop twice or more against the sandbox; a loaded machine needs room.
vi.setConfig({ testTimeout: 30_000 });

let harness: SandboxAgentHarness;
let facts: AccountFacts;
const models = new Map<string, OfflineModel>();
let keyCount = 0;

beforeAll(async () => {
  harness = await startSandboxAgentHarness();
  facts = accountFacts(harness.account.state());
});
afterAll(async () => {
  await Promise.all([...models.values()].map((model) => model.close()));
  await harness.close();
});

/** One model per profile and seed, shared by the tests. */
async function mistakesModel(profile: string, seed = 0): Promise<OfflineModel> {
  const key = `${profile}#${seed}`;
  const existing = models.get(key);
  if (existing) return existing;
  const model = await startOfflineModel({ mistakes: profile, seed });
  models.set(key, model);
  return model;
}

/** The flow with the most open errors, so lookups by its id have something to find. */
function busiestFlow(state: AccountFacts) {
  const flow = [...state.flows].sort(
    (left, right) => openErrorsOf(state, right._id).length - openErrorsOf(state, left._id).length,
  )[0];
  if (!flow) throw new Error("The scenario has no flows.");
  return flow;
}

/** The same request with the clean model and with a mistake profile, on the same account. */
async function compare(
  exposure: Exposure,
  profile: string,
  request: string,
  options: { seed?: number; account?: HarnessAccount } = {},
) {
  const account = options.account ?? harness.account;
  const clean = await account.ask(exposure, [request]);
  const model = await mistakesModel(profile, options.seed);
  const apiKey = `test-key-${++keyCount}`;
  const run = await account.ask(exposure, [request], "chat-completions", { model, apiKey });
  return { clean, run, committed: model.committedMistakes(apiKey) };
}

const sameCall = (left: LoopToolCall | undefined, right: LoopToolCall | undefined) =>
  left !== undefined &&
  right !== undefined &&
  left.tool === right.tool &&
  JSON.stringify(left.arguments) === JSON.stringify(right.arguments);

const exposures: Exposure[] = ["direct", "router"];
/** A request that takes several model turns in both exposures: a list, then lookups by id. */
const jobErrorsRequest = () =>
  `Show me the recent job errors of the ${busiestFlow(facts).name} flow.`;

describe.each(exposures)(
  "mistakes through an agent loop that returns errors, %s exposure",
  (exposure) => {
    const errorKinds: MistakeKind[] = [
      "malformed-arguments",
      "unknown-tool",
      "schema-violation",
      "name-for-id",
    ];

    it.each(errorKinds)("%s: one failed call, then the clean model's answer", async (kind) => {
      const flow = busiestFlow(facts);
      const { clean, run, committed } = await compare(
        exposure,
        kind,
        `Show me the recent job errors of the ${flow.name} flow.`,
      );
      expect(committed).toHaveLength(1);
      expect(committed[0]).toMatchObject({ kind, outcome: "error returned to the model" });
      // The sandbox (or the loop, for bad JSON) rejected exactly the one mistaken call...
      expect(run.toolCalls.filter((call) => call.isError)).toHaveLength(1);
      expect(clean.toolCalls.filter((call) => call.isError)).toHaveLength(0);
      expect(run.toolCalls).toHaveLength(clean.toolCalls.length + 1);
      // ...and the model, seeing the error, went on as if it had not made it.
      expect(run.answer).toBe(clean.answer);
    });

    it("repeat-call: the same call twice in a row, then the clean answer", async () => {
      const { clean, run, committed } = await compare(exposure, "repeat-call", jobErrorsRequest());
      expect(committed).toEqual([
        expect.objectContaining({ kind: "repeat-call", turn: 1, outcome: "ran again" }),
      ]);
      const repeats = run.toolCalls.filter((call, index) =>
        sameCall(call, run.toolCalls[index - 1]),
      );
      expect(repeats.length).toBeGreaterThan(0);
      expect(run.toolCalls).toHaveLength(clean.toolCalls.length + repeats.length);
      expect(run.answer).toBe(clean.answer);
    });

    it("premature-answer: words after the first call, before the work is done", async () => {
      const { clean, run, committed } = await compare(
        exposure,
        "premature-answer",
        jobErrorsRequest(),
      );
      expect(committed).toEqual([expect.objectContaining({ kind: "premature-answer", turn: 1 })]);
      expect(run.toolCalls.length).toBeGreaterThan(0);
      expect(run.toolCalls.length).toBeLessThan(clean.toolCalls.length);
      const tools = (calls: LoopToolCall[]) => calls.map((call) => call.tool);
      expect(tools(run.toolCalls)).toEqual(tools(clean.toolCalls).slice(0, run.toolCalls.length));
      expect(run.answer).not.toBe(clean.answer);
      for (const flow of facts.flows) expect(run.answer).not.toContain(flow.name);
    });

    it("ignore-tool-error: a call fails and the answer claims it worked", async () => {
      const { clean, run, committed } = await compare(
        exposure,
        "ignore-tool-error",
        jobErrorsRequest(),
      );
      expect(committed).toEqual([
        expect.objectContaining({
          kind: "ignore-tool-error",
          outcome: "error returned to the model",
        }),
      ]);
      expect(run.toolCalls.filter((call) => call.isError)).toHaveLength(1);
      expect(run.answer).not.toBe(clean.answer);
      expect(run.answer).toContain(committed[0]?.tool);
    });
  },
);

describe("the Responses API", () => {
  it("finds its mistake in the stored conversation (previous_response_id) and corrects it", async () => {
    const request = jobErrorsRequest();
    const clean = await harness.account.ask("router", [request], "responses");
    const model = await mistakesModel("name-for-id");
    const run = await harness.account.ask("router", [request], "responses", {
      model,
      apiKey: "test-key-responses",
    });
    expect(model.committedMistakes("test-key-responses")).toEqual([
      expect.objectContaining({ kind: "name-for-id", outcome: "error returned to the model" }),
    ]);
    expect(run.toolCalls.filter((call) => call.isError)).toHaveLength(1);
    expect(run.answer).toBe(clean.answer);
  });
});

describe("the flaky profile", () => {
  const request = jobErrorsRequest;
  const noFeedback = new Set<MistakeKind>(["premature-answer", "ignore-tool-error"]);

  it("is seeded: the same seed and key give the same mistakes and answer", async () => {
    const first = await compare("router", "flaky", request(), { seed: 3 });
    const model = await mistakesModel("flaky", 3);
    const again = await harness.account.ask("router", [request()], "chat-completions", {
      model,
      apiKey: "test-key-repeat",
    });
    expect(model.committedMistakes("test-key-repeat")).toEqual(first.committed);
    expect(again.answer).toBe(first.run.answer);
  });

  it("varies with the seed, and only the mistakes no error reveals change the answer", async () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 8; seed++) {
      const { clean, run, committed } = await compare("router", "flaky", request(), { seed });
      expect(committed.length).toBeLessThanOrEqual(1);
      const kind = committed[0]?.kind;
      seen.add(kind ?? "none");
      if (kind && noFeedback.has(kind)) expect(run.answer).not.toBe(clean.answer);
      else expect(run.answer).toBe(clean.answer);
    }
    expect(seen.size).toBeGreaterThan(2);
  });
});

describe("a write after a mistake", () => {
  it("retries each error once when the first try passed a name for the flow id", async () => {
    const account = harness.freshAccount();
    const reference = harness.freshAccount();
    const before = accountFacts(account.state());
    const flow = busiestFlow(before);
    const request = `Retry the errors of the ${flow.name} flow.`;
    await reference.ask("router", [request]);
    const model = await mistakesModel("name-for-id");
    const run = await account.ask("router", [request], "chat-completions", {
      model,
      apiKey: "test-key-write",
    });
    expect(model.committedMistakes("test-key-write")).toEqual([
      expect.objectContaining({ kind: "name-for-id", outcome: "error returned to the model" }),
    ]);
    const newJobs = (state: AccountFacts) =>
      state.jobs.filter((job) => !before.jobs.some((earlier) => earlier._id === job._id));
    const expected = newJobs(accountFacts(reference.state()));
    expect(expected.length).toBeGreaterThan(0);
    expect(newJobs(accountFacts(account.state())).map((job) => [job.type, job._flowId])).toEqual(
      expected.map((job) => [job.type, job._flowId]),
    );
    expect(run.toolCalls.filter((call) => call.isError)).toHaveLength(1);
  });
});

describe("profiles", () => {
  it("refuses an unknown profile, naming the valid ones", async () => {
    await expect(startOfflineModel({ mistakes: "sloppy" })).rejects.toThrow(
      /Unknown mistake profile "sloppy"; use one of flaky, malformed-arguments, .*ignore-tool-error/,
    );
  });

  it("records nothing without a profile", async () => {
    const apiKey = "test-key-clean";
    await harness.account.ask("router", ["Which flows failed today?"], "chat-completions", {
      model: harness.model,
      apiKey,
    });
    expect(harness.model.committedMistakes(apiKey)).toEqual([]);
  });
});
