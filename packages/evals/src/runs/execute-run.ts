/**
 * One run: a fresh sandbox account, a session on it, the framework's runner, the prompt, the
 * account's final state, the graders. Failures are sorted by who is to blame: the agent (it
 * threw, reported an error or ran out of time) or the infrastructure (account, session or
 * state snapshot failed), which is retried and reported apart.
 */
import {
  type AgentRunner,
  type ApprovalRequest,
  errorText,
  isCeligoAgentsError,
  type RunResult,
  type ToolCallRecord,
} from "@celigo-agents/core";
import {
  createToolRouterSession,
  innerToolCalls,
  isServiceFailure,
  runnerOptionsFor,
  toolSlug,
} from "@celigo-agents/core/internal";
import { resolveReferences } from "../cases/resolve-references.ts";
import { gradeRun } from "../graders/grade-run.ts";
import { estimateCostUsd } from "../metrics/price-table.ts";
import type { EvalContext, SandboxAccountKeys } from "./eval-context.ts";
import type { PlannedRun } from "./run-plan.ts";
import type { RunRecord, RunStatus } from "./run-record.ts";
import { DeadlineExceeded, withDeadline } from "./with-deadline.ts";

/** A failure of the harness or its services, not of the agent under test. */
export class InfrastructureError extends Error {
  constructor(step: string, cause: unknown) {
    super(`${step} failed: ${errorText(cause)}`, { cause });
    this.name = "InfrastructureError";
  }
}

const closeGraceMs = 5_000;
const storedResultLimit = 4_000;

export async function executeRun(planned: PlannedRun, context: EvalContext): Promise<RunRecord> {
  const startedAt = new Date();
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      return { ...(await attemptRun(planned, context, startedAt)), attempts };
    } catch (error) {
      if (!(error instanceof InfrastructureError)) throw error;
      if (attempts > context.infrastructureRetries) {
        return failedRecord(planned, context, startedAt, attempts, "infrastructure-error", {
          code: "infrastructure",
          message: error.message,
        });
      }
    }
  }
}

async function attemptRun(
  planned: PlannedRun,
  context: EvalContext,
  startedAt: Date,
): Promise<Omit<RunRecord, "attempts">> {
  const { evalCase, exposure } = planned;
  const [model, reference, definitionTokens, initial] = await Promise.all([
    step("starting the model", () => context.model(planned.model)),
    evalCase.expect.state
      ? step("replaying the reference actions", () => context.referenceState(evalCase))
      : undefined,
    step("listing the session's tools", () => context.toolDefinitionTokens(exposure)),
    step("reading the scenario", () => context.initialState(evalCase.scenario)),
  ]);
  const account = await step("creating a sandbox account", () =>
    context.sandbox.createAccount(evalCase.scenario),
  );
  const cleanups: Array<() => Promise<unknown>> = [
    () => context.sandbox.deleteAccount(account.accountId),
  ];
  try {
    const session = await step("creating the session", () =>
      openSession(context, account, planned),
    );
    cleanups.unshift(session.delete);
    const approvedSlugs = new Set<string>();
    const outcome = await runAgent(planned, context, session, model, approvedSlugs);
    const finalState = evalCase.expect.state
      ? await step("reading the account state", () =>
          context.sandbox.accountState(account.accountId),
        )
      : undefined;
    const { result } = outcome;
    const graders = gradeRun({
      evalCase: resolveReferences(evalCase, initial) as typeof evalCase,
      result,
      answers: outcome.answers,
      state:
        reference && finalState !== undefined
          ? { initial: reference.initial, expected: reference.expected, actual: finalState }
          : undefined,
      policy: context.policy,
      approvedSlugs,
    });
    const status: RunStatus =
      outcome.status ?? (graders.every((grader) => grader.passed) ? "passed" : "failed");
    return {
      ...baseRecord(planned, context, startedAt),
      status,
      passed: status === "passed",
      graders,
      text: result.text,
      toolCalls: result.toolCalls.map(trimResult),
      steps: result.steps,
      usage: result.usage,
      toolDefinitionTokens: definitionTokens,
      costUsd: estimateCostUsd(planned.model, result.usage),
      durationMs: result.durationMs,
      error: result.error,
    };
  } finally {
    await Promise.allSettled(cleanups.map((cleanup) => withDeadline(cleanup(), closeGraceMs)));
  }
}

interface AgentOutcome {
  result: RunResult;
  /** Each turn's answer, in order (one for a single-prompt case). */
  answers: string[];
  /** Set when the agent did not finish normally. */
  status?: "agent-error" | "timeout";
}

/** The turns' results as one: calls, steps, tokens and time add up; the text shows each answer. */
function combineTurns(results: readonly RunResult[], started: number): RunResult {
  const text =
    results.length === 1
      ? (results[0]?.text ?? "")
      : results.map((result, index) => `[turn ${index + 1}] ${result.text}`).join("\n\n");
  const error = results.find((result) => result.error)?.error;
  return {
    text,
    toolCalls: results.flatMap((result) => result.toolCalls),
    steps: results.reduce((sum, result) => sum + result.steps, 0),
    usage: {
      inputTokens: results.reduce((sum, result) => sum + result.usage.inputTokens, 0),
      outputTokens: results.reduce((sum, result) => sum + result.usage.outputTokens, 0),
    },
    durationMs: Date.now() - started,
    ...(error ? { error } : {}),
  };
}

