/**
 * The Celigo operations agent on LangChain v1. `MultiServerMCPClient` turns the session's MCP
 * tools into LangChain tools, `createAgent` runs the loop, `humanInTheLoopMiddleware` pauses
 * before destructive calls, `modelCallLimitMiddleware` bounds the steps, and a `MemorySaver`
 * thread keeps the conversation across `run()` calls.
 */
import { randomUUID } from "node:crypto";
import {
  type AgentRunner,
  type CreateRunner,
  type RunOptions,
  type RunResult,
  type ToolAnnotations,
  type ToolCallRecord,
  toolSlug,
} from "@celigo-agents/core";
import { Command, INTERRUPT, isInterrupted, MemorySaver } from "@langchain/langgraph";
import { MultiServerMCPClient } from "@langchain/mcp-adapters";
import { ChatOpenAI, ChatOpenAICompletions } from "@langchain/openai";
import {
  AIMessage,
  AIMessageChunk,
  createAgent,
  createMiddleware,
  type Decision,
  type HITLRequest,
  humanInTheLoopMiddleware,
  type InterruptOnConfig,
  modelCallLimitMiddleware,
  ToolInvocationError,
  ToolMessage,
} from "langchain";

const defaultMaxSteps = 10;

/** What one `run()` collects while the graph executes; the middleware below writes into it. */
interface Turn {
  options: RunOptions;
  toolCalls: ToolCallRecord[];
  steps: number;
  inputTokens: number;
  outputTokens: number;
  lastResponse: AIMessage | undefined;
}

