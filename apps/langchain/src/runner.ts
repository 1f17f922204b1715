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
  parseJsonText,
  type RunError,
  RunRecorder,
  type RunResult,
  runError,
  stepLimitError,
  type ToolAnnotations,
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
  recorder: RunRecorder;
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
  const recording = createMiddleware({
    name: "CeligoRunRecorder",
    wrapModelCall: async (request, handler) => {
      const response = await handler(request);
      if (turn && AIMessage.isInstance(response)) {
        turn.recorder.stepEnded({
          inputTokens: response.usage_metadata?.input_tokens,
          outputTokens: response.usage_metadata?.output_tokens,
        });
        turn.lastResponse = response;
      }
      return response;
    },
    wrapToolCall: async (request, handler) => {
      const { name, args, id } = request.toolCall;
      const callId = id ?? randomUUID();
      turn?.recorder.toolCallStarted(callId, name, args);
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
      turn?.recorder.toolCallEnded(callId, {
        result: parseJsonText(message.text),
        isError: message.status === "error",
        // The approval middleware only lets a gated call through after an approval.
        approved: toolPolicy.needsApproval(name, args),
      });
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
      recording,
    ],
  });

  let threadId = randomUUID();

  /** Streams one leg of the run; returns the approval request if the agent paused for one. */
  async function streamLeg(
    input: Parameters<typeof agent.stream>[0],
    recorder: RunRecorder,
    signal: AbortSignal | undefined,
  ): Promise<HITLRequest | undefined> {
    const stream = await agent.stream(input, {
      configurable: { thread_id: threadId },
      // modelCallLimitMiddleware bounds the run; a model call is about four graph steps
      // (limit check, model, approval check, tools), so the graph's own limit stays out of the way.
      recursionLimit: maxSteps * 5 + 5,
      streamMode: ["messages", "updates"],
      ...(signal ? { signal } : {}),
    });
    let pending: HITLRequest | undefined;
    for await (const [mode, chunk] of stream) {
      if (mode === "messages") {
        const [message] = chunk;
        if (AIMessageChunk.isInstance(message) && message.text) recorder.textDelta(message.text);
      } else if (isInterrupted<HITLRequest>(chunk)) {
        pending = chunk[INTERRUPT][0]?.value;
      }
    }
    return pending;
  }

  /** Asks about each paused call; the recorder records a refusal, since that call never runs. */
  async function askApprovals(request: HITLRequest, recorder: RunRecorder): Promise<Decision[]> {
    const decisions: Decision[] = [];
    for (const action of request.actionRequests) {
      const answer = await recorder.askApproval(action.name, action.args);
      decisions.push(
        answer.approved ? { type: "approve" } : { type: "reject", message: answer.refusal },
      );
    }
    return decisions;
  }

  const runner: AgentRunner = {
    framework: "langchain",
    async run(prompt, runOptions = {}): Promise<RunResult> {
      const { signal } = runOptions;
      const recorder = new RunRecorder(toolPolicy, runOptions);
      const current: Turn = { recorder, lastResponse: undefined };
      turn = current;
      let error: RunError | undefined;
      try {
        let pending = await streamLeg(
          {
            messages: [{ role: "user", content: prompt }],
            // modelCallLimitMiddleware resets this counter in afterAgent, which its own jump to
            // the end skips (langchain 1.5.14): start every run from zero.
            runModelCallCount: 0,
          },
          recorder,
          signal,
        );
        while (pending) {
          const decisions = await askApprovals(pending, recorder);
          pending = await streamLeg(new Command({ resume: { decisions } }), recorder, signal);
        }
        // The limit middleware ends the run before the model can answer the last tool results.
        if (current.lastResponse?.tool_calls?.length) error = stepLimitError(maxSteps);
      } catch (caught) {
        // A stopped run can leave tool calls without results, which the model API rejects on
        // the next turn: continue on a fresh thread.
        threadId = randomUUID();
        error = runError(caught, signal);
      } finally {
        turn = undefined;
      }
      return recorder.result(current.lastResponse?.text ?? "", error);
    },
    close: () => client.close(),
  };
  return runner;
};

function contentText(content: string | ReadonlyArray<{ type: string; text?: unknown }>): string {
  if (typeof content === "string") return content;
  return content.map((block) => (block.type === "text" ? String(block.text) : "")).join("");
}
