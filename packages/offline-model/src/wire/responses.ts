import { z } from "zod";
import type { Conversation, ConversationMessage, OfferedTool } from "../conversation.ts";
import { deterministicId } from "../deterministic-ids.ts";
import { argumentChunks, type EngineReply, textChunks } from "../model-engine.ts";
import { OpenAIError } from "./openai-error.ts";
import { contentText, selectTools, toolChoiceSchema } from "./request-parts.ts";
import type { ResponseStore } from "./response-store.ts";

const inputItemSchema = z.looseObject({
  type: z.string().optional(),
  role: z.string().optional(),
  content: z.unknown().optional(),
  call_id: z.string().optional(),
  name: z.string().optional(),
  arguments: z.string().optional(),
  output: z.unknown().optional(),
});

const functionToolSchema = z.looseObject({
  type: z.string(),
  name: z.string().optional(),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
});

export const responsesRequestSchema = z.looseObject({
  model: z.string(),
  input: z.union([z.string(), z.array(inputItemSchema)]).optional(),
  instructions: z.string().nullish(),
  tools: z.array(functionToolSchema).optional(),
  tool_choice: toolChoiceSchema.optional(),
  previous_response_id: z.string().nullish(),
  stream: z.boolean().nullish(),
  store: z.boolean().nullish(),
  parallel_tool_calls: z.boolean().nullish(),
});

export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;

function inputMessages(input: ResponsesRequest["input"]): ConversationMessage[] {
  if (input === undefined) return [];
  if (typeof input === "string") return [{ role: "user", text: input }];
  const messages: ConversationMessage[] = [];
  for (const item of input) {
    if (item.type === "function_call") {
      const call = {
        id: item.call_id ?? "",
        name: item.name ?? "",
        arguments: item.arguments ?? "",
      };
      const previous = messages.at(-1);
      // Consecutive function calls are one assistant turn with parallel calls.
      if (previous?.role === "assistant" && previous.text === "") previous.toolCalls.push(call);
      else messages.push({ role: "assistant", text: "", toolCalls: [call] });
    } else if (item.type === "function_call_output") {
      const output = typeof item.output === "string" ? item.output : contentText(item.output);
      messages.push({ role: "tool", toolCallId: item.call_id ?? "", text: output });
    } else if (item.role && (item.type === undefined || item.type === "message")) {
      const text = contentText(item.content);
      if (item.role === "user") messages.push({ role: "user", text });
      else if (item.role === "assistant") messages.push({ role: "assistant", text, toolCalls: [] });
      else messages.push({ role: "system", text });
    }
    // Reasoning items and item references carry nothing the policy reads.
  }
  return messages;
}

/** The conversation so far: stored history (by `previous_response_id`) plus the new input. */
export function responsesConversation(request: ResponsesRequest, store: ResponseStore) {
  let history: ConversationMessage[] = [];
  if (request.previous_response_id) {
    const stored = store.get(request.previous_response_id);
    if (!stored) {
      throw new OpenAIError(
        400,
        "invalid_request_error",
        `Previous response with id '${request.previous_response_id}' not found. The offline model keeps recent responses in memory only: send the full input instead, or a previous_response_id from this server's current run.`,
        { param: "previous_response_id", code: "previous_response_not_found" },
      );
    }
    history = stored;
  }
  const newMessages = inputMessages(request.input);
  const tools: OfferedTool[] = (request.tools ?? [])
    .filter((tool) => tool.type === "function" && tool.name)
    .map((tool) => ({
      name: tool.name ?? "",
      description: tool.description ?? "",
      parameters: tool.parameters ?? {},
    }));
  const instructions: ConversationMessage[] = request.instructions
    ? [{ role: "system", text: request.instructions }]
    : [];
  const conversation: Conversation = {
    messages: [...instructions, ...history, ...newMessages],
    tools: selectTools(tools, request.tool_choice),
  };
  return { conversation, history: [...history, ...newMessages] };
}

type OutputItem =
  | {
      type: "message";
      id: string;
      status: "completed";
      role: "assistant";
      content: Array<{ type: "output_text"; text: string; annotations: [] }>;
    }
  | {
      type: "function_call";
      id: string;
      call_id: string;
      name: string;
      arguments: string;
      status: "completed";
    };

