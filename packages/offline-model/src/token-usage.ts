import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import type { Conversation, ModelTurn } from "./conversation.ts";

export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
}

// OpenAI's chat format adds a few tokens per message (role and separators) and primes the reply.
const tokensPerMessage = 3;
const tokensPerReply = 3;
const countCache = new Map<string, number>();
const countCacheLimit = 5_000;

/**
 * Tool definitions repeat on every request, and each request of a run resends the messages
 * before it (tool results of tens of kilobytes among them): counts are cached by exact text.
 */
function countCached(text: string): number {
  const cached = countCache.get(text);
  if (cached !== undefined) return cached;
  const count = countTokens(text);
  if (countCache.size >= countCacheLimit) countCache.clear();
  countCache.set(text, count);
  return count;
}

/** Input = every message plus every tool definition, so 117 tool schemas cost what they would. */
export function countInputTokens(conversation: Conversation): number {
  let total = tokensPerReply;
  for (const message of conversation.messages) {
    total += tokensPerMessage + countCached(message.text);
    if (message.role === "assistant") {
      for (const call of message.toolCalls) {
        total += countTokens(call.name) + countTokens(call.arguments);
      }
    }
  }
  for (const tool of conversation.tools) {
    total += countCached(
      JSON.stringify({
        name: tool.name,
        description: tool.description,
        parameters: tool.parameters,
      }),
    );
  }
  return total;
}

/** Output = the text, or the tool calls' names and arguments. */
export function countOutputTokens(turn: ModelTurn): number {
  if (turn.kind === "text") return countTokens(turn.text);
  return turn.calls.reduce(
    (sum, call) => sum + countTokens(call.name) + countTokens(call.arguments),
    0,
  );
}

export function countUsage(conversation: Conversation, turn: ModelTurn): TokenCounts {
  return { inputTokens: countInputTokens(conversation), outputTokens: countOutputTokens(turn) };
}
