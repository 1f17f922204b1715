/**
 * The bookkeeping every runner does around its framework's agent loop, written once: tool call
 * records and their events, steps and token usage, the approval question and the refusal the
 * model is told, and the `RunResult`. A runner creates one `RunRecorder` per `run()` and calls
 * it from the framework's own stream parts, hooks or middleware.
 */
import { toolTransportError, transportFailureIn } from "./run-errors.ts";
import type { RunError, RunOptions, RunResult, TokenUsage, ToolCallRecord } from "./runner.ts";
import { parseJsonText, toolSlug } from "./tool-calls.ts";
import type { EarlierCall, ToolDecision, ToolPolicy } from "./tool-policy.ts";

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
  step: number;
}

export class RunRecorder {
  readonly #toolCalls: ToolCallRecord[] = [];
  readonly #toolPolicy: ToolPolicy;
  readonly #options: RunOptions;
  readonly #startedAt = performance.now();
  readonly #started = new Map<unknown, StartedCall>();
  readonly #answers = new Map<unknown, ApprovalAnswer>();
  /** Calls let through this turn, whose writes add up to later calls' blast radius. */
  readonly #letThrough = new Map<string, EarlierCall>();
  /** The calls of the latest model response: a write is judged with the others it came with. */
  #proposed = new Map<string, EarlierCall>();
  /** The person's answer about the latest response's writes, which one question covers. */
  #proposedAnswer: ApprovalAnswer | undefined;
  /** Calls of a response still streaming in, for frameworks that report them one by one. */
  #pending: EarlierCall[] = [];
  #responses = 0;
  readonly #decisions = new Map<string, ToolDecision>();
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
    this.#completeProposals();
    const startedAt = performance.now();
    this.#started.set(id, { name, arguments: toolArguments, startedAt, step: this.#responses });
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
      step: started.step,
      ...(approval ? { approval } : {}),
    };
    this.#toolCalls.push(call);
    if (!call.isError) this.#toolPolicy.names.learn(call.result);
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
   * The tool calls of a model response, before any of them runs. Calls the model asked for
   * together are judged together: ten one-flow retries in one response are one bulk retry.
   */
  modelProposed(calls: readonly EarlierCall[]): void {
    this.#pending = [];
    this.#responses += 1;
    this.#proposed = new Map(calls.map((call) => [callKey(call.name, call.arguments), call]));
    this.#proposedAnswer = undefined;
  }

  /**
   * One tool call of a response still streaming in; the response's calls are complete once the
   * first of them is decided on or starts.
   */
  toolCallProposed(name: string, toolArguments: unknown): void {
    this.#pending.push({ name, arguments: toolArguments });
  }

  #completeProposals(): void {
    if (this.#pending.length > 0) this.modelProposed(this.#pending);
  }

  /**
   * The policy's decision for a call of this turn, counting the writes let through before it and
   * those proposed with it. Frameworks may ask several times about one call (a gate, then a
   * description): the first answer stands, and a call is counted once.
   */
  decide(toolName: string, toolArguments: unknown): ToolDecision {
    this.#completeProposals();
    const key = callKey(toolName, toolArguments);
    const known = this.#decisions.get(key);
    if (known) return known;
    const others = new Map([...this.#letThrough, ...this.#proposed]);
    others.delete(key);
    const decision = this.#toolPolicy.decide(toolName, toolArguments, [...others.values()]);
    this.#decisions.set(key, decision);
    if (!decision.needsApproval)
      this.#letThrough.set(key, { name: toolName, arguments: toolArguments });
    return decision;
  }

  needsApproval(toolName: string, toolArguments: unknown): boolean {
    return this.decide(toolName, toolArguments).needsApproval;
  }

  /**
   * Asks `approve` (absent means refuse) about a call the policy gates. One question covers the
   * writes a model response asked for together; destructive calls are asked about one by one.
   * Pass the call's `id` when the framework reports the refused call itself (`toolCallEnded` or
   * `toolCallRefused`); without it a refusal is recorded right away, since the call will never
   * run.
   */
  async askApproval(
    toolName: string,
    toolArguments: unknown,
    id?: unknown,
  ): Promise<ApprovalAnswer> {
    const decision = this.decide(toolName, toolArguments);
    const coveredByOneQuestion = decision.risk !== "destructive";
    let answer = coveredByOneQuestion ? this.#proposedAnswer : undefined;
    if (!answer) {
      const reply =
        (await this.#options.approve?.({
          toolName,
          slug: decision.slug,
          arguments: toolArguments,
          reason: decision.reason,
        })) ?? false;
      const why = typeof reply === "object" ? ` ${reply.refused}` : "";
      answer =
        reply === true
          ? { approved: true }
          : {
              approved: false,
              refusal: `The user did not approve ${decision.slug} (${decision.reason}).${why} Nothing was changed; say what you would have done and how the user can allow it.`,
            };
      if (coveredByOneQuestion) this.#proposedAnswer = answer;
    }
    if (answer.approved) {
      this.#letThrough.set(callKey(toolName, toolArguments), {
        name: toolName,
        arguments: toolArguments,
      });
    }
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

  /**
   * The run's error when a tool call failed because the MCP server went away: the model may
   * still answer (often wrongly, from no data), but the run did not do what was asked.
   */
  transportError(): RunError | undefined {
    const failed = this.#toolCalls.filter((call) => call.isError).map((call) => call.result);
    const detail = transportFailureIn(failed);
    return detail ? toolTransportError(detail) : undefined;
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

function callKey(toolName: string, toolArguments: unknown): string {
  return `${toolSlug(toolName)} ${JSON.stringify(parseJsonText(toolArguments))}`;
}