function outputItems(reply: EngineReply, requestDigest: string): OutputItem[] {
  const turn = reply.turn;
  if (turn.kind === "text") {
    return [
      {
        type: "message",
        id: deterministicId("msg_", requestDigest),
        status: "completed",
        role: "assistant",
        content: [{ type: "output_text", text: turn.text, annotations: [] }],
      },
    ];
  }
  return turn.calls.map((call, index) => ({
    type: "function_call",
    id: deterministicId("fc_", requestDigest, index),
    call_id: deterministicId("call_", requestDigest, "tool-call", index),
    name: call.name,
    arguments: call.arguments,
    status: "completed",
  }));
}

/** The assistant turn as history, for a later `previous_response_id`. */
export function outputAsMessages(reply: EngineReply, requestDigest: string): ConversationMessage[] {
  const items = outputItems(reply, requestDigest);
  const text = items.flatMap((item) =>
    item.type === "message" ? [item.content[0]?.text ?? ""] : [],
  );
  const toolCalls = items.flatMap((item) =>
    item.type === "function_call"
      ? [{ id: item.call_id, name: item.name, arguments: item.arguments }]
      : [],
  );
  return [{ role: "assistant", text: text.join(""), toolCalls }];
}

export function responseBody(
  request: ResponsesRequest,
  reply: EngineReply,
  requestDigest: string,
  status: "in_progress" | "completed" = "completed",
) {
  const output = status === "completed" ? outputItems(reply, requestDigest) : [];
  const usage =
    status === "completed"
      ? {
          input_tokens: reply.usage.inputTokens,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: reply.usage.outputTokens,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: reply.usage.inputTokens + reply.usage.outputTokens,
        }
      : null;
  return {
    id: deterministicId("resp_", requestDigest),
    object: "response",
    created_at: reply.createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: request.instructions ?? null,
    max_output_tokens: null,
    model: request.model,
    output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    store: request.store ?? true,
    temperature: 1,
    text: { format: { type: "text" } },
    tool_choice: request.tool_choice ?? "auto",
    tools: request.tools ?? [],
    top_p: 1,
    truncation: "disabled",
    usage,
    metadata: {},
  };
}

/** The streamed events in OpenAI's order: created, in_progress, per item added/deltas/done, completed. */
export function responseEvents(
  request: ResponsesRequest,
  reply: EngineReply,
  requestDigest: string,
) {
  const events: Array<Record<string, unknown> & { type: string }> = [];
  const push = (event: Record<string, unknown> & { type: string }) =>
    events.push({ ...event, sequence_number: events.length });
  push({
    type: "response.created",
    response: responseBody(request, reply, requestDigest, "in_progress"),
  });
  push({
    type: "response.in_progress",
    response: responseBody(request, reply, requestDigest, "in_progress"),
  });
  outputItems(reply, requestDigest).forEach((item, outputIndex) => {
    if (item.type === "message") {
      const text = item.content[0]?.text ?? "";
      push({
        type: "response.output_item.added",
        output_index: outputIndex,
        item: { ...item, status: "in_progress", content: [] },
      });
      const emptyPart = { type: "output_text", text: "", annotations: [] };
      const where = { item_id: item.id, output_index: outputIndex, content_index: 0 };
      push({ type: "response.content_part.added", ...where, part: emptyPart });
      for (const delta of textChunks(text)) {
        push({ type: "response.output_text.delta", ...where, delta, logprobs: [] });
      }
      push({ type: "response.output_text.done", ...where, text, logprobs: [] });
      push({ type: "response.content_part.done", ...where, part: { ...emptyPart, text } });
    } else {
      push({
        type: "response.output_item.added",
        output_index: outputIndex,
        item: { ...item, arguments: "", status: "in_progress" },
      });
      for (const delta of argumentChunks(item.arguments)) {
        push({
          type: "response.function_call_arguments.delta",
          item_id: item.id,
          output_index: outputIndex,
          delta,
        });
      }
      push({
        type: "response.function_call_arguments.done",
        item_id: item.id,
        output_index: outputIndex,
        name: item.name,
        arguments: item.arguments,
      });
    }
    push({ type: "response.output_item.done", output_index: outputIndex, item });
  });
  push({ type: "response.completed", response: responseBody(request, reply, requestDigest) });
  return events;
}
