/**
 * What every app must do under the conditions a real deployment meets, written once and run by
 * `describeRunnerEndToEnd`: a bulk write waits for approval and says what it would touch; a long
 * chat stays within a token bound; a model server that never answers fails within
 * MODEL_TIMEOUT_S, naming OPENAI_BASE_URL; a 429 with Retry-After is retried; Ctrl-C during an
 * answer cancels it and keeps the chat. Expectations come from the sandbox account.
 */
import { startOfflineModel } from "@celigo-agents/offline-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ToolExposure } from "../kernel/config.ts";
import type { ApprovalRequest, CreateRunner, RunnerOptions } from "../kernel/runner.ts";
import { type AccountFacts, accountFacts } from "./account-facts.ts";
import { openChatTerminal } from "./chat-terminal.ts";
import { failedFlowsPrompt, recordRun } from "./recorded-runs.ts";
import { startRecordingProxy } from "./recording-proxy.ts";
import { defaultTestNow, startTestEnvironment, type TestEnvironment } from "./test-environment.ts";

export interface RunnerReliabilityOptions {
  createRunner: CreateRunner;
  appDirectory: string | URL;
  testTimeoutMs: number;
}

/** Asked in words that leave no doubt, so the model makes the call and the gate must act. */
export const bulkRetryPrompt =
  "Retry the open errors of every flow that has any. I confirm, go ahead.";

/** Five questions of an operator's morning, in one conversation. */
export const morningQuestions = [
  failedFlowsPrompt,
  "Show the open errors of the Shopify Order to NetSuite Sales Order flow",
  "Which connections are offline?",
  "Who disabled the NetSuite Refund to Shopify Refund flow?",
  failedFlowsPrompt,
];

export function describeBulkApproval(
  options: RunnerReliabilityOptions,
  exposure: ToolExposure,
): void {
  describe(`bulk writes, ${exposure} exposure`, () => {
    let environment: TestEnvironment;
    let facts: AccountFacts;
    beforeAll(async () => {
      environment = await startTestEnvironment({ exposure });
      facts = accountFacts(environment);
    }, options.testTimeoutMs);
    afterAll(() => environment?.close());

    it(
      "refuses a retry across flows without approval, naming its blast radius, and runs it once approved",
      async () => {
        const flowsWithErrors = [...(await facts.openErrorCounts()).entries()].filter(
          ([, count]) => count > 0,
        );
        expect(flowsWithErrors.length, "the scenario has errors on several flows").toBeGreaterThan(
          1,
        );
        const before = await environment.accountState();
        const asked: ApprovalRequest[] = [];
        const refuse = async (request: ApprovalRequest) => {
          asked.push(request);
          return false;
        };

        const refused = await runOnce(options, environment.runnerOptions, bulkRetryPrompt, refuse);

        expect(refused.error).toBeUndefined();
        expect(asked.length).toBeGreaterThan(0);
        expect(asked[0]?.reason).toMatch(
          /^retry \d+ errors? on \d+ flows?: .*(more than one flow|more than 25 records)/,
        );
        // Names, not ids: the agent listed the flows before retrying them.
        const names = (await facts.flows()).map((flow) => flow.name);
        expect(names.some((name) => asked[0]?.reason.includes(name))).toBe(true);
        expect(refused.toolCalls.some((call) => call.approval === "refused")).toBe(true);
        expect(await environment.accountState(), "a refused retry changes nothing").toEqual(before);

        const approved = await runOnce(
          options,
          environment.runnerOptions,
          bulkRetryPrompt,
          async () => true,
        );

        expect(approved.error).toBeUndefined();
        expect(approved.toolCalls.some((call) => call.approval === "approved")).toBe(true);
        const retried = await Promise.all(
          flowsWithErrors.map(async ([flowId]) => (await facts.retryJobs(flowId)).length),
        );
        expect(retried.filter((count) => count > 0).length).toBeGreaterThan(1);
      },
      options.testTimeoutMs,
    );
  });
}

