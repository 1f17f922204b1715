/**
 * The policy with mistakes: it decides each turn as the policy does, then, at the profile's
 * rates, spoils it (at most one mistake per user request). It keeps no conversation state: on
 * every request it replays the turns of the conversation it is sent, recognises its own earlier
 * mistake (the same seeded draw at the same turn of the same request), and, when the framework
 * fed an error back, removes the mistaken call and its result before asking the policy again.
 * So the model corrects itself on the next turn, as a real model mostly does: after a mistake
 * that fails a call, a run fails only when the framework did not return the error (it aborted,
 * or refused the call). A premature answer or an ignored error ends the run with nothing to
 * return, as it would with a real model.
 */
import type { Conversation, ConversationMessage, ModelTurn, ToolCall } from "../conversation.ts";
import { deterministicUniform, digest } from "../deterministic-ids.ts";
import { decideTurn, type PolicyDecision } from "../policy/policy.ts";
import { type CommittedMistake, MistakeLedger, type MistakeOutcome } from "./mistake-ledger.ts";
import type { MistakeKind, MistakeProfile } from "./mistake-profiles.ts";
import {
  type CommittedTurn,
  ignoringAnswer,
  mistakeTransforms,
  type TurnFacts,
} from "./mistake-transforms.ts";
import { isErrorResult, isRefusalResult } from "./tool-result-errors.ts";

type AssistantMessage = Extract<ConversationMessage, { role: "assistant" }>;

/** A mistake found again in the conversation, with what the framework did with it. */
interface Recognised {
  committed: CommittedTurn;
  turn: number;
  /** The mistaken call's result, as fed back; undefined when none came back. */
  result: string | undefined;
  /** The model turn right after the mistake has not been taken yet. */
  awaitingReply: boolean;
}

/** The cleaned conversation and what the latest request's replay found. */
interface Replay {
  messages: ConversationMessage[];
  request: string;
  /** Model turns taken so far for the latest request, after cleaning. */
  turn: number;
  recognised: Recognised | undefined;
}

const strippedWhenFailed: ReadonlySet<MistakeKind> = new Set([
  "malformed-arguments",
  "schema-violation",
  "name-for-id",
]);

export class MistakeLayer {
  readonly #profile: MistakeProfile;
  readonly #seed: number;
  readonly #ledger = new MistakeLedger();

  constructor(profile: MistakeProfile, seed: number) {
    this.#profile = profile;
    this.#seed = seed;
  }

  /** The mistakes committed in requests sent with this API key. */
  committed(apiKey: string): CommittedMistake[] {
    return this.#ledger.committed(apiKey);
  }

  decide(conversation: Conversation, apiKey: string): PolicyDecision {
    const replay = this.#replay(conversation);
    const cleaned: Conversation = { messages: replay.messages, tools: conversation.tools };
    const decision = decideTurn(cleaned);
    const requestKey = digest("request", replay.request);
    const { recognised } = replay;
    if (recognised) {
      this.#settle(apiKey, requestKey, recognised);
      const { committed } = recognised;
      if (
        committed.provoked &&
        recognised.awaitingReply &&
        recognised.result !== undefined &&
        isErrorResult(recognised.result)
      ) {
        return { ...decision, turn: ignoringAnswer(committed.tool) };
      }
      return decision;
    }
    const committed = this.#choose(cleaned, replay.request, replay.turn, decision.turn);
    if (!committed) return decision;
    this.#ledger.record(apiKey, requestKey, {
      kind: committed.kind,
      turn: replay.turn,
      tool: committed.tool,
      detail: committed.detail,
    });
    return { ...decision, turn: committed.turn };
  }

  #settle(apiKey: string, requestKey: string, recognised: Recognised) {
    const { committed } = recognised;
    if (committed.callIndex === undefined || recognised.result === undefined) return;
    const outcome: MistakeOutcome =
      committed.kind === "repeat-call"
        ? "ran again"
        : isErrorResult(recognised.result)
          ? "error returned to the model"
          : isRefusalResult(recognised.result)
            ? "refused at approval"
            : "accepted or repaired by the framework";
    this.#ledger.settle(
      apiKey,
      requestKey,
      { turn: recognised.turn, kind: committed.kind },
      outcome,
    );
  }

  /** The seeded choice for one turn: whether to err, and how, among the kinds that fit. */
  #choose(
    conversation: Conversation,
    request: string,
    turn: number,
    clean: ModelTurn,
  ): CommittedTurn | undefined {
    const key = [this.#seed, this.#profile.name, request, turn] as const;
    if (deterministicUniform(...key, "turn") >= this.#profile.turnRate) return undefined;
    const facts = turnFacts(conversation, clean, deterministicUniform(...key, "within"));
    const candidates = Object.entries(this.#profile.weights).flatMap(([kind, weight]) => {
      const committed = weight ? mistakeTransforms[kind as MistakeKind](facts) : undefined;
      return committed ? [{ committed, weight: weight as number }] : [];
    });
    const total = candidates.reduce((sum, candidate) => sum + candidate.weight, 0);
    let point = deterministicUniform(...key, "kind") * total;
    for (const candidate of candidates) {
      point -= candidate.weight;
      if (point < 0) return candidate.committed;
    }
    return candidates.at(-1)?.committed;
  }

  /**
   * Walks the conversation request by request, deciding each earlier model turn again from the
   * cleaned turns before it; where that decision was a mistake, the turn is the model's mistake.
   */
  #replay(conversation: Conversation): Replay {
    const { messages, tools } = conversation;
    const cleaned: ConversationMessage[] = [];
    let request = "";
    let turn = 0;
    let recognised: Recognised | undefined;
    let dropped = new Set<string>();
    for (const [index, message] of messages.entries()) {
      if (message.role === "user") {
        request = message.text;
        turn = 0;
        recognised = undefined;
        dropped = new Set();
        cleaned.push(message);
        continue;
      }
      if (message.role === "tool") {
        if (!dropped.has(message.toolCallId)) cleaned.push(message);
        continue;
      }
      if (message.role !== "assistant" || recognised || !request) {
        cleaned.push(message);
        continue;
      }
      const clean = decideTurn({ messages: cleaned, tools }).turn;
      const committed = this.#choose({ messages: cleaned, tools }, request, turn, clean);
      if (!committed) {
        cleaned.push(message);
        turn++;
        continue;
      }
      // The draw is seeded, so this turn carried the mistake whatever the framework made of it.
      const later = messages.slice(index + 1).some((other) => other.role === "assistant");
      if (!sameShape(message, committed.turn)) {
        recognised = { committed, turn, result: undefined, awaitingReply: !later };
        // Changed by the framework (a repaired call is kept); a call it dropped leaves nothing.
        if (message.toolCalls.length > 0 || message.text.trim()) {
          cleaned.push(message);
          turn++;
        }
        continue;
      }
      const call =
        committed.callIndex === undefined ? undefined : message.toolCalls[committed.callIndex];
      const result = call ? resultOf(messages, index, call) : undefined;
      recognised = { committed, turn, result, awaitingReply: !later };
      const kept = keptCalls(message, committed, result);
      for (const removed of message.toolCalls.filter((candidate) => !kept.includes(candidate))) {
        dropped.add(removed.id);
      }
      if (kept.length === message.toolCalls.length) {
        cleaned.push(message);
        turn++;
      } else if (kept.length > 0 || message.text.trim()) {
        cleaned.push({ ...message, toolCalls: kept });
        turn++;
      }
    }
    return { messages: cleaned, request, turn, recognised };
  }
}

