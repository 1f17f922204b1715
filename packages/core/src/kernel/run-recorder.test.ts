import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { stepLimitError } from "./run-errors.ts";
import { RunRecorder } from "./run-recorder.ts";
import type { ApprovalRequest, RunEvent, RunOptions } from "./runner.ts";
import { ToolPolicy } from "./tool-policy.ts";

const listFlows = "celigo_CELIGO_LIST_FLOWS";
const disableFlow = "celigo_CELIGO_DISABLE_FLOW";
const disableRefusal =
  "The user did not approve CELIGO_DISABLE_FLOW (CELIGO_DISABLE_FLOW: it is destructive). Nothing was changed; say what you would have done and how the user can allow it.";

function recorderWithEvents(options: Omit<RunOptions, "onEvent"> = {}) {
  const events: RunEvent[] = [];
  const recorder = new RunRecorder(new ToolPolicy(), {
    ...options,
    onEvent: (event) => events.push(event),
  });
  return { recorder, events };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["performance"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("RunRecorder tool calls", () => {
  it("emits start and end in order and times the call from its start", () => {
    const { recorder, events } = recorderWithEvents();

    recorder.textDelta("Looking");
    recorder.toolCallStarted("call-1", listFlows, { limit: 5 });
    vi.advanceTimersByTime(250);
    recorder.toolCallEnded("call-1", { result: { flows: [] }, isError: false });
    recorder.stepEnded();

    const call = {
      name: listFlows,
      slug: "CELIGO_LIST_FLOWS",
      arguments: { limit: 5 },
      result: { flows: [] },
      isError: false,
      durationMs: 250,
      step: 0,
    };
    expect(events).toEqual([
      { type: "text-delta", text: "Looking" },
      {
        type: "tool-call-start",
        name: listFlows,
        slug: "CELIGO_LIST_FLOWS",
        arguments: { limit: 5 },
      },
      { type: "tool-call-end", call },
      { type: "step-end", step: 1 },
    ]);
    expect(recorder.result("done").toolCalls).toEqual([call]);
  });

  it("prefers the framework's own measure of the execution, rounded", () => {
    const { recorder } = recorderWithEvents();

    recorder.toolCallStarted("call-1", listFlows, {});
    vi.advanceTimersByTime(900);
    recorder.toolCallEnded("call-1", { result: "failed", isError: true, durationMs: 12.6 });

    expect(recorder.result("").toolCalls).toMatchObject([{ isError: true, durationMs: 13 }]);
  });

  it("keeps concurrent calls apart by their id, whatever kind of value it is", () => {
    const { recorder } = recorderWithEvents();
    const firstInput = { flow: "a" };
    const secondInput = { flow: "b" };

    recorder.toolCallStarted(firstInput, listFlows, firstInput);
    vi.advanceTimersByTime(100);
    recorder.toolCallStarted(secondInput, disableFlow, secondInput);
    vi.advanceTimersByTime(50);
    recorder.toolCallEnded(secondInput, { result: "second", isError: false });
    recorder.toolCallEnded(firstInput, { result: "first", isError: false });

    expect(
      recorder.result("").toolCalls.map(({ slug, result, durationMs }) => ({
        slug,
        result,
        durationMs,
      })),
    ).toEqual([
      { slug: "CELIGO_DISABLE_FLOW", result: "second", durationMs: 50 },
      { slug: "CELIGO_LIST_FLOWS", result: "first", durationMs: 150 },
    ]);
  });

  it("ignores an end whose start it never saw", () => {
    const { recorder, events } = recorderWithEvents();

    recorder.toolCallEnded("unknown", { result: "x", isError: false });

    expect(events).toEqual([]);
    expect(recorder.result("").toolCalls).toEqual([]);
  });

  it("marks a call approved only when the framework says it ran after an approval", () => {
    const { recorder } = recorderWithEvents();

    recorder.toolCallStarted("gated", disableFlow, {});
    recorder.toolCallEnded("gated", { result: "ok", isError: false, approved: true });
    recorder.toolCallStarted("plain", listFlows, {});
    recorder.toolCallEnded("plain", { result: "ok", isError: false, approved: false });

    const [gated, plain] = recorder.result("").toolCalls;
    expect(gated?.approval).toBe("approved");
    expect(plain).not.toHaveProperty("approval");
  });
});

describe("RunRecorder steps and usage", () => {
  it("counts steps and sums the usage each step reports", () => {
    const { recorder, events } = recorderWithEvents();

    recorder.stepEnded({ inputTokens: 120, outputTokens: 30 });
    recorder.stepEnded({ inputTokens: 200, outputTokens: undefined });
    recorder.stepEnded();

    expect(events).toEqual([
      { type: "step-end", step: 1 },
      { type: "step-end", step: 2 },
      { type: "step-end", step: 3 },
    ]);
    expect(recorder.steps).toBe(3);
    expect(recorder.result("").usage).toEqual({ inputTokens: 320, outputTokens: 30 });
  });

  it("takes the framework's own total instead when it sums the run itself", () => {
    const { recorder } = recorderWithEvents();

    recorder.stepEnded({ inputTokens: 5, outputTokens: 5 });
    recorder.setUsage({ inputTokens: 480, outputTokens: 64 });

    const result = recorder.result("");
    expect(result.steps).toBe(1);
    expect(result.usage).toEqual({ inputTokens: 480, outputTokens: 64 });
  });
});

describe("RunRecorder approvals", () => {
  it("asks with the policy's slug and reason and passes an approval on", async () => {
    const approve = vi.fn(async (_request: ApprovalRequest) => true);
    const { recorder, events } = recorderWithEvents({ approve });

    const answer = await recorder.askApproval(disableFlow, { flowId: "f1" }, "call-1");

    expect(answer).toEqual({ approved: true });
    expect(approve).toHaveBeenCalledWith({
      toolName: disableFlow,
      slug: "CELIGO_DISABLE_FLOW",
      arguments: { flowId: "f1" },
      reason: "CELIGO_DISABLE_FLOW: it is destructive",
    });
    expect(events).toEqual([]);
  });

  it("refuses without an approve callback and records the refusal at once when there is no id", async () => {
    const { recorder, events } = recorderWithEvents();
    vi.advanceTimersByTime(40);

    const answer = await recorder.askApproval(disableFlow, { flowId: "f1" });

    expect(answer).toEqual({ approved: false, refusal: disableRefusal });
    const call = {
      name: disableFlow,
      slug: "CELIGO_DISABLE_FLOW",
      arguments: { flowId: "f1" },
      result: disableRefusal,
      isError: true,
      durationMs: 0,
      step: 0,
      approval: "refused",
    };
    expect(events).toEqual([
      {
        type: "tool-call-start",
        name: disableFlow,
        slug: "CELIGO_DISABLE_FLOW",
        arguments: { flowId: "f1" },
      },
      { type: "tool-call-end", call },
    ]);
    expect(recorder.result("").toolCalls).toEqual([call]);
  });

  it("with an id, records a refusal when the framework reports the call, as an error that took no time", async () => {
    const { recorder } = recorderWithEvents({ approve: async () => false });

    recorder.toolCallStarted("call-1", disableFlow, { flowId: "f1" });
    const answer = await recorder.askApproval(disableFlow, { flowId: "f1" }, "call-1");
    expect(recorder.result("").toolCalls).toEqual([]);
    vi.advanceTimersByTime(3_000); // the person took their time to answer
    recorder.toolCallEnded("call-1", { result: "rejected by the SDK", isError: false });

    expect(answer.approved).toBe(false);
    expect(recorder.result("").toolCalls).toEqual([
      expect.objectContaining({
        result: "rejected by the SDK",
        isError: true,
        durationMs: 0,
        approval: "refused",
      }),
    ]);
  });

  it("records an approved call as approved when it ends", async () => {
    const { recorder } = recorderWithEvents({ approve: async () => true });

    recorder.toolCallStarted("call-1", disableFlow, {});
    await recorder.askApproval(disableFlow, {}, "call-1");
    vi.advanceTimersByTime(75);
    recorder.toolCallEnded("call-1", { result: "ok", isError: false });

    expect(recorder.result("").toolCalls).toEqual([
      expect.objectContaining({ isError: false, durationMs: 75, approval: "approved" }),
    ]);
  });

  it("ends a refused call without a result with the refusal the model was told", async () => {
    const { recorder } = recorderWithEvents();

    recorder.toolCallStarted("call-1", disableFlow, {});
    await recorder.askApproval(disableFlow, {}, "call-1");
    recorder.toolCallRefused("call-1");

    expect(recorder.result("").toolCalls).toEqual([
      expect.objectContaining({ result: disableRefusal, isError: true, approval: "refused" }),
    ]);
  });
});

describe("RunRecorder result", () => {
  it("assembles the result with the time since the recorder was created", () => {
    const { recorder } = recorderWithEvents();
    recorder.stepEnded({ inputTokens: 10, outputTokens: 4 });
    vi.advanceTimersByTime(1_234);

    expect(recorder.result("Two flows failed.")).toEqual({
      text: "Two flows failed.",
      toolCalls: [],
      steps: 1,
      usage: { inputTokens: 10, outputTokens: 4 },
      durationMs: 1_234,
    });
    expect(recorder.result("", stepLimitError(3)).error).toEqual(stepLimitError(3));
  });
});

describe("RunRecorder knowledge of the run", () => {
  it("names records in approval questions from what earlier results showed", async () => {
    const approve = vi.fn(async (_request: ApprovalRequest) => false);
    const { recorder } = recorderWithEvents({ approve });
    recorder.toolCallStarted("list", listFlows, {});
    recorder.toolCallEnded("list", {
      result: { flows: [{ _id: "f-amazon", name: "Amazon Seller Central Orders to NetSuite" }] },
      isError: false,
    });

    await recorder.askApproval("CELIGO_RESOLVE_ERRORS", {
      flow_id: "f-amazon",
      export_id: "e1",
      error_ids: ["a", "b"],
    });

    expect(approve.mock.calls[0]?.[0].reason).toBe(
      "resolve 2 errors on 1 flow: Amazon Seller Central Orders to NetSuite (2): resolved errors are hidden for good",
    );
  });

  it("reports a tool call that failed because the MCP server went away", () => {
    const { recorder } = recorderWithEvents();
    recorder.toolCallStarted("bad-arguments", listFlows, {});
    recorder.toolCallEnded("bad-arguments", { result: "flow_id is required", isError: true });
    expect(recorder.transportError()).toBeUndefined();

    recorder.toolCallStarted("gone", listFlows, {});
    recorder.toolCallEnded("gone", { result: "TypeError: fetch failed", isError: true });
    expect(recorder.transportError()).toMatchObject({ code: "tool_transport" });
    expect(recorder.transportError()?.message).toMatch(/fetch failed.*Check that the server/);
  });

  it("judges the writes of one model response together, and asks about them once", async () => {
    const approve = vi.fn(async (_request: ApprovalRequest) => true);
    const { recorder } = recorderWithEvents({ approve });
    const retry = (flowId: string) => ({
      name: "celigo_CELIGO_RETRY_ERRORS",
      arguments: { flow_id: flowId, export_id: "e1", error_ids: ["x", "y"] },
    });
    recorder.modelProposed([
      retry("a"),
      retry("b"),
      { name: "celigo_CELIGO_LIST_FLOWS", arguments: {} },
    ]);

    // Each retry alone is small; proposed together they touch two flows.
    expect(recorder.needsApproval(retry("a").name, retry("a").arguments)).toBe(true);
    expect(recorder.needsApproval(retry("b").name, retry("b").arguments)).toBe(true);
    expect(recorder.needsApproval("celigo_CELIGO_LIST_FLOWS", {})).toBe(false);
    await recorder.askApproval(retry("a").name, retry("a").arguments, "call-a");
    await recorder.askApproval(retry("b").name, retry("b").arguments, "call-b");

    expect(approve).toHaveBeenCalledTimes(1);
    expect(approve.mock.calls[0]?.[0].reason).toBe(
      "retry 4 errors on 2 flows: a (2), b (2): it touches more than one flow",
    );
  });
});
