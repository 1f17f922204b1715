import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  abortedRunError,
  errorText,
  parseJsonText,
  RunRecorder,
  runError,
  stepLimitError,
} from "./run-recorder.ts";
import type { ApprovalRequest, RunEvent, RunOptions } from "./runner.ts";
import { ToolPolicy } from "./tool-policy.ts";

const listFlows = "celigo_CELIGO_LIST_FLOWS";
const disableFlow = "celigo_CELIGO_DISABLE_FLOW";
const disableRefusal =
  "The user did not approve CELIGO_DISABLE_FLOW (CELIGO_DISABLE_FLOW is destructive). Nothing was changed.";

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
      reason: "CELIGO_DISABLE_FLOW is destructive",
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

describe("run errors", () => {
  it("reports a failure with its message, or an abort when the signal was aborted", () => {
    const controller = new AbortController();

    expect(runError(new Error("model server refused"), controller.signal)).toEqual({
      code: "run_failed",
      message: "model server refused",
    });
    controller.abort();
    expect(runError(new Error("This operation was aborted"), controller.signal)).toEqual(
      abortedRunError(),
    );
    expect(abortedRunError().code).toBe("run_aborted");
  });

  it("names the step budget that ran out", () => {
    expect(stepLimitError(7)).toEqual({
      code: "run_failed",
      message:
        "The agent used all 7 steps without a final answer. Ask something narrower, or raise maxSteps.",
    });
  });

  it("turns anything thrown into text", () => {
    expect(errorText(new TypeError("bad input"))).toBe("bad input");
    expect(errorText("plain string")).toBe("plain string");
    expect(errorText(404)).toBe("404");
  });
});

describe("parseJsonText", () => {
  it("parses JSON and keeps any other text as it is", () => {
    expect(parseJsonText('{"flows":[{"id":"f1"}]}')).toEqual({ flows: [{ id: "f1" }] });
    expect(parseJsonText("42")).toBe(42);
    expect(parseJsonText("Flow not found")).toBe("Flow not found");
    expect(parseJsonText("")).toBe("");
  });
});
