/**
 * The Celigo agent on the Vercel AI SDK: `createMCPClient` for the Celigo tools, `streamText`
 * with a step limit for the agent loop, `toolApproval` for calls that need approval, and
 * `pruneMessages` to keep earlier turns' tool outputs out of later requests.
 */
import { createMCPClient } from "@ai-sdk/mcp";
import { createOpenAI } from "@ai-sdk/openai";
import {
  abortedRunError,
  type CreateRunner,
  defaultMaxSteps,
  errorText,
  isMcpErrorResult,
  parseJsonText,
  type ResolvedModel,
  type RunError,
  RunRecorder,
  type RunResult,
  runError,
  selectTools,
  stepLimitError,
} from "@celigo-agents/core";
import {
  type LanguageModelMiddleware,
  type ModelMessage,
  pruneMessages,
  stepCountIs,
  streamText,
  type ToolApprovalStatus,
  wrapLanguageModel,
} from "ai";

export const createRunner: CreateRunner = async (options) => {
  const { session, toolPolicy, instructions } = options;
  const maxSteps = options.maxSteps ?? defaultMaxSteps;

  // Tools: the session's MCP tools, as CELIGO_TOOLS allows.
  const mcp = await createMCPClient({
    transport: { type: "http", url: session.url, headers: session.headers },
  });
  let tools: Awaited<ReturnType<typeof mcp.tools>>;
  try {
    const listed = await mcp.listTools();
    const offered = selectTools(session, listed.tools, (tool) => tool.name);
    toolPolicy.learn(offered);
    tools = mcp.toolsFromDefinitions({ ...listed, tools: offered });
  } catch (error) {
    await mcp.close();
    throw error;
  }

  // Model.
  const model = languageModel(options.model);
  // The conversation so far: every run() continues it.
  let messages: ModelMessage[] = [];

  return {
    framework: "ai-sdk",

    async run(prompt, runOptions = {}): Promise<RunResult> {
      const { signal } = runOptions;
      const recorder = new RunRecorder(toolPolicy, runOptions);
      const executionMs = new Map<string, number>();
      let lastFinishReason = "";
      let error: RunError | undefined;

      // Agent: earlier turns keep their question and answer; their tool calls and outputs, often
      // most of the tokens, are pruned, so a long chat costs about what its last question does.
      const history = pruneMessages({ messages, toolCalls: "all", emptyMessages: "remove" });
      const result = streamText({
        model: wrapLanguageModel({ model, middleware: proposalsTo(recorder) }),
        instructions,
        messages: [...history, { role: "user", content: prompt }],
        tools,
        stopWhen: stepCountIs(maxSteps),
        maxRetries: options.model.maxRetries,
        ...(signal ? { abortSignal: signal } : {}),
        // Asked before each call: those the policy gates wait for the person's answer.
        toolApproval: async ({ toolCall }): Promise<ToolApprovalStatus> => {
          const { toolName, input, toolCallId } = toolCall;
          if (!recorder.needsApproval(toolName, input)) return "not-applicable";
          const answer = await recorder.askApproval(toolName, input, toolCallId);
          return answer.approved
            ? { type: "approved" }
            : { type: "denied", reason: answer.refusal };
        },
        onToolExecutionEnd: (event) => {
          executionMs.set(event.toolCall.toolCallId, event.toolExecutionMs);
        },
        // Errors arrive as stream parts below; without this the SDK also prints a stack trace.
        onError: () => {},
      });

      // Run.
      for await (const part of result.stream) {
        switch (part.type) {
          case "text-delta":
            recorder.textDelta(part.text);
            break;
          case "tool-call":
            recorder.toolCallStarted(part.toolCallId, part.toolName, part.input);
            break;
          case "tool-result":
          case "tool-error":
            recorder.toolCallEnded(part.toolCallId, {
              result: part.type === "tool-error" ? errorText(part.error) : part.output,
              isError: part.type === "tool-error" || isMcpErrorResult(part.output),
              durationMs: executionMs.get(part.toolCallId),
            });
            break;
          case "tool-output-denied":
            recorder.toolCallRefused(part.toolCallId);
            break;
          case "finish-step":
            recorder.stepEnded(part.usage);
            lastFinishReason = part.finishReason;
            break;
          case "abort":
            error = signal?.aborted ? abortedRunError() : runError(part, { model: options.model });
            break;
          case "error":
            error = runError(part.error, { signal, model: options.model });
            break;
        }
      }

      let text = "";
      if (!error) {
        text = await result.text;
        messages = [
          ...history,
          { role: "user", content: prompt },
          ...(await result.responseMessages),
        ];
        if (lastFinishReason === "tool-calls" && recorder.steps >= maxSteps) {
          error = stepLimitError(maxSteps);
        }
      }
      return recorder.result(text, error ?? recorder.transportError());
    },

    close: () => mcp.close(),
  };
};

/**
 * Holds a response's tool calls until the model has sent them all, and hands them to the
 * recorder first: the SDK runs (and asks approval for) each call as soon as it is parsed, and
 * the policy judges the calls of one response together.
 */
function proposalsTo(recorder: RunRecorder): LanguageModelMiddleware {
  return {
    wrapStream: async ({ doStream }) => {
      const { stream, ...rest } = await doStream();
      type Part = typeof stream extends ReadableStream<infer Item> ? Item : never;
      const held: Part[] = [];
      const release = (controller: TransformStreamDefaultController<Part>) => {
        const calls = held.flatMap((part) =>
          part.type === "tool-call"
            ? [{ name: part.toolName, arguments: parseJsonText(part.input) }]
            : [],
        );
        if (calls.length > 0) recorder.modelProposed(calls);
        for (const part of held.splice(0)) controller.enqueue(part);
      };
      const holding = new TransformStream<Part, Part>({
        transform: (part, controller) => {
          if (part.type === "tool-call") held.push(part);
          else if (part.type === "finish") {
            release(controller);
            controller.enqueue(part);
          } else controller.enqueue(part);
        },
        flush: (controller) => release(controller),
      });
      return { stream: stream.pipeThrough(holding), ...rest };
    },
  };
}

/**
 * `openai(id)` would speak the Responses API; servers that only know Chat Completions need
 * `.chat`. Each request is bounded by MODEL_TIMEOUT_S through the provider's `fetch`: the SDK's
 * own step timeout would also count tool calls and the person's approval, and its first-chunk
 * timeout starts only once headers arrive. The SDK does not retry a timeout.
 */
function languageModel(model: ResolvedModel) {
  const provider = createOpenAI({
    baseURL: model.baseURL,
    apiKey: model.apiKey,
    fetch: (input, init) =>
      fetch(input, {
        ...init,
        signal: AbortSignal.any([
          ...(init?.signal ? [init.signal] : []),
          AbortSignal.timeout(model.timeoutMs),
        ]),
      }),
  });
  return model.api === "chat" ? provider.chat(model.modelId) : provider.responses(model.modelId);
}