/** The framework may re-serialize arguments, so a turn is matched by its call names. */
function sameShape(message: AssistantMessage, turn: ModelTurn): boolean {
  if (turn.kind === "text") return message.toolCalls.length === 0;
  const names = (calls: ReadonlyArray<{ name: string }>) =>
    calls
      .map((call) => call.name)
      .sort()
      .join("\n");
  return names(message.toolCalls) === names(turn.calls);
}

function resultOf(
  messages: readonly ConversationMessage[],
  index: number,
  call: ToolCall,
): string | undefined {
  for (const message of messages.slice(index + 1)) {
    if (message.role === "tool" && message.toolCallId === call.id) return message.text;
  }
  return undefined;
}

/**
 * The calls that stay in the conversation: a call to no tool never ran and a repeat adds
 * nothing, so both go; a spoiled call goes when it failed (or got no result), and stays when the
 * framework repaired or accepted it, since then it ran. `ignore-tool-error` keeps its failure.
 */
function keptCalls(
  message: AssistantMessage,
  committed: CommittedTurn,
  result: string | undefined,
): ToolCall[] {
  const index = committed.callIndex;
  if (index === undefined || committed.provoked) return message.toolCalls;
  if (committed.kind === "repeat-call") return [];
  const failed =
    committed.kind === "unknown-tool" ||
    (strippedWhenFailed.has(committed.kind) && (result === undefined || isErrorResult(result)));
  return failed ? message.toolCalls.filter((_, at) => at !== index) : message.toolCalls;
}

/** What the transforms need to know about the conversation so far. */
function turnFacts(conversation: Conversation, clean: ModelTurn, draw: number): TurnFacts {
  const { messages } = conversation;
  const requestIndex = messages.findLastIndex((message) => message.role === "user");
  const sinceRequest = messages.slice(requestIndex + 1);
  const assistants = sinceRequest.filter(
    (message): message is AssistantMessage => message.role === "assistant",
  );
  const previous = assistants.at(-1);
  const callNames = new Map<string, string>();
  for (const message of assistants) {
    for (const call of message.toolCalls) callNames.set(call.id, call.name);
  }
  const previousIndex = previous ? messages.lastIndexOf(previous) : messages.length;
  const failedCall = messages
    .slice(previousIndex + 1)
    .flatMap((message) =>
      message.role === "tool" && isErrorResult(message.text)
        ? [callNames.get(message.toolCallId) ?? "the tool"]
        : [],
    )[0];
  return {
    clean,
    tools: conversation.tools,
    previousCalls: previous?.toolCalls ?? [],
    callsSoFar: assistants.flatMap((message) => message.toolCalls.map((call) => call.name)),
    namesById: namesById(messages),
    failedCall,
    draw,
  };
}

/** `_id` -> `name` of every record in the tool results (Celigo's records carry both). */
function namesById(messages: readonly ConversationMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  const visit = (value: unknown, depth: number) => {
    if (depth > 12 || value === null || typeof value !== "object") {
      if (typeof value === "string" && depth <= 12 && /^\s*[[{]/.test(value)) {
        visit(parse(value), depth + 1);
      }
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record._id === "string" && typeof record.name === "string" && record.name.trim()) {
      names.set(record._id, record.name);
    }
    for (const child of Object.values(record)) visit(child, depth + 1);
  };
  for (const message of messages) if (message.role === "tool") visit(message.text, 0);
  return names;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
