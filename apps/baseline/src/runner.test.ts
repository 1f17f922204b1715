import type { ResolvedModel } from "@celigo-agents/core";
import {
  accountFacts,
  describeRunnerEndToEnd,
  failedFlowsPrompt,
  flowNames,
  mentionedFlows,
  startRecordingProxy,
  startTestEnvironment,
  type TestEnvironment,
} from "@celigo-agents/core/testing";
import { type FaultKind, startOfflineModel } from "@celigo-agents/offline-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunner } from "./runner.ts";

describeRunnerEndToEnd({ createRunner, appDirectory: new URL("..", import.meta.url) });

// What the shared suite does not reach: the Responses API (the suite's model speaks Chat
// Completions) and the model's own mistakes.
describe("baseline", () => {
  let environment: TestEnvironment;
  beforeAll(async () => {
    environment = await startTestEnvironment({ exposure: "direct" });
  }, 60_000);
  afterAll(() => environment?.close());

  const optionsWith = (model: Partial<ResolvedModel>) => ({
    ...environment.runnerOptions,
    model: { ...environment.runnerOptions.model, ...model },
  });

  it("speaks the Responses API, and a later turn carries earlier answers but not their tool outputs", async () => {
    const proxy = await startRecordingProxy(environment.runnerOptions.model.baseURL);
    const runner = await createRunner(optionsWith({ api: "responses", baseURL: proxy.baseURL }));
    try {
      const first = await runner.run(failedFlowsPrompt);
      expect(first.error).toBeUndefined();
      expect(first.toolCalls.length).toBeGreaterThan(0);
      const facts = accountFacts(environment);
      expect(flowNames(mentionedFlows(first.text, await facts.flows()))).toEqual(
        flowNames(await facts.failedFlowsToday()),
      );

      const sent = proxy.requests.length;
      const second = await runner.run("Which connections are offline?");
      expect(second.error).toBeUndefined();
      const request = proxy.requests[sent];
      expect(request?.path).toMatch(/\/responses$/);
      const { input } = (request?.body ?? {}) as { input?: Array<Record<string, unknown>> };
      expect(input?.map((item) => item.role)).toEqual(["user", "assistant", "user"]);
      expect(input?.[1]?.content).toBe(first.text);
    } finally {
      await runner.close();
      await proxy.close();
    }
  }, 60_000);

  const mistakes: Array<[FaultKind, RegExp]> = [
    ["unknown-tool", /^There is no tool named CELIGO_\w+_UNKNOWN\./],
    ["malformed-arguments", /^The arguments of CELIGO_\w+ are not a JSON object/],
  ];
  for (const [kind, feedback] of mistakes) {
    it(`hands a ${kind} mistake back to the model as the tool's error, and goes on`, async () => {
      // Every response with tool calls gets its first call wrong.
      const model = await startOfflineModel({ faults: [{ kind, rate: 1 }] });
      const proxy = await startRecordingProxy(model.baseURL);
      const runner = await createRunner(optionsWith({ baseURL: proxy.baseURL }));
      try {
        const result = await runner.run(failedFlowsPrompt);

        const wrong = result.toolCalls.filter((call) => call.isError);
        expect(wrong.length).toBeGreaterThan(0);
        for (const call of wrong) expect(String(call.result)).toMatch(feedback);
        expect(result.error?.code).not.toBe("run_failed");
        expect(result.steps).toBeGreaterThan(1);
        // The request after the mistake told the model what was wrong, as the call's output.
        const toolMessages = proxy.requests.slice(1).flatMap(({ body }) => {
          const { messages = [] } = body as {
            messages?: Array<{ role: string; content: unknown }>;
          };
          return messages.filter((message) => message.role === "tool");
        });
        expect(toolMessages.some((message) => feedback.test(String(message.content)))).toBe(true);
      } finally {
        await runner.close();
        await proxy.close();
        await model.close();
      }
    }, 60_000);
  }
});
