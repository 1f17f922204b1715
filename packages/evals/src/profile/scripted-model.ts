/**
 * A zero-latency scripted model for the cost profile: an OpenAI Chat Completions endpoint that
 * answers "Call the echo tool N times." with N echo calls, one per turn, then a one-line answer.
 * It answers at once and does no language work, so the time a runner spends per tool call is the
 * framework's own (the offline model's policy would add its decision time to every framework).
 * Speaks both plain and streamed (`stream: true`, with `include_usage`) completions.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const scriptedModelId = "scripted-echo";

interface ChatMessage {
  role: string;
  content?: unknown;
}

interface ChatRequest {
  model?: string;
  messages?: ChatMessage[];
  tools?: Array<{ function?: { name?: string } }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean } | null;
}

type Turn =
  | { kind: "tool-call"; id: string; name: string; arguments: string }
  | { kind: "text"; text: string };

export interface ScriptedModel {
  baseURL: string;
  close(): Promise<void>;
}

export async function startScriptedModel(): Promise<ScriptedModel> {
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: String(error), type: "server_error" } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== "POST" || !request.url?.endsWith("/chat/completions")) {
    response.writeHead(404, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        error: { message: "the scripted model serves POST /v1/chat/completions only" },
      }),
    );
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatRequest;
  const turn = nextTurn(body);
  const usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  const base = { id: "chatcmpl-scripted", created: 0, model: body.model ?? scriptedModelId };
  const finishReason = turn.kind === "text" ? "stop" : "tool_calls";
  if (!body.stream) {
    const message =
      turn.kind === "text"
        ? { role: "assistant", content: turn.text }
        : {
            role: "assistant",
            content: null,
            tool_calls: [
              {
                id: turn.id,
                type: "function",
                function: { name: turn.name, arguments: turn.arguments },
              },
            ],
          };
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        ...base,
        object: "chat.completion",
        choices: [{ index: 0, message, finish_reason: finishReason }],
        usage,
      }),
    );
    return;
  }
  const withUsage = body.stream_options?.include_usage === true;
  const chunk = (delta: unknown, finish: string | null) =>
    `data: ${JSON.stringify({
      ...base,
      object: "chat.completion.chunk",
      choices: [{ index: 0, delta, finish_reason: finish }],
      ...(withUsage ? { usage: null } : {}),
    })}\n\n`;
  const events = [chunk({ role: "assistant", content: turn.kind === "text" ? "" : null }, null)];
  if (turn.kind === "text") events.push(chunk({ content: turn.text }, null));
  else {
    events.push(
      chunk(
        {
          tool_calls: [
            {
              index: 0,
              id: turn.id,
              type: "function",
              function: { name: turn.name, arguments: turn.arguments },
            },
          ],
        },
        null,
      ),
    );
  }
  events.push(chunk({}, finishReason));
  if (withUsage) {
    events.push(
      `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [], usage })}\n\n`,
    );
  }
  events.push("data: [DONE]\n\n");
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  response.end(events.join(""));
}

/** Counts the tool results since the last user message; asks for the next call until N. */
export function nextTurn(request: ChatRequest): Turn {
  const messages = request.messages ?? [];
  let lastUser = -1;
  messages.forEach((message, index) => {
    if (message.role === "user") lastUser = index;
  });
  const prompt = text(messages[lastUser]?.content);
  const wanted = Number(/(\d+) times/.exec(prompt)?.[1] ?? 0);
  const done = messages.slice(lastUser + 1).filter((message) => message.role === "tool").length;
  // Frameworks may prefix MCP tool names (e.g. `celigo_echo`): any offered name ending in echo.
  const echo = (request.tools ?? [])
    .map((tool) => tool.function?.name ?? "")
    .find((name) => /echo$/i.test(name));
  if (done >= wanted || echo === undefined)
    return { kind: "text", text: `Called echo ${done} times.` };
  return {
    kind: "tool-call",
    id: `call_echo_${lastUser}_${done + 1}`,
    name: echo,
    arguments: JSON.stringify({ text: `ping ${done + 1}` }),
  };
}

function text(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part) =>
        typeof part === "object" && part !== null && "text" in part ? String(part.text) : "",
      )
      .join("");
  }
  return "";
}
