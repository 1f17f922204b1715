import { setTimeout as sleep } from "node:timers/promises";
import type { Conversation, ModelTurn } from "./conversation.ts";
import { applyTurnFaults, type FaultKind, type FaultRule } from "./faults.ts";
import { decideTurn } from "./policy/policy.ts";
import { countUsage, type TokenCounts } from "./token-usage.ts";

export interface EngineOptions {
  latencyMs: number;
  faults: readonly FaultRule[];
  seed: number;
}

export interface EngineReply {
  turn: ModelTurn;
  usage: TokenCounts;
  faults: ReadonlySet<FaultKind>;
  /** Seconds since the epoch for `created` fields: the conversation's "Current time", else 0. */
  createdAt: number;
}

/**
 * One model call: policy, then the faults drawn for this attempt (see `FaultDraws`), then token
 * counts; the same request and faults give the same reply.
 */
export async function runModel(
  conversation: Conversation,
  options: EngineOptions,
  faults: ReadonlySet<FaultKind> = new Set(),
): Promise<EngineReply> {
  if (options.latencyMs > 0) await sleep(options.latencyMs);
  const decision = decideTurn(conversation);
  const turn = applyTurnFaults(decision.turn, faults);
  const createdAt = decision.now ? Math.floor(decision.now.getTime() / 1000) : 0;
  return { turn, usage: countUsage(conversation, turn), faults, createdAt };
}

/** Splits text into word groups, the way a model streams tokens. */
export function textChunks(text: string, wordsPerChunk = 4): string[] {
  const words = text.match(/\S+\s*|\s+/g) ?? [];
  const chunks: string[] = [];
  for (let index = 0; index < words.length; index += wordsPerChunk) {
    chunks.push(words.slice(index, index + wordsPerChunk).join(""));
  }
  return chunks.length > 0 ? chunks : [""];
}

/** Splits tool-call arguments into pieces, so clients must join deltas. */
export function argumentChunks(text: string, size = 32): string[] {
  const chunks: string[] = [];
  for (let index = 0; index < text.length; index += size)
    chunks.push(text.slice(index, index + size));
  return chunks.length > 0 ? chunks : [""];
}
