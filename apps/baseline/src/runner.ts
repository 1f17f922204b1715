/**
 * The Celigo agent with no framework: the official `openai` client for the model (Chat
 * Completions or the Responses API), the official MCP SDK client for the Celigo tools, and the
 * agent loop written out by hand. The framework apps are measured against it.
 */
import {
  type CreateRunner,
  defaultMaxSteps,
  errorText,
  mcpContentText,
  mcpToolResult,
  parseJsonText,
  type ResolvedModel,
  RunRecorder,
  runError,
  selectTools,
  stepLimitError,
  type TokenUsage,
} from "@celigo-agents/core";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import OpenAI from "openai";

/** A tool call as the model wrote it: `arguments` is JSON text, not yet checked. */
interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** One model response: its text (streamed as it came), the tools it calls, its token usage. */
interface ModelReply {
  text: string;
  calls: ToolCall[];
  usage: TokenUsage;
}

/** The messages of one run, in the wire format of the model's API. */
interface Conversation {
  /** Sends the messages so far, streams the reply's text, and appends the reply. */
  next(signal: AbortSignal, onText: (text: string) => void): Promise<ModelReply>;
  addToolOutput(callId: string, output: string): void;
}

/**
 * What later runs see of an earlier one: its question and answer, not its tool calls and
 * outputs, which are most of the tokens. Both APIs take these messages as they are.
 */
interface Message {
  role: "user" | "assistant";
  content: string;
}

export const createRunner: CreateRunner = async (options) => {
  const { session, model, toolPolicy, instructions } = options;
  const maxSteps = options.maxSteps ?? defaultMaxSteps;

  // Tools: listed once, as CELIGO_TOOLS allows; their annotations feed the approval policy.
  const mcp = new Client({ name: "celigo-agents-baseline", version: "0.1.0" });
  const transport = new StreamableHTTPClientTransport(new URL(session.url), {
    requestInit: { headers: session.headers },
  });
  let tools: Tool[];
  try {
    await mcp.connect(transport);
    tools = selectTools(session, await listTools(mcp), (tool) => tool.name);
  } catch (error) {
    await mcp.close();
    throw error;
  }
  toolPolicy.learn(tools);
  const offered = new Set(tools.map((tool) => tool.name));

  // Model: the client retries refused connections, 429 (after its Retry-After) and 5xx. It would
  // retry its own timeout too, so that one is set past MODEL_TIMEOUT_S, and each request is
  // bounded by a signal instead, which the client never retries.
  const openai = new OpenAI({
    baseURL: model.baseURL,
    apiKey: model.apiKey,
    maxRetries: model.maxRetries,
    timeout: model.timeoutMs + 60_000,
  });
  const startConversation = model.api === "chat" ? chatCompletions : responses;
  const history: Message[] = [];

  /** Runs one call the model asked for; what it returns goes back to the model. */
  async function runTool(call: ToolCall, recorder: RunRecorder, signal?: AbortSignal) {
    const input = parseJsonText(call.arguments || "{}");
    recorder.toolCallStarted(call.id, call.name, input);
    // A misspelt name or arguments that are not JSON go back to the model as the tool's error,
    // so it can correct the call, rather than ending the run; so does a refusal.
    let notRun: string | undefined;
    if (!offered.has(call.name)) {
      notRun = `There is no tool named ${call.name}. Call one of the tools offered, by its exact name.`;
    } else if (typeof input !== "object" || input === null || Array.isArray(input)) {
      notRun = `The arguments of ${call.name} are not a JSON object: ${call.arguments}. Send them again as a JSON object that matches the tool's input schema.`;
    } else if (recorder.needsApproval(call.name, input)) {
      const answer = await recorder.askApproval(call.name, input, call.id);
      if (!answer.approved) notRun = answer.refusal;
    }
    if (notRun !== undefined) {
      recorder.toolCallEnded(call.id, { result: notRun, isError: true });
      return notRun;
    }
    try {
      const result = await mcp.callTool(
        { name: call.name, arguments: input as Record<string, unknown> },
        undefined,
        signal ? { signal } : {},
      );
      recorder.toolCallEnded(call.id, {
        result: mcpToolResult(result),
        isError: result.isError === true,
      });
      const text = Array.isArray(result.content) ? mcpContentText(result.content) : "";
      return text || JSON.stringify(result.structuredContent ?? {});
    } catch (error) {
      if (signal?.aborted) throw error;
      // The server rejected the call (e.g. arguments that break the schema) or went away.
      const failure = `The tool call failed: ${errorText(error)}`;
      recorder.toolCallEnded(call.id, { result: failure, isError: true });
      return failure;
    }
  }

  return {
    framework: "baseline",

    async run(prompt, runOptions = {}) {
      const { signal } = runOptions;
      const recorder = new RunRecorder(toolPolicy, runOptions);
      const messages: Message[] = [...history, { role: "user", content: prompt }];
      const conversation = startConversation(openai, model, instructions, tools, messages);
      try {
        for (let step = 1; step <= maxSteps; step++) {
          const request = AbortSignal.any([
            ...(signal ? [signal] : []),
            AbortSignal.timeout(model.timeoutMs),
          ]);
          const reply = await conversation.next(request, (text) => recorder.textDelta(text));
          recorder.stepEnded(reply.usage);
          if (reply.calls.length === 0) {
            history.push(
              { role: "user", content: prompt },
              { role: "assistant", content: reply.text },
            );
            return recorder.result(reply.text, recorder.transportError());
          }
          // No model call would read the results of the last step's calls: they are not run.
          if (step === maxSteps) break;
          // The policy judges the calls of one response together (ten one-flow retries are a bulk
          // retry), so it hears of all of them before the first is decided on.
          recorder.modelProposed(
            reply.calls.map((call) => ({
              name: call.name,
              arguments: parseJsonText(call.arguments),
            })),
          );
          for (const call of reply.calls) {
            signal?.throwIfAborted();
            conversation.addToolOutput(call.id, await runTool(call, recorder, signal));
          }
        }
        return recorder.result("", stepLimitError(maxSteps));
      } catch (error) {
        return recorder.result("", runError(error, { signal, model }));
      }
    },

    async close() {
      // The MCP spec asks a client that is done with its session to end it (an HTTP DELETE).
      await transport.terminateSession().catch(() => undefined);
      await mcp.close();
    },
  };
};

