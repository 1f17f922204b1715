/**
 * One column of the page: one runner, its own session (a fresh sandbox account), and its
 * conversation. A turn streams the runner's events to the page; an approval waits for the
 * person's click in this column only, so the other columns go on.
 */
import {
  type AgentRunner,
  type ApprovalRequest,
  type CreateRunner,
  describeError,
  type RunEvent,
  type RunResult,
  type ToolCallRecord,
} from "@celigo-agents/core";
import { runnerOptionsFor } from "@celigo-agents/core/internal";
import {
  describeStateChanges,
  estimateCostUsd,
  type StateChange,
  toolResultPayload,
} from "@celigo-agents/evals";
import type { ActiveRuns } from "./active-runs.ts";
import { CallMatcher } from "./call-matcher.ts";
import { describeCall, displayJson, recordNameIndex } from "./call-targets.ts";
import type { ColumnStatus, PlaygroundEvent, ToolCallView, TurnMetrics } from "./column-view.ts";
import type { ColumnSession, PlaygroundServices } from "./playground-services.ts";

export interface ApprovalAnswerRecord {
  slug: string;
  innerSlugs: string[];
  answer: "approved" | "refused";
}

/** What "Save as case" needs: the conversation as it happened. */
export interface ConversationRecord {
  runner: string;
  prompts: string[];
  answers: string[];
  approvals: ApprovalAnswerRecord[];
  toolCalls: ToolCallRecord[];
  steps: number;
  usage: { inputTokens: number; outputTokens: number };
  changes: StateChange[];
  /** Absent for real services (no snapshots). */
  initialState?: unknown;
  finalState?: unknown;
}

interface PendingApproval {
  resolve: (approved: boolean) => void;
  record: Omit<ApprovalAnswerRecord, "answer">;
}

export interface ColumnOptions {
  runner: string;
  createRunner: () => Promise<CreateRunner>;
  services: PlaygroundServices;
  dispatch: (event: PlaygroundEvent) => void;
  /** Shared by every column of the page. */
  activeRuns: ActiveRuns;
}

const closeGraceMs = 5_000;
/** A snapshot younger than this stands for "before" the next turn (see #runTurn). */
const snapshotReuseMs = 30_000;
/** The longest a snapshot waits for the other columns' agents to finish. */
const snapshotDelayLimitMs = 10_000;

export class Column {
  readonly runner: string;
  readonly #createRunner: () => Promise<CreateRunner>;
  readonly #services: PlaygroundServices;
  readonly #dispatch: (event: PlaygroundEvent) => void;
  readonly #activeRuns: ActiveRuns;
  #agentRunning = false;
  #active = false;
  /** The account's latest snapshot and when it was taken. */
  #snapshot: { state: unknown; takenAt: number } | undefined;
  #status: ColumnStatus = "preparing";
  #ready: Promise<void>;
  #session: ColumnSession | undefined;
  #agent: AgentRunner | undefined;
  #names: ReadonlyMap<string, string> = new Map();
  #turn: Promise<void> | undefined;
  #resetting: Promise<void> | undefined;
  #controller: AbortController | undefined;
  readonly #pending = new Map<string, PendingApproval>();
  #nextId = 1;
  #conversation: ConversationRecord;

  constructor(options: ColumnOptions) {
    this.runner = options.runner;
    this.#createRunner = options.createRunner;
    this.#services = options.services;
    this.#dispatch = options.dispatch;
    this.#activeRuns = options.activeRuns;
    this.#conversation = emptyConversation(this.runner);
    this.#ready = this.#prepare();
  }

  /** Resolves once the column is ready or has failed to start (it never rejects). */
  ready(): Promise<void> {
    return this.#ready;
  }

  get busy(): boolean {
    return this.#turn !== undefined;
  }

  /** The session of the current conversation, once prepared (tests read its account). */
  async session(): Promise<ColumnSession | undefined> {
    await this.#ready;
    return this.#session;
  }

  conversation(): ConversationRecord {
    return this.#conversation;
  }