async function runAgent(
  planned: PlannedRun,
  context: EvalContext,
  session: { url: string; headers: Record<string, string> },
  model: Awaited<ReturnType<EvalContext["model"]>>,
  approvedSlugs: Set<string>,
): Promise<AgentOutcome> {
  const started = Date.now();
  const toolCalls: ToolCallRecord[] = [];
  const finished: RunResult[] = [];
  const partial = (): RunResult => ({
    ...combineTurns(finished, started),
    toolCalls: [...toolCalls],
    durationMs: Date.now() - started,
  });
  const approve = async (request: ApprovalRequest): Promise<boolean> => {
    if (planned.evalCase.approve !== "always") return false;
    const inner = innerToolCalls(request.slug, request.arguments).map((call) => call.slug);
    for (const name of [request.slug, request.toolName, ...inner]) {
      approvedSlugs.add(toolSlug(name));
    }
    return true;
  };
  const signal = AbortSignal.timeout(context.timeoutMs);
  let runner: AgentRunner | undefined;
  try {
    const createRunner = await context.framework(planned.framework);
    const work = (async () => {
      runner = await createRunner(runnerOptionsFor({ session, model, now: new Date(context.now) }));
      // Each turn continues the same runner, so the framework's own memory carries the talk.
      for (const turn of planned.evalCase.turns) {
        const result = await runner.run(turn.prompt, {
          signal,
          approve,
          onEvent: (event) => {
            if (event.type === "tool-call-end") toolCalls.push(event.call);
          },
        });
        finished.push(result);
        if (result.error || signal.aborted) break;
      }
      return combineTurns(finished, started);
    })();
    // The signal asks politely; the deadline stops waiting for a runner that ignores it.
    const grace = Math.min(closeGraceMs, context.timeoutMs);
    const result = await withDeadline(work, context.timeoutMs + grace);
    const answers = finished.map((turn) => turn.text);
    if (signal.aborted) return { result, answers, status: "timeout" };
    // An unreachable or failing model, or an MCP server gone mid-run, is not the agent's doing:
    // the run is retried and reported apart, like a failed sandbox account.
    if (result.error && isServiceFailure(result.error)) {
      throw new InfrastructureError("running the agent", new Error(result.error.message));
    }
    return result.error ? { result, answers, status: "agent-error" } : { result, answers };
  } catch (error) {
    if (error instanceof InfrastructureError) throw error;
    if (isInfrastructure(error)) throw new InfrastructureError("connecting the agent", error);
    const timedOut = error instanceof DeadlineExceeded || signal.aborted;
    const message = timedOut
      ? `the run did not finish within ${context.timeoutMs} ms (raise --timeout to allow more)`
      : `${planned.framework.name} threw: ${errorText(error)}`;
    return {
      result: { ...partial(), error: { code: timedOut ? "timeout" : "run_failed", message } },
      answers: finished.map((turn) => turn.text),
      status: timedOut ? "timeout" : "agent-error",
    };
  } finally {
    const closing = runner?.close();
    if (closing) await withDeadline(closing, closeGraceMs).catch(() => undefined);
  }
}

async function openSession(
  context: EvalContext,
  account: SandboxAccountKeys,
  planned: PlannedRun,
): Promise<{ url: string; headers: Record<string, string>; delete: () => Promise<unknown> }> {
  return createToolRouterSession({
    apiKey: account.composioApiKey,
    baseURL: context.sandbox.baseUrl,
    userId: `eval-${planned.evalCase.id}`,
    exposure: planned.exposure,
    offline: true,
  });
}

/** Session and sandbox failures surfacing through the runner are not the agent's fault. */
function isInfrastructure(error: unknown): boolean {
  return (
    isCeligoAgentsError(error) &&
    (error.code === "sandbox_unavailable" || error.code === "session_failed")
  );
}

async function step<Value>(name: string, work: () => Promise<Value>): Promise<Value> {
  try {
    return await work();
  } catch (error) {
    throw new InfrastructureError(name, error);
  }
}

function trimResult(call: ToolCallRecord): ToolCallRecord {
  const text = typeof call.result === "string" ? call.result : JSON.stringify(call.result);
  if (text === undefined || text.length <= storedResultLimit) return call;
  return { ...call, result: `${text.slice(0, storedResultLimit)}… (${text.length} characters)` };
}

function baseRecord(planned: PlannedRun, context: EvalContext, startedAt: Date) {
  return {
    key: planned.key,
    runId: context.runId,
    caseId: planned.evalCase.id,
    caseFile: planned.evalCase.file,
    family: planned.evalCase.family,
    description: planned.evalCase.description,
    prompt: planned.evalCase.prompt,
    framework: planned.framework.name,
    model: planned.model,
    exposure: planned.exposure,
    repeat: planned.repeat,
    startedAt: startedAt.toISOString(),
  };
}

function failedRecord(
  planned: PlannedRun,
  context: EvalContext,
  startedAt: Date,
  attempts: number,
  status: RunStatus,
  error: { code: string; message: string },
): RunRecord {
  return {
    ...baseRecord(planned, context, startedAt),
    status,
    passed: false,
    graders: [],
    text: "",
    toolCalls: [],
    steps: 0,
    usage: { inputTokens: 0, outputTokens: 0 },
    toolDefinitionTokens: 0,
    durationMs: Date.now() - startedAt.getTime(),
    attempts,
    error,
  };
}
