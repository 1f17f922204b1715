/**
 * The end-to-end tests every framework app must pass, written once: each app's
 * `src/runner.test.ts` calls `describeRunnerEndToEnd({ createRunner, appDirectory })`, which also
 * runs the session sources' suite (`runner-sources-suite.ts`).
 * Everything runs against the embedded sandbox and the offline model; what the tests expect is
 * read from the sandbox account, never hard-coded.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ToolExposure } from "../kernel/config.ts";
import type { CreateRunner, RunEvent, RunOptions, RunResult } from "../kernel/runner.ts";
import { bulkRecordLimit } from "../kernel/tool-policy.ts";
import { type AccountFacts, accountFacts, type FlowSummary } from "./account-facts.ts";
import { activeResourceCounts, waitForResourcesToSettle } from "./active-resources.ts";
import { mentionedFlows } from "./mentioned-flows.ts";
import { expectToolCallsToUse, failedFlowsPrompt, flowNames, recordRun } from "./recorded-runs.ts";
import { runChatCommand } from "./run-chat-command.ts";
import { describeBulkApproval, describeRunnerReliability } from "./runner-reliability-suite.ts";
import { describeRunnerSources } from "./runner-sources-suite.ts";
import { startTestEnvironment, type TestEnvironment } from "./test-environment.ts";

export interface RunnerEndToEndOptions {
  createRunner: CreateRunner;
  /** The app folder, whose `src/main.ts` the one-shot CLI test runs. */
  appDirectory: string | URL;
  exposures?: readonly ToolExposure[];
  /** Per test; a run against the offline model takes a second or two. */
  testTimeoutMs?: number;
}

export function describeRunnerEndToEnd(options: RunnerEndToEndOptions): void {
  const timeout = options.testTimeoutMs ?? 60_000;
  for (const exposure of options.exposures ?? (["direct", "router"] as const)) {
    describe(`${exposure} exposure`, () => {
      let environment: TestEnvironment;
      let facts: AccountFacts;
      beforeAll(async () => {
        environment = await startTestEnvironment({ exposure });
        facts = accountFacts(environment);
      }, timeout);
      afterAll(() => environment?.close());

      const runOnce = async (prompt: string, runOptions: RunOptions = {}) => {
        const runner = await options.createRunner(environment.runnerOptions);
        try {
          return await recordRun(runner, prompt, runOptions);
        } finally {
          await runner.close();
        }
      };

      it(
        "answers which flows failed today with exactly those flows and changes nothing",
        async () => {
          const expected = await facts.failedFlowsToday();
          expect(expected.length, "the scenario should have failures today").toBeGreaterThan(0);
          const before = await environment.accountState();

          const { result, events } = await runOnce(failedFlowsPrompt);

          expect(result.error).toBeUndefined();
          expect(flowNames(mentionedFlows(result.text, await facts.flows()))).toEqual(
            flowNames(expected),
          );
          expect(result.toolCalls.length).toBeGreaterThan(0);
          expectToolCallsToUse(result, exposure);
          expectEventsToMatch(result, events);
          expect(result.usage.inputTokens).toBeGreaterThan(0);
          expect(result.usage.outputTokens).toBeGreaterThan(0);
          expect(await environment.accountState()).toEqual(before);
        },
        timeout,
      );

      it(
        "retries the errors of a named flow without asking, when they are few",
        async () => {
          const openErrors = await facts.openErrorCounts();
          const flow = await mostOpenErrors(facts, openErrors);
          const retriesBefore = await facts.retryJobs(flow.id);

          const { result } = await runOnce(`Retry the errors of the flow "${flow.name}".`);
          await environment.accountState(); // settles the retry job

          expect(result.error).toBeUndefined();
          expect(result.toolCalls.every((call) => call.approval === undefined)).toBe(true);
          expect((await facts.retryJobs(flow.id)).length).toBeGreaterThan(retriesBefore.length);
          const openErrorsAfter = await facts.openErrorCounts();
          expect(openErrorsAfter.get(flow.id) ?? 0).toBeLessThanOrEqual(
            openErrors.get(flow.id) ?? 0,
          );
          openErrors.delete(flow.id);
          openErrorsAfter.delete(flow.id);
          expect(openErrorsAfter, "other flows keep their errors").toEqual(openErrors);
        },
        timeout,
      );

      describeBulkApproval({ ...options, testTimeoutMs: timeout }, exposure);

      it(
        "refuses a destructive request without approval and tells the model",
        async () => {
          const flow = await enabledFlow(facts);
          const before = await environment.accountState();

          const { result } = await runOnce(disableFlowPrompt(flow));

          expect(result.error).toBeUndefined();
          expect(result.toolCalls.some((call) => call.approval === "refused")).toBe(true);
          expect(result.text.length).toBeGreaterThan(0);
          expect((await facts.flow(flow.id)).disabled).toBe(false);
          expect(await environment.accountState()).toEqual(before);
        },
        timeout,
      );

      it(
        "runs a destructive request once approved",
        async () => {
          const flow = await enabledFlow(facts);
          const approve = vi.fn(async () => true);

          const { result } = await runOnce(disableFlowPrompt(flow), { approve });

          expect(result.error).toBeUndefined();
          expect(approve).toHaveBeenCalled();
          const approved = result.toolCalls.filter((call) => call.approval === "approved");
          expect(approved.length).toBeGreaterThan(0);
          expect(approved.every((call) => !call.isError)).toBe(true);
          expect((await facts.flow(flow.id)).disabled).toBe(true);
        },
        timeout,
      );
    });
  }

  describe("lifecycle", () => {
    let baseline: ReturnType<typeof activeResourceCounts>;
    let environment: TestEnvironment | undefined;
    beforeAll(async () => {
      baseline = activeResourceCounts();
      environment = await startTestEnvironment({ exposure: "router" });
    }, timeout);
    afterAll(() => environment?.close());

    it(
      "answers once from the one-shot CLI and exits 0",
      async () => {
        if (!environment) throw new Error("no test environment");
        const expected = await accountFacts(environment).failedFlowsToday();
        const flows = await accountFacts(environment).flows();

        const command = await runChatCommand({
          appDirectory: options.appDirectory,
          args: [failedFlowsPrompt],
          timeoutMs: timeout,
        });

        expect(command.exitCode, command.stderr).toBe(0);
        expect(flowNames(mentionedFlows(command.stdout, flows))).toEqual(flowNames(expected));
      },
      timeout,
    );

    it(
      "reports running out of steps as an error result instead of throwing",
      async () => {
        if (!environment) throw new Error("no test environment");
        // Answering needs a tool step and an answer step: one step cannot be enough.
        const runner = await options.createRunner({ ...environment.runnerOptions, maxSteps: 1 });
        try {
          const result = await runner.run(failedFlowsPrompt);
          expect(result.error?.message).toBeTruthy();
          expect(result.steps).toBeLessThanOrEqual(1);
        } finally {
          await runner.close();
        }
      },
      timeout,
    );

    it(
      "stops when its signal is aborted and keeps working afterwards",
      async () => {
        if (!environment) throw new Error("no test environment");
        const runner = await options.createRunner(environment.runnerOptions);
        try {
          const controller = new AbortController();
          const aborted = await runner.run(failedFlowsPrompt, {
            signal: controller.signal,
            onEvent: (event) => {
              if (event.type === "tool-call-start") controller.abort();
            },
          });
          expect(aborted.error?.code).toBe("aborted");

          const next = await runner.run(failedFlowsPrompt);
          expect(next.error).toBeUndefined();
          expect(next.text.length).toBeGreaterThan(0);
        } finally {
          await runner.close();
        }
      },
      timeout,
    );

    it(
      "leaves no open handles once closed",
      async () => {
        if (!environment) throw new Error("no test environment");
        const runner = await options.createRunner(environment.runnerOptions);
        await runner.run(failedFlowsPrompt);
        await runner.close();
        await environment.close();
        environment = undefined;

        expect(await waitForResourcesToSettle(baseline)).toEqual([]);
      },
      timeout,
    );
  });

  describeRunnerReliability({ ...options, testTimeoutMs: timeout });
  describeRunnerSources({ createRunner: options.createRunner, testTimeoutMs: timeout });
}

