/**
 * The bookkeeping every runner does around its framework's agent loop, written once: tool call
 * records and their events, steps and token usage, the approval question and the refusal the
 * model is told, and the `RunResult`. A runner creates one `RunRecorder` per `run()` and calls
 * it from the framework's own stream parts, hooks or middleware.
 */
import type { RunOptions, RunResult, TokenUsage, ToolCallRecord } from "./runner.ts";
import { type ToolPolicy, toolSlug } from "./tool-policy.ts";

export type RunError = NonNullable<RunResult["error"]>;

/** What the framework reports when a tool call ends. */
export interface ToolCallOutcome {
  result: unknown;
  isError: boolean;
  /** The framework's own measure of the execution; otherwise the time since the call started. */
  durationMs?: number | undefined;
  /** For frameworks that only run a gated call once it was approved and say so no other way. */
  approved?: boolean;
}

export type ApprovalAnswer =
  | { approved: true }
  | {
      approved: false;
      /** What the model is told instead of the tool's result. */
      refusal: string;
    };

interface StartedCall {
  name: string;
  arguments: unknown;
  startedAt: number;
}

export class RunRecorder {
  readonly #toolCalls: ToolCallRecord[] = [];
  readonly #toolPolicy: ToolPolicy;
  readonly #options: RunOptions;
  readonly #startedAt = performance.now();
  readonly #started = new Map<unknown, StartedCall>();
  readonly #answers = new Map<unknown, ApprovalAnswer>();
  #steps = 0;
  #usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };

  constructor(toolPolicy: ToolPolicy, options: RunOptions = {}) {
    this.#toolPolicy = toolPolicy;
    this.#options = options;
  }

  get steps(): number {
    return this.#steps;
  }

  textDelta(text: string): void {
    this.#options.onEvent?.({ type: "text-delta", text });
  }

  /** One model call finished; its usage is added when the framework reports it per step. */
  stepEnded(usage: Partial<TokenUsage> = {}): void {
    this.#steps += 1;
    this.#usage = {
      inputTokens: this.#usage.inputTokens + (usage.inputTokens ?? 0),
      outputTokens: this.#usage.outputTokens + (usage.outputTokens ?? 0),
    };
    this.#options.onEvent?.({ type: "step-end", step: this.#steps });
  }

  /** For frameworks that sum the run's usage themselves: replaces what the steps added. */
  setUsage(total: TokenUsage): void {
    this.#usage = { inputTokens: total.inputTokens, outputTokens: total.outputTokens };
  }

  /**
   * `id` is whatever identifies the call in the framework's callbacks: its call id, or any value
   * the start and the end of the call both see.
   */
  toolCallStarted(id: unknown, name: string, toolArguments: unknown): void {
    this.#started.set(id, { name, arguments: toolArguments, startedAt: performance.now() });
    this.#options.onEvent?.({
      type: "tool-call-start",
      name,
      slug: toolSlug(name),
      arguments: toolArguments,
    });
  }

  /**
   * Records a started call. A call refused through `askApproval(…, id)` is recorded as refused:
   * an error that took no time. An end without a start is ignored, as its start never reached
   * the caller either.
   */
  toolCallEnded(id: unknown, outcome: ToolCallOutcome): void {
    const started = this.#started.get(id);
    if (!started) return;
    const answer = this.#answers.get(id);
    this.#started.delete(id);
    this.#answers.delete(id);
    const refused = answer?.approved === false;
    const approval: ToolCallRecord["approval"] = refused
      ? "refused"
      : (answer?.approved ?? outcome.approved)
        ? "approved"
        : undefined;
    const call: ToolCallRecord = {
      name: started.name,
      slug: toolSlug(started.name),
      arguments: started.arguments,
      result: outcome.result,
      isError: refused || outcome.isError,
      durationMs: refused
        ? 0
        : Math.round(outcome.durationMs ?? performance.now() - started.startedAt),
      ...(approval ? { approval } : {}),
    };
    this.#toolCalls.push(call);
    this.#options.onEvent?.({ type: "tool-call-end", call });
  }

  /** Ends a started call the person refused, for frameworks that report it without a result. */
  toolCallRefused(id: unknown): void {
    const answer = this.#answers.get(id);
    const refusal = answer?.approved === false ? answer.refusal : "Refused.";
    this.#answers.set(id, { approved: false, refusal });
    this.toolCallEnded(id, { result: refusal, isError: true });
  }

  /**
   * Asks `approve` (absent means refuse) about a call the policy gates. Pass the call's `id` when
   * the framework reports the refused call itself (`toolCallEnded` or `toolCallRefused`);
   * without it a refusal is recorded right away, since the call will never run.
   */
  async askApproval(
    toolName: string,
    toolArguments: unknown,
    id?: unknown,
  ): Promise<ApprovalAnswer> {
    const decision = this.#toolPolicy.decide(toolName, toolArguments);
    const approved =
      (await this.#options.approve?.({
        toolName,
        slug: decision.slug,
        arguments: toolArguments,
        reason: decision.reason,
      })) ?? false;
    const answer: ApprovalAnswer = approved
      ? { approved: true }
      : {
          approved: false,
          refusal: `The user did not approve ${decision.slug} (${decision.reason}). Nothing was changed.`,
        };
    if (id !== undefined) {
      this.#answers.set(id, answer);
    } else if (!answer.approved) {
      // The framework never reports this call, so it is recorded here, under a key of its own.
      const refusedCall = Symbol(toolName);
      this.#answers.set(refusedCall, answer);
      this.toolCallStarted(refusedCall, toolName, toolArguments);
      this.toolCallEnded(refusedCall, { result: answer.refusal, isError: true });
    }
    return answer;
  }

  result(text: string, error?: RunError): RunResult {
    return {
      text,
      toolCalls: this.#toolCalls,
      steps: this.#steps,
      usage: { ...this.#usage },
      durationMs: Math.round(performance.now() - this.#startedAt),
      ...(error ? { error } : {}),
    };
  }
}

export function abortedRunError(): RunError {
  return { code: "run_aborted", message: "The run was stopped before it finished." };
}

export function stepLimitError(maxSteps: number): RunError {
  return {
    code: "run_failed",
    message: `The agent used all ${maxSteps} steps without a final answer. Ask something narrower, or raise maxSteps.`,
  };
}

/** The error of a run that threw: an abort when the run's signal says so, else the failure. */
export function runError(caught: unknown, signal?: AbortSignal): RunError {
  if (signal?.aborted) return abortedRunError();
  return { code: "run_failed", message: errorText(caught) };
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The value a text holds when it is JSON (tool arguments, tool results), else the text itself. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
