/**
 * The Celigo operations agent on LangChain v1. `MultiServerMCPClient` turns the session's MCP
 * tools into LangChain tools, `createAgent` runs the loop, `humanInTheLoopMiddleware` pauses
 * before calls that need approval, `modelCallLimitMiddleware` bounds the steps,
 * `contextEditingMiddleware` keeps earlier turns' tool outputs out of later requests, and a
 * `MemorySaver` thread keeps the conversation across `run()` calls.
 */
import { randomUUID } from "node:crypto";
import {
  type AgentRunner,
  type CreateRunner,
  defaultMaxSteps,
  mcpContentText,
  parseJsonText,
  type ResolvedModel,
  type RunError,
  RunRecorder,
  type RunResult,
  runError,
  selectTools,
  stepLimitError,
  type ToolAnnotations,
} from "@celigo-agents/core";
import { AsyncCaller } from "@langchain/core/utils/async_caller";
import { Command, INTERRUPT, isInterrupted, MemorySaver } from "@langchain/langgraph";
import { MultiServerMCPClient } from "@langchain/mcp-adapters";
import { ChatOpenAI, ChatOpenAICompletions } from "@langchain/openai";
import {
  AIMessage,
  AIMessageChunk,
  type ContextEdit,
  contextEditingMiddleware,
  createAgent,
  createMiddleware,
  type Decision,
  type HITLRequest,
  HumanMessage,
  humanInTheLoopMiddleware,
  type InterruptOnConfig,
  modelCallLimitMiddleware,
  ToolInvocationError,
  ToolMessage,
} from "langchain";

/** What one `run()` collects while the graph executes; the middleware below writes into it. */
interface Turn {
  recorder: RunRecorder;
  lastResponse: AIMessage | undefined;
}

export const createRunner: CreateRunner = async (options) => {
  const { session, toolPolicy } = options;
  const maxSteps = options.maxSteps ?? defaultMaxSteps;

  // Tools: the session's MCP tools, as CELIGO_TOOLS allows.
  const client = new MultiServerMCPClient({
    mcpServers: { celigo: { transport: "http", url: session.url, headers: session.headers } },
    // mcp-adapters 1.1.4 passes a text result that also carries structuredContent on as one
    // block object, which the OpenAI converters send as a JSON dump of the block (the data
    // twice, plus a field the API does not define). This interceptor gives the model the text.
    afterToolCall: ({ result: [content] }) => ({ result: mcpContentText(content) }),
  });
  const tools = await client.getTools().catch(async (error: unknown) => {
    await client.close();
    throw error;
  });
  let offered: typeof tools;
  try {
    offered = selectTools(session, tools, (tool) => tool.name);
  } catch (error) {
    await client.close();
    throw error;
  }
  toolPolicy.learn(
    // The adapter keeps each MCP tool's annotations in its metadata.
    offered.map((tool) => ({
      name: tool.name,
      annotations: tool.metadata?.annotations as ToolAnnotations | undefined,
    })),
  );

  // Model.
  const chatModel = chatModelFor(options.model);

  // Agent: approvals, step limit, memory bound and bookkeeping are middleware.
  // Every tool is listed; `when` asks the policy per call, because in router exposure one tool
  // (COMPOSIO_MULTI_EXECUTE_TOOL) is harmless or destructive depending on its arguments.
  const approvalRule: InterruptOnConfig = {
    allowedDecisions: ["approve", "reject"],
    when: ({ toolCall }) => decide(toolCall.name, toolCall.args).needsApproval,
    description: (toolCall) => decide(toolCall.name, toolCall.args).reason,
  };

  let turn: Turn | undefined;
  // The current turn's recorder decides: its writes so far add to each call's blast radius.
  const decide = (name: string, args: unknown) =>
    turn ? turn.recorder.decide(name, args) : toolPolicy.decide(name, args);
  const recording = createMiddleware({
    name: "CeligoRunRecorder",
    wrapModelCall: async (request, handler) => {
      const response = await handler(request);
      if (turn && AIMessage.isInstance(response)) {
        // The approval middleware runs after this: it judges the response's calls together.
        turn.recorder.modelProposed(
          (response.tool_calls ?? []).map((call) => ({ name: call.name, arguments: call.args })),
        );
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
        approved: decide(name, args).needsApproval,
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
      contextEditingMiddleware({ edits: [earlierTurnToolOutputs] }),
      humanInTheLoopMiddleware({
        interruptOn: Object.fromEntries(offered.map((tool) => [tool.name, approvalRule])),
      }),
      recording,
    ],
  });

  // Run.
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
        error = runError(caught, { signal, model: options.model });
      } finally {
        turn = undefined;
      }
      return recorder.result(current.lastResponse?.text ?? "", error ?? recorder.transportError());
    },
    close: () => client.close(),
  };
  return runner;
};

/**
 * Earlier turns keep their questions and answers; their tool calls and outputs, often most of
 * the tokens, are left out of the model's request (the thread keeps them). Calls and outputs go
 * together, so the request never holds an output without its call, which OpenAI refuses.
 */
const earlierTurnToolOutputs: ContextEdit = {
  apply: ({ messages }) => {
    const lastQuestion = messages.findLastIndex((message) => HumanMessage.isInstance(message));
    for (let index = lastQuestion - 1; index >= 0; index -= 1) {
      const message = messages[index];
      if (ToolMessage.isInstance(message)) messages.splice(index, 1);
      else if (AIMessage.isInstance(message) && message.tool_calls?.length) {
        if (message.text) messages[index] = new AIMessage({ content: message.text });
        else messages.splice(index, 1);
      }
    }
  },
};

/** LangChain's default rules for a failed model call (retry, or throw to stop), to fall back on. */
class LangChainRetryRules extends AsyncCaller {
  static readonly decide = new LangChainRetryRules({}).onFailedAttempt;
}

/**
 * Chat Completions or the Responses API. Each request is bounded by MODEL_TIMEOUT_S. LangChain's
 * caller retries connection errors, 429 (after its Retry-After) and 5xx `maxRetries` times; it
 * would retry a timeout too, which only multiplies the wait on a server that does not answer.
 */
function chatModelFor(model: ResolvedModel) {
  const common = {
    model: model.modelId,
    apiKey: model.apiKey,
    configuration: { baseURL: model.baseURL },
    timeout: model.timeoutMs,
    maxRetries: model.maxRetries,
    // @langchain/openai 1.6 names a client timeout TimeoutError and marks it retryable.
    onFailedAttempt: (error: unknown) => {
      if (error instanceof Error && error.name === "TimeoutError") throw error;
      return LangChainRetryRules.decide?.(error);
    },
  };
  return model.api === "chat"
    ? new ChatOpenAICompletions(common)
    : new ChatOpenAI({ ...common, useResponsesApi: true });
}