/** The request carries the user's confirmation, as a person answering "are you sure?" would. */
export function disableFlowPrompt(flow: FlowSummary): string {
  return `Disable the flow "${flow.name}". I confirm, go ahead.`;
}

/** The events tell the same story as the result: one start and one end per tool call. */
function expectEventsToMatch(result: RunResult, events: RunEvent[]) {
  const starts = events.filter((event) => event.type === "tool-call-start");
  const ends = events.flatMap((event) => (event.type === "tool-call-end" ? [event.call] : []));
  expect(starts.map((event) => event.slug)).toEqual(result.toolCalls.map((call) => call.slug));
  expect(ends.map((call) => call.slug)).toEqual(result.toolCalls.map((call) => call.slug));
  expect(events.filter((event) => event.type === "step-end").length).toBeGreaterThan(0);
  const streamed = events.flatMap((event) => (event.type === "text-delta" ? [event.text] : []));
  if (streamed.length > 0) expect(streamed.join("")).toContain(result.text.trim());
}

async function mostOpenErrors(facts: AccountFacts, counts: Map<string, number>) {
  const flows = await facts.flows();
  // More than bulkRecordLimit errors would need approval: that is the bulk suite's case.
  const withErrors = flows
    .filter(
      (flow) => (counts.get(flow.id) ?? 0) > 0 && (counts.get(flow.id) ?? 0) <= bulkRecordLimit,
    )
    .sort((left, right) => (counts.get(right.id) ?? 0) - (counts.get(left.id) ?? 0));
  const flow = withErrors[0];
  if (!flow) throw new Error("The scenario has no flow with open errors to retry.");
  return flow;
}

async function enabledFlow(facts: AccountFacts) {
  const flow = (await facts.flows())
    .filter((candidate) => !candidate.disabled)
    .sort((left, right) => left.name.localeCompare(right.name))[0];
  if (!flow) throw new Error("The scenario has no enabled flow to disable.");
  return flow;
}