/** Every page of the server's tool list. */
async function listTools(mcp: Client): Promise<Tool[]> {
  const tools: Tool[] = [];
  let cursor: string | undefined;
  do {
    const page = await mcp.listTools(cursor ? { cursor } : {});
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

/** Chat Completions, which most OpenAI-compatible servers speak. */
function chatCompletions(
  openai: OpenAI,
  model: ResolvedModel,
  instructions: string,
  tools: Tool[],
  earlier: Message[],
): Conversation {
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
    { role: "system", content: instructions },
    ...earlier,
  ];
  const functions = tools.map(({ name, description = "", inputSchema: parameters }) => ({
    type: "function" as const,
    function: { name, description, parameters },
  }));
  return {
    async next(signal, onText) {
      const stream = openai.chat.completions.stream(
        {
          model: model.modelId,
          messages,
          tools: functions,
          stream_options: { include_usage: true },
        },
        { signal },
      );
      stream.on("content", (delta) => onText(delta));
      const completion = await stream.finalChatCompletion();
      const message = completion.choices[0]?.message;
      const toolCalls = (message?.tool_calls ?? []).flatMap((call) =>
        call.type === "function" ? [call] : [],
      );
      messages.push({
        role: "assistant",
        content: message?.content ?? null,
        ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
      });
      return {
        text: message?.content ?? "",
        calls: toolCalls.map((call) => ({ id: call.id, ...call.function })),
        usage: {
          inputTokens: completion.usage?.prompt_tokens ?? 0,
          outputTokens: completion.usage?.completion_tokens ?? 0,
        },
      };
    },
    addToolOutput(callId, output) {
      messages.push({ role: "tool", tool_call_id: callId, content: output });
    },
  };
}

/** The Responses API, OpenAI's default. */
function responses(
  openai: OpenAI,
  model: ResolvedModel,
  instructions: string,
  tools: Tool[],
  earlier: Message[],
): Conversation {
  const input: OpenAI.Responses.ResponseInputItem[] = [...earlier];
  const functions = tools.map(({ name, description = null, inputSchema }) => ({
    type: "function" as const,
    name,
    description,
    parameters: inputSchema,
    // MCP schemas are not written for strict mode (optional fields, open objects).
    strict: false,
  }));
  return {
    async next(signal, onText) {
      const stream = openai.responses.stream(
        { model: model.modelId, instructions, input, tools: functions },
        { signal },
      );
      stream.on("response.output_text.delta", (event) => onText(event.delta));
      const response = await stream.finalResponse();
      // Reasoning items go back with the calls they led to, as reasoning models require.
      input.push(...(response.output as OpenAI.Responses.ResponseInputItem[]));
      return {
        text: response.output_text,
        calls: response.output.flatMap((item) =>
          item.type === "function_call"
            ? [{ id: item.call_id, name: item.name, arguments: item.arguments }]
            : [],
        ),
        usage: {
          inputTokens: response.usage?.input_tokens ?? 0,
          outputTokens: response.usage?.output_tokens ?? 0,
        },
      };
    },
    addToolOutput(callId, output) {
      input.push({ type: "function_call_output", call_id: callId, output });
    },
  };
}
