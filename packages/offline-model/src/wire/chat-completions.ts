import { z } from "zod";
import type { Conversation, ConversationMessage, OfferedTool } from "../conversation.ts";
import { deterministicId } from "../deterministic-ids.ts";
import { argumentChunks, type EngineReply, textChunks } from "../model-engine.ts";
import { contentText, selectTools, toolChoiceSchema } from "./request-parts.ts";

const toolCallSchema = z.looseObject({
  id: z.string(),
  type: z.string().optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string().default("") }),
});

const messageSchema = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: z.unknown().optional(),
  tool_calls: z.array(toolCallSchema).nullish(),
  tool_call_id: z.string().optional(),
});

const functionToolSchema = z.looseObject({
  type: z.string().default("function"),
  function: z.looseObject({
    name: z.string(),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const chatCompletionRequestSchema = z.looseObject({
  model: z.string(),
  messages: z.array(messageSchema).min(1),
  tools: z.array(functionToolSchema).optional(),
  tool_choice: toolChoiceSchema.optional(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
});

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

export function chatConversation(request: ChatCompletionRequest): Conversation {
  const messages: ConversationMessage[] = request.messages.map((message) => {
    const text = contentText(message.content);
    switch (message.role) {
      case "system":
      case "developer":
        return { role: "system", text };
      case "user":
        return { role: "user", text };
      case "assistant":
        return {
          role: "assistant",
          text,
          toolCalls: (message.tool_calls ?? []).map((call) => ({
            id: call.id,
            name: call.function.name,
            arguments: call.function.arguments,
          })),
        };
      default:
        return { role: "tool", toolCallId: message.tool_call_id ?? "", text };
    }
  });
  const tools: OfferedTool[] = (request.tools ?? []).map((tool) => ({
    name: tool.function.name,
    description: tool.function.description ?? "",
    parameters: tool.function.parameters ?? {},
  }));
  return { messages, tools: selectTools(tools, request.tool_choice) };
}

function usageBody(reply: EngineReply) {
  return {
    prompt_tokens: reply.usage.inputTokens,
    completion_tokens: reply.usage.outputTokens,
    total_tokens: reply.usage.inputTokens + reply.usage.outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  };
}

function toolCallIds(requestDigest: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) =>
    deterministicId("call_", requestDigest, "tool-call", index),
  );
}

export function chatCompletionBody(
  request: ChatCompletionRequest,
  reply: EngineReply,
  requestDigest: string,
) {
  const turn = reply.turn;
  const ids = toolCallIds(requestDigest, turn.kind === "tool-calls" ? turn.calls.length : 0);
  const message =
    turn.kind === "text"
      ? { role: "assistant", content: turn.text, refusal: null, annotations: [] }
      : {
          role: "assistant",
          content: null,
          refusal: null,
          annotations: [],
          tool_calls: turn.calls.map((call, index) => ({
            id: ids[index],
            type: "function",
            function: { name: call.name, arguments: call.arguments },
          })),
        };
  return {
    id: deterministicId("chatcmpl-", requestDigest),
    object: "chat.completion",
    created: reply.createdAt,
    model: request.model,
    system_fingerprint: "fp_offline",
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        finish_reason: turn.kind === "text" ? "stop" : "tool_calls",
      },
    ],
    usage: usageBody(reply),
  };
}

/** The `data:` payloads of a streamed completion, in OpenAI's order, ending with `[DONE]`. */
export function chatCompletionChunks(
  request: ChatCompletionRequest,
  reply: EngineReply,
  requestDigest: string,
): string[] {
  const includeUsage = request.stream_options?.include_usage === true;
  const base = {
    id: deterministicId("chatcmpl-", requestDigest),
    object: "chat.completion.chunk",
    created: reply.createdAt,
    model: request.model,
    system_fingerprint: "fp_offline",
  };
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) =>
    JSON.stringify({
      ...base,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(includeUsage ? { usage: null } : {}),
    });
  const turn = reply.turn;
  const chunks: string[] = [];
  if (turn.kind === "text") {
    chunks.push(chunk({ role: "assistant", content: "", refusal: null }));
    for (const piece of textChunks(turn.text)) chunks.push(chunk({ content: piece }));
    chunks.push(chunk({}, "stop"));
  } else {
    const ids = toolCallIds(requestDigest, turn.calls.length);
    chunks.push(chunk({ role: "assistant", content: null, refusal: null }));
    turn.calls.forEach((call, index) => {
      chunks.push(
        chunk({
          tool_calls: [
            {
              index,
              id: ids[index],
              type: "function",
              function: { name: call.name, arguments: "" },
            },
          ],
        }),
      );
      for (const piece of argumentChunks(call.arguments)) {
        chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
      }
    });
    chunks.push(chunk({}, "tool_calls"));
  }
  if (includeUsage) chunks.push(JSON.stringify({ ...base, choices: [], usage: usageBody(reply) }));
  chunks.push("[DONE]");
  return chunks;
}