  /** Starts one turn; resolves when it has ended (answered, failed or stopped). */
  run(prompt: string): Promise<void> {
    if (this.#turn) return this.#turn;
    const turn = this.#runTurn(prompt).finally(() => {
      this.#turn = undefined;
    });
    this.#turn = turn;
    return turn;
  }

  answerApproval(id: string, approved: boolean): boolean {
    const pending = this.#pending.get(id);
    if (!pending) return false;
    this.#pending.delete(id);
    this.#conversation.approvals.push({
      ...pending.record,
      answer: approved ? "approved" : "refused",
    });
    this.#dispatch({
      type: "approval-answered",
      runner: this.runner,
      id,
      answer: approved ? "approved" : "refused",
    });
    if (this.#pending.size === 0 && this.#status === "waiting") this.#setStatus("running");
    pending.resolve(approved);
    return true;
  }

  /** Aborts the running turn; a waiting approval counts as refused. */
  stop(): void {
    this.#controller?.abort();
    for (const id of [...this.#pending.keys()]) this.answerApproval(id, false);
  }

  /** Starts over: a new runner on a fresh account, an empty conversation. */
  reset(): Promise<void> {
    // A second click while starting over joins the first rather than opening a second session.
    this.#resetting ??= this.#startOver().finally(() => {
      this.#resetting = undefined;
    });
    return this.#resetting;
  }

  async #startOver(): Promise<void> {
    this.stop();
    await this.#turn;
    await this.#ready;
    await this.#release();
    this.#conversation = emptyConversation(this.runner);
    this.#status = "preparing";
    this.#dispatch({
      type: "column",
      column: { runner: this.runner, status: "preparing", turns: [] },
    });
    this.#ready = this.#prepare();
    await this.#ready;
  }

  async close(): Promise<void> {
    await this.#resetting;
    this.stop();
    await this.#turn;
    await this.#ready;
    await this.#release();
  }

  async #prepare(): Promise<void> {
    try {
      const createRunner = await this.#createRunner();
      this.#session = await this.#services.openSession();
      const { session, state } = this.#session;
      const initialState = state ? await state() : undefined;
      this.#snapshot =
        initialState === undefined ? undefined : { state: initialState, takenAt: Date.now() };
      this.#names = recordNameIndex(initialState);
      this.#conversation.initialState = initialState;
      this.#conversation.finalState = initialState;
      this.#agent = await createRunner(
        runnerOptionsFor({ session, model: this.#services.model, now: session.now() }),
      );
      this.#setStatus("ready");
    } catch (error) {
      this.#setStatus("failed", `Could not start ${this.runner}: ${describeError(error)}`);
    }
  }

  async #runTurn(prompt: string): Promise<void> {
    await this.#resetting;
    await this.#ready;
    this.#dispatch({ type: "turn-start", runner: this.runner, prompt });
    this.#conversation.prompts.push(prompt);
    const agent = this.#agent;
    if (!agent || this.#status === "failed") {
      this.#endTurn(emptyResult(), {
        code: "run_failed",
        message: `${this.runner} is not running; press New conversation to try again.`,
      });
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.#setStatus("running");
    const state = this.#session?.state;
    // The last snapshot stands for "before" when recent (the previous turn's end, or the fresh
    // account): retaking it costs every column a few hundred ms before its agent can start.
    // An older one is retaken, so what a schedule ran while the page sat idle is not counted.
    const recent =
      this.#snapshot && Date.now() - this.#snapshot.takenAt < snapshotReuseMs
        ? this.#snapshot.state
        : undefined;
    const before = recent ?? (state ? await state().catch(() => undefined) : undefined);
    const calls = new CallMatcher(() => `${this.runner}-${this.#nextId++}`);
    let result: RunResult;
    this.#agentRunning = true;
    this.#setActive(true);
    try {
      result = await agent.run(prompt, {
        signal: controller.signal,
        onEvent: (event) => this.#onRunEvent(event, calls),
        approve: (request) => this.#askApproval(request, controller.signal),
      });
    } catch (error) {
      result = {
        ...emptyResult(),
        error: controller.signal.aborted
          ? { code: "aborted", message: "Stopped before it finished." }
          : { code: "run_failed", message: describeError(error) },
      };
    } finally {
      this.#agentRunning = false;
      this.#setActive(false);
    }
    this.#controller = undefined;
    this.#endTurn(result, result.error);
    if (state && before !== undefined) {
      await this.#activeRuns.quiet(snapshotDelayLimitMs);
      const after = await state().catch(() => undefined);
      if (after !== undefined) {
        this.#snapshot = { state: after, takenAt: Date.now() };
        const changes = describeStateChanges(before, after);
        this.#conversation.changes.push(...changes);
        this.#conversation.finalState = after;
        this.#dispatch({ type: "changes", runner: this.runner, changes });
      }
    }
    this.#setStatus(this.#agent ? "ready" : "failed");
  }

  #endTurn(result: RunResult, error: RunResult["error"]): void {
    const conversation = this.#conversation;
    conversation.answers.push(result.text);
    conversation.toolCalls.push(...result.toolCalls);
    conversation.steps += result.steps;
    conversation.usage.inputTokens += result.usage.inputTokens;
    conversation.usage.outputTokens += result.usage.outputTokens;
    const metrics: TurnMetrics = {
      steps: result.steps,
      toolCalls: result.toolCalls.length,
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
      costUsd: estimateCostUsd(this.#modelName(), result.usage),
      durationMs: result.durationMs,
    };
    this.#dispatch({
      type: "turn-end",
      runner: this.runner,
      metrics,
      ...(error ? { error } : {}),
    });
  }

  #modelName(): string {
    const { model } = this.#services;
    return model.provider === "offline" ? "offline" : `openai/${model.modelId}`;
  }

  #onRunEvent(event: RunEvent, calls: CallMatcher): void {
    switch (event.type) {
      case "text-delta":
        this.#dispatch({ type: "text", runner: this.runner, text: event.text });
        return;
      case "tool-call-start": {
        const id = calls.started(event.name, event.arguments);
        this.#dispatch({
          type: "tool-start",
          runner: this.runner,
          call: this.#callView(id, event.name, event.slug, event.arguments),
        });
        return;
      }
      case "tool-call-end": {
        const { call } = event;
        const id = calls.ended(call.name, call.arguments);
        this.#dispatch({
          type: "tool-end",
          runner: this.runner,
          call: {
            ...this.#callView(id, call.name, call.slug, call.arguments),
            status: call.approval === "refused" ? "refused" : call.isError ? "error" : "ok",
            durationMs: call.durationMs,
            resultText: displayJson(toolResultPayload(call.result)),
          },
        });
        return;
      }
      case "step-end":
        return;
    }
  }

  #callView(id: string, name: string, slug: string, callArguments: unknown): ToolCallView {
    return {
      id,
      name,
      slug,
      ...describeCall(slug, callArguments, this.#names),
      argumentsText: displayJson(callArguments),
      status: "running",
    };
  }

  #askApproval(request: ApprovalRequest, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    const id = `${this.runner}-approval-${this.#nextId++}`;
    const description = describeCall(request.slug, request.arguments, this.#names);
    return new Promise<boolean>((resolve) => {
      this.#pending.set(id, {
        resolve,
        record: { slug: request.slug, innerSlugs: description.innerSlugs },
      });
      this.#dispatch({
        type: "approval",
        runner: this.runner,
        approval: {
          id,
          slug: request.slug,
          ...description,
          reason: request.reason,
          argumentsText: displayJson(request.arguments),
        },
      });
      this.#setStatus("waiting");
      this.#setActive(false);
    }).finally(() => this.#setActive(this.#agentRunning));
  }

  /** Counted in the page's active runs while the agent works (not while it waits for a click). */
  #setActive(active: boolean): void {
    if (active === this.#active) return;
    this.#active = active;
    if (active) this.#activeRuns.begin();
    else this.#activeRuns.end();
  }

  #setStatus(status: ColumnStatus, detail?: string): void {
    this.#status = status;
    this.#dispatch({
      type: "status",
      runner: this.runner,
      status,
      ...(detail === undefined ? {} : { detail }),
    });
  }

  async #release(): Promise<void> {
    const agent = this.#agent;
    const session = this.#session;
    this.#agent = undefined;
    this.#session = undefined;
    if (agent) await withDeadline(agent.close(), closeGraceMs);
    if (session) await withDeadline(session.close(), closeGraceMs);
  }
}

function emptyConversation(runner: string): ConversationRecord {
  return {
    runner,
    prompts: [],
    answers: [],
    approvals: [],
    toolCalls: [],
    steps: 0,
    usage: { inputTokens: 0, outputTokens: 0 },
    changes: [],
  };
}

function emptyResult(): RunResult {
  return {
    text: "",
    toolCalls: [],
    steps: 0,
    usage: { inputTokens: 0, outputTokens: 0 },
    durationMs: 0,
  };
}

async function withDeadline(work: Promise<unknown>, milliseconds: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, milliseconds);
    }),
  ]);
  clearTimeout(timer);
}