export const createRunner: CreateRunner = async (options) => {
  const { session, model, toolPolicy } = options;
  const maxSteps = options.maxSteps ?? defaultMaxSteps;
  const client = new MultiServerMCPClient({
    mcpServers: { celigo: { transport: "http", url: session.url, headers: session.headers } },
    // mcp-adapters 1.1.4 passes a text result that also carries structuredContent on as one
    // block object, which the OpenAI converters send as a JSON dump of the block (the data
    // twice, plus a field the API does not define). This interceptor gives the model the text.
    afterToolCall: ({ result: [content] }) => ({ result: contentText(content) }),
  });
  const tools = await client.getTools().catch(async (error: unknown) => {
    await client.close();
    throw error;
  });
  const offered = tools.filter((tool) => session.toolFilter(tool.name));
  toolPolicy.learn(
    // The adapter keeps each MCP tool's annotations in its metadata.
    offered.map((tool) => ({
      name: tool.name,
      annotations: tool.metadata?.annotations as ToolAnnotations | undefined,
    })),
  );

  const chatModel =
    model.api === "chat"
      ? new ChatOpenAICompletions({
          model: model.modelId,
          apiKey: model.apiKey,
          configuration: { baseURL: model.baseURL },
        })
      : new ChatOpenAI({
          model: model.modelId,
          apiKey: model.apiKey,
          configuration: { baseURL: model.baseURL },
          useResponsesApi: true,
        });

  // Every tool is listed; `when` asks the policy per call, because in router exposure one tool
  // (COMPOSIO_MULTI_EXECUTE_TOOL) is harmless or destructive depending on its arguments.
  const approvalRule: InterruptOnConfig = {
    allowedDecisions: ["approve", "reject"],
    when: ({ toolCall }) => toolPolicy.decide(toolCall.name, toolCall.args).needsApproval,
    description: (toolCall) => toolPolicy.decide(toolCall.name, toolCall.args).reason,
  };

  let turn: Turn | undefined;
  const recorder = createMiddleware({
    name: "CeligoRunRecorder",
    wrapModelCall: async (request, handler) => {
      const response = await handler(request);
      if (turn && AIMessage.isInstance(response)) {
        turn.steps += 1;
        turn.inputTokens += response.usage_metadata?.input_tokens ?? 0;
        turn.outputTokens += response.usage_metadata?.output_tokens ?? 0;
        turn.lastResponse = response;
        turn.options.onEvent?.({ type: "step-end", step: turn.steps });
      }
      return response;
    },
    wrapToolCall: async (request, handler) => {
      const { name, args, id } = request.toolCall;
      const slug = toolSlug(name);
      turn?.options.onEvent?.({ type: "tool-call-start", name, slug, arguments: args });
      const started = performance.now();
      let message: ToolMessage;
      try {
        const output = await handler(request);
        if (!ToolMessage.isInstance(output)) return output;
        message = output;
      } catch (error) {
        // MCP errors (isError results) and invalid arguments arrive as exceptions; the model
        // sees the reason (not LangChain's stack trace) and can retry.
        const reason = ToolInvocationError.isInstance(error) ? error.toolError : error;
        message = new ToolMessage({
          // "Name: message", as LangChain's default handler writes it, so the model sees a failure.
          content: String(reason),
          tool_call_id: id ?? "",
          name,
          status: "error",
        });
      }
      const call: ToolCallRecord = {
        name,
        slug,
        arguments: args,
        result: toolResult(message),
        isError: message.status === "error",
        durationMs: Math.round(performance.now() - started),
        // The approval middleware only lets a gated call through after an approval.
        ...(toolPolicy.decide(name, args).needsApproval ? { approval: "approved" as const } : {}),
      };
      turn?.toolCalls.push(call);
      turn?.options.onEvent?.({ type: "tool-call-end", call });
      return message;
    },
  });

  const agent = createAgent({
    model: chatModel,
    tools: offered,
    systemPrompt: options.instructions,
    checkpointer: new MemorySaver(),
    middleware: [
      modelCallLimitMiddleware({ runLimit: maxSteps, exitBehavior: "end" }),
      humanInTheLoopMiddleware({
        interruptOn: Object.fromEntries(offered.map((tool) => [tool.name, approvalRule])),
      }),
      recorder,
    ],
  });

  let threadId = randomUUID();

  /** Streams one leg of the run; returns the approval request if the agent paused for one. */
  async function streamLeg(
    input: Parameters<typeof agent.stream>[0],
    runOptions: RunOptions,
  ): Promise<HITLRequest | undefined> {
    const stream = await agent.stream(input, {
      configurable: { thread_id: threadId },
      // modelCallLimitMiddleware bounds the run; a model call is about four graph steps
      // (limit check, model, approval check, tools), so the graph's own limit stays out of the way.
      recursionLimit: maxSteps * 5 + 5,
      streamMode: ["messages", "updates"],
      ...(runOptions.signal ? { signal: runOptions.signal } : {}),
    });
    let pending: HITLRequest | undefined;
    for await (const [mode, chunk] of stream) {
      if (mode === "messages") {
        const [message] = chunk;
        if (AIMessageChunk.isInstance(message) && message.text) {
          runOptions.onEvent?.({ type: "text-delta", text: message.text });
        }
      } else if (isInterrupted<HITLRequest>(chunk)) {
        pending = chunk[INTERRUPT][0]?.value;
      }
    }
    return pending;
  }

  /** Asks `approve` for each paused call; a refusal is recorded here because it never runs. */
  async function askApprovals(request: HITLRequest, runOptions: RunOptions): Promise<Decision[]> {
    const decisions: Decision[] = [];
    for (const action of request.actionRequests) {
      const decision = toolPolicy.decide(action.name, action.args);
      const approved =
        (await runOptions.approve?.({
          toolName: action.name,
          slug: decision.slug,
          arguments: action.args,
          reason: decision.reason,
        })) ?? false;
      if (approved) {
        decisions.push({ type: "approve" });
        continue;
      }
      const message = `${decision.slug} was not approved (${decision.reason}), so it did not run.`;
      decisions.push({ type: "reject", message });
      runOptions.onEvent?.({
        type: "tool-call-start",
        name: action.name,
        slug: decision.slug,
        arguments: action.args,
      });
      const call: ToolCallRecord = {
        name: action.name,
        slug: decision.slug,
        arguments: action.args,
        result: message,
        isError: true,
        durationMs: 0,
        approval: "refused",
      };
      turn?.toolCalls.push(call);
      runOptions.onEvent?.({ type: "tool-call-end", call });
    }
    return decisions;
  }

  const runner: AgentRunner = {
    framework: "langchain",
    async run(prompt, runOptions = {}): Promise<RunResult> {
      const started = performance.now();
      const current: Turn = {
        options: runOptions,
        toolCalls: [],
        steps: 0,
        inputTokens: 0,
        outputTokens: 0,
        lastResponse: undefined,
      };
      turn = current;
      let error: RunResult["error"];
      try {
        let pending = await streamLeg(
          {
            messages: [{ role: "user", content: prompt }],
            // modelCallLimitMiddleware resets this counter in afterAgent, which its own jump to
            // the end skips (langchain 1.5.14): start every run from zero.
            runModelCallCount: 0,
          },
          runOptions,
        );
        while (pending) {
          const decisions = await askApprovals(pending, runOptions);
          pending = await streamLeg(new Command({ resume: { decisions } }), runOptions);
        }
        // The limit middleware ends the run before the model can answer the last tool results.
        if (current.lastResponse?.tool_calls?.length) {
          error = {
            code: "run_failed",
            message: `The agent used all ${maxSteps} model calls without finishing its answer; ask a narrower question or raise maxSteps.`,
          };
        }
      } catch (caught) {
        // A stopped run can leave tool calls without results, which the model API rejects on
        // the next turn: continue on a fresh thread.
        threadId = randomUUID();
        error = runOptions.signal?.aborted
          ? { code: "run_aborted", message: "The run was stopped before it finished." }
          : {
              code: "run_failed",
              message: caught instanceof Error ? caught.message : String(caught),
            };
      } finally {
        turn = undefined;
      }
      return {
        text: current.lastResponse?.text ?? "",
        toolCalls: current.toolCalls,
        steps: current.steps,
        usage: { inputTokens: current.inputTokens, outputTokens: current.outputTokens },
        durationMs: Math.round(performance.now() - started),
        ...(error ? { error } : {}),
      };
    },
    close: () => client.close(),
  };
  return runner;
};

/** The tool's result as the model saw it: its text, parsed when it is JSON. */
function toolResult(message: ToolMessage): unknown {
  try {
    return JSON.parse(message.text);
  } catch {
    return message.text;
  }
}

function contentText(content: string | ReadonlyArray<{ type: string; text?: unknown }>): string {
  if (typeof content === "string") return content;
  return content.map((block) => (block.type === "text" ? String(block.text) : "")).join("");
}
