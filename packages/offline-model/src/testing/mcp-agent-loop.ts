import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type OpenAI from "openai";
import type {
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from "openai/resources/chat/completions";
import type { FunctionTool, ResponseInputItem } from "openai/resources/responses/responses";

/** One tool call the loop ran on the MCP server, as the model asked for it. */
export interface LoopToolCall {
  /** The MCP tool name (before any renaming for OpenAI). */
  tool: string;
  arguments: Record<string, unknown>;
  /** The text the model was given back. */
  result: string;
  isError: boolean;
}

export interface AgentLoopOptions {
  openai: OpenAI;
  model: string;
  mcp: Client;
  system: string;
  /** User messages, in order; each runs to a text answer before the next is sent. */
  requests: readonly string[];
  api?: "chat-completions" | "responses";
  /** Model calls per request before the loop gives up (a loop that never answers is a failure). */
  maximumTurns?: number;
}

export interface AgentLoopRun {
  answers: string[];
  /** The answer to the last request. */
  answer: string;
  toolCalls: LoopToolCall[];
}

/** OpenAI function names allow letters, digits, `_` and `-` only, as frameworks enforce. */
function functionName(toolName: string): string {
  return toolName.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64);
}

function resultText(result: Awaited<ReturnType<Client["callTool"]>>): string {
  const content = Array.isArray(result.content) ? result.content : [];
  const text = content
    .map((part) => (part.type === "text" && typeof part.text === "string" ? part.text : ""))
    .join("");
  return result.isError === true ? `Error: ${text}` : text;
}

/**
 * The agent loop a framework runs, written out with the official clients: the MCP server's tools
 * are offered as OpenAI function tools, the model's tool calls run on the MCP server, and their
 * text results go back to the model until it answers in words.
 */
export async function runAgentLoop(options: AgentLoopOptions): Promise<AgentLoopRun> {
  const { tools } = await options.mcp.listTools();
  const toolByFunction = new Map(tools.map((tool) => [functionName(tool.name), tool.name]));
  const definitions = tools.map((tool) => ({
    name: functionName(tool.name),
    description: tool.description ?? tool.name,
    parameters: tool.inputSchema as Record<string, unknown>,
  }));
  const toolCalls: LoopToolCall[] = [];
  const execute = async (name: string, argumentText: string): Promise<string> => {
    const tool = toolByFunction.get(name) ?? name;
    let parsed: unknown;
    try {
      parsed = JSON.parse(argumentText || "{}");
    } catch (error) {
      // As frameworks do: the parse error goes back to the model as the call's result.
      const text = `Error: the arguments of ${name} are not valid JSON (${(error as Error).message}). Send them again as one JSON object.`;
      toolCalls.push({ tool, arguments: {}, result: text, isError: true });
      return text;
    }
    const input = typeof parsed === "object" && parsed !== null ? parsed : {};
    const result = await options.mcp.callTool({
      name: tool,
      arguments: input as Record<string, unknown>,
    });
    const text = resultText(result);
    toolCalls.push({
      tool,
      arguments: input as Record<string, unknown>,
      result: text,
      isError: result.isError === true,
    });
    return text;
  };
  const maximumTurns = options.maximumTurns ?? 16;
  const answers =
    options.api === "responses"
      ? await respondLoop(options, definitions, execute, maximumTurns)
      : await chatLoop(options, definitions, execute, maximumTurns);
  return { answers, answer: answers.at(-1) ?? "", toolCalls };
}

type Definition = { name: string; description: string; parameters: Record<string, unknown> };
type Execute = (name: string, argumentText: string) => Promise<string>;

async function chatLoop(
  options: AgentLoopOptions,
  definitions: Definition[],
  execute: Execute,
  maximumTurns: number,
): Promise<string[]> {
  const tools: ChatCompletionTool[] = definitions.map((definition) => ({
    type: "function",
    function: definition,
  }));
  const messages: ChatCompletionMessageParam[] = [{ role: "system", content: options.system }];
  const answers: string[] = [];
  for (const request of options.requests) {
    messages.push({ role: "user", content: request });
    for (let turn = 0; ; turn++) {
      if (turn === maximumTurns) throw new Error(`No answer to "${request}" after ${turn} turns.`);
      const completion = await options.openai.chat.completions.create({
        model: options.model,
        messages,
        tools,
      });
      const message = completion.choices[0]?.message;
      const calls = (message?.tool_calls ?? []).flatMap((call) =>
        call.type === "function" ? [call] : [],
      );
      if (calls.length === 0) {
        const text = message?.content ?? "";
        messages.push({ role: "assistant", content: text });
        answers.push(text);
        break;
      }
      messages.push({ role: "assistant", content: message?.content ?? null, tool_calls: calls });
      for (const call of calls) {
        const content = await execute(call.function.name, call.function.arguments);
        messages.push({ role: "tool", tool_call_id: call.id, content });
      }
    }
  }
  return answers;
}

async function respondLoop(
  options: AgentLoopOptions,
  definitions: Definition[],
  execute: Execute,
  maximumTurns: number,
): Promise<string[]> {
  const tools: FunctionTool[] = definitions.map((definition) => ({
    type: "function",
    ...definition,
    strict: false,
  }));
  const answers: string[] = [];
  let previousResponseId: string | undefined;
  for (const request of options.requests) {
    let input: ResponseInputItem[] = [{ role: "user", content: request }];
    for (let turn = 0; ; turn++) {
      if (turn === maximumTurns) throw new Error(`No answer to "${request}" after ${turn} turns.`);
      const response = await options.openai.responses.create({
        model: options.model,
        instructions: options.system,
        input,
        tools,
        ...(previousResponseId ? { previous_response_id: previousResponseId } : {}),
      });
      previousResponseId = response.id;
      const calls = response.output.flatMap((item) =>
        item.type === "function_call" ? [item] : [],
      );
      if (calls.length === 0) {
        answers.push(response.output_text);
        break;
      }
      input = [];
      for (const call of calls) {
        const output = await execute(call.name, call.arguments);
        input.push({ type: "function_call_output", call_id: call.call_id, output });
      }
    }
  }
  return answers;
}