export function describeRunnerReliability(options: RunnerReliabilityOptions): void {
  const timeout = options.testTimeoutMs;

  describe("model server faults and long chats", () => {
    let environment: TestEnvironment;
    beforeAll(async () => {
      environment = await startTestEnvironment({ exposure: "direct" });
    }, timeout);
    afterAll(() => environment?.close());

    it(
      "keeps each of five turns within twice the tokens of the question asked alone, plus 20,000",
      async () => {
        const chat = await options.createRunner(environment.runnerOptions);
        try {
          for (const question of morningQuestions) {
            const inChat = await chat.run(question);
            const alone = await runOnce(options, environment.runnerOptions, question);
            expect(inChat.error).toBeUndefined();
            expect(inChat.usage.inputTokens, question).toBeLessThanOrEqual(
              2 * alone.usage.inputTokens + 20_000,
            );
          }
        } finally {
          await chat.close();
        }
      },
      timeout * 2,
    );

    it(
      "fails within MODEL_TIMEOUT_S plus 5 s when the model server never answers, naming OPENAI_BASE_URL",
      async () => {
        const proxy = await startRecordingProxy(environment.runnerOptions.model.baseURL);
        proxy.failNext("hang");
        const timeoutMs = 3_000;
        try {
          const started = performance.now();
          const result = await runOnce(
            options,
            {
              ...environment.runnerOptions,
              model: {
                ...environment.runnerOptions.model,
                provider: "openai",
                baseURL: proxy.baseURL,
                timeoutMs,
              },
            },
            failedFlowsPrompt,
          );
          const elapsed = performance.now() - started;

          expect(result.error?.code).toBe("timeout");
          expect(result.error?.message).toContain(`OPENAI_BASE_URL=${proxy.baseURL}`);
          expect(result.error?.message).toContain("MODEL_TIMEOUT_S");
          expect(elapsed).toBeLessThan(timeoutMs + 5_000);
          expect(proxy.requests.length, "a timeout is not retried").toBe(1);
        } finally {
          await proxy.close();
        }
      },
      timeout,
    );

    it(
      "retries a 429 after its Retry-After and then answers",
      async () => {
        const proxy = await startRecordingProxy(environment.runnerOptions.model.baseURL);
        proxy.failNext("http-429", 1);
        try {
          const started = performance.now();
          const result = await runOnce(
            options,
            {
              ...environment.runnerOptions,
              model: { ...environment.runnerOptions.model, baseURL: proxy.baseURL },
            },
            failedFlowsPrompt,
          );

          expect(result.error).toBeUndefined();
          expect(result.text.length).toBeGreaterThan(0);
          // The refused request was sent again, no sooner than Retry-After: 1 allowed.
          const [first, second] = proxy.requests;
          expect(second?.body).toEqual(first?.body);
          expect(performance.now() - started).toBeGreaterThanOrEqual(1_000);
        } finally {
          await proxy.close();
        }
      },
      timeout,
    );
  });

  describe("interactive chat", () => {
    it(
      "cancels the answer on Ctrl-C and keeps the chat; exit leaves",
      async () => {
        // A model slow enough that Ctrl-C lands while the first answer is still coming.
        const model = await startOfflineModel({ port: 0, latencyMs: 1_500 });
        const terminal = openChatTerminal({
          appDirectory: options.appDirectory,
          environment: {
            CELIGO_SOURCE: "sandbox",
            SANDBOX_NOW: defaultTestNow,
            MODEL: `openai/${model.modelId}`,
            OPENAI_BASE_URL: model.baseURL,
            OPENAI_API: "chat",
          },
        });
        try {
          let at = await terminal.waitFor("you › ");
          terminal.type(`${failedFlowsPrompt}\r`);
          at = await terminal.waitFor("thinking", at);
          terminal.type("\x03");
          at = await terminal.waitFor("Cancelled.", at);
          at = await terminal.waitFor("you › ", at);
          terminal.type("exit\r");
          expect(await terminal.exited).toBe(0);
        } finally {
          terminal.kill();
          await model.close();
        }
      },
      // The chat starts its own sandbox and framework in a child process.
      timeout * 2,
    );
  });
}

async function runOnce(
  options: RunnerReliabilityOptions,
  runnerOptions: RunnerOptions,
  prompt: string,
  approve?: (request: ApprovalRequest) => Promise<boolean>,
) {
  const runner = await options.createRunner(runnerOptions);
  try {
    return (await recordRun(runner, prompt, approve ? { approve } : {})).result;
  } finally {
    await runner.close();
  }
}
