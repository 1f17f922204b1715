/**
 * The Celigo agent on the OpenAI Agents SDK: `MCPServerStreamableHttp` for the Celigo tools,
 * an `Agent` run with `run()`, `needsApproval` + interruptions for calls that need approval, and
 * a `callModelInputFilter` that keeps earlier turns' tool outputs out of later requests.
 */
import {
  abortedRunError,
  type CreateRunner,
  defaultMaxSteps,
  errorText,
  parseJsonText,
  type ResolvedModel,
  RunRecorder,
  type RunResult,
  runError,
  selectTools,
  stepLimitError,
  type ToolAnnotations,
} from "@celigo-agents/core";
import {
  Agent,
  type AgentInputItem,
  type CallModelInputFilter,
  getAllMcpTools,
  MaxTurnsExceededError,
  MCPServerStreamableHttp,
  type Model,
  type ModelResponse,
  type ModelSettings,
  OpenAIChatCompletionsModel,
  OpenAIResponsesModel,
  type RunStreamEvent,
  retryPolicies,
  run,
  setTracingDisabled,
  setTracingExportApiKey,
  type Tool,
  user,
} from "@openai/agents";
import OpenAI from "openai";

/** How `errorFunction` words a call that threw, so the result can be told apart from data. */
const toolFailure = "The tool call failed: ";

export const createRunner: CreateRunner = async (options) => {
  const { session, toolPolicy } = options;
  const maxTurns = options.maxSteps ?? defaultMaxSteps;

  // The current turn's recorder decides approvals: its writes so far add to each call's radius.
  let recorder: RunRecorder | undefined;

  // Tools: the session's MCP tools, as CELIGO_TOOLS allows, gated by the policy.
  const mcp = new MCPServerStreamableHttp({
    name: "celigo",
    url: session.url,
    requestInit: { headers: session.headers },
    // The session is stateful, so the tool list is fetched once, not on every turn.
    cacheToolsList: true,
    // The SDK hands the model only the content; keep MCP's error flag for the run result.
    customDataExtractor: ({ isError }) => ({ isError: isError === true }),
    // By default the model hears only "An error occurred while running the tool"; the reason
    // lets it correct its call.
    errorFunction: ({ error }) => `${toolFailure}${errorText(error)}`,
    // Failures reach the RunResult; the SDK's console warnings (e.g. closing a session on a
    // server that went away) would only clutter the chat.
    logger: {
      namespace: "celigo",
      debug: () => {},
      warn: () => {},
      error: () => {},
      dontLogModelData: true,
      dontLogToolData: true,
    },
  });
  await mcp.connect();
  let tools: Tool[];
  try {
    const listed = selectTools(session, await mcp.listTools(), (tool) => tool.name);
    toolPolicy.learn(listed.map((tool) => ({ name: tool.name, annotations: annotationsOf(tool) })));
    const offered = new Set(listed.map((tool) => tool.name));
    tools = (await getAllMcpTools({ mcpServers: [mcp] }))
      .filter((tool) => offered.has(tool.name))
      .map((tool): Tool => {
        // A read-only tool keeps the SDK's static "no": with a gate, a call whose arguments do
        // not parse would be sent for approval instead of back to the model with the error.
        if (tool.type !== "function" || toolPolicy.classify(tool.name) === "read-only") {
          return tool;
        }
        const needsApproval = async (_context: unknown, input: unknown) =>
          (recorder ?? toolPolicy).needsApproval(tool.name, input);
        return { ...tool, needsApproval };
      });
  } catch (error) {
    await mcp.close();
    throw error;
  }

  // Model.
  configureTracing(options.model);
  const agent = new Agent({
    name: "celigo",
    instructions: options.instructions,
    // The recorder sees each response's tool calls before the SDK gates or runs any of them.
    model: reportingToolCalls(openaiModel(options.model), (calls) =>
      recorder?.modelProposed(calls),
    ),
    modelSettings: modelSettings(options.model),
    tools,
  });

  // Agent: tool timing from its hooks, and the conversation so far (every run() continues it).
  const toolRunning = new Map<string, number>();
  const toolDurations = new Map<string, number>();
  agent.on("agent_tool_start", (_context, _tool, { toolCall }) => {
    if ("callId" in toolCall) toolRunning.set(toolCall.callId, performance.now());
  });
  agent.on("agent_tool_end", (_context, _tool, _result, { toolCall }) => {
    if (!("callId" in toolCall)) return;
    const started = toolRunning.get(toolCall.callId);
    if (started !== undefined) toolDurations.set(toolCall.callId, performance.now() - started);
  });
  let history: AgentInputItem[] = [];

  // Run.
  return {
    framework: "openai-agents",

    async run(prompt, runOptions = {}): Promise<RunResult> {
      const { signal } = runOptions;
      const current = new RunRecorder(toolPolicy, runOptions);
      recorder = current;

      const onStreamEvent = (event: RunStreamEvent) => {
        if (event.type === "raw_model_stream_event") {
          if (event.data.type === "output_text_delta") current.textDelta(event.data.delta);
          // Usage is read from the run state after each leg: the SDK sums it for the whole run.
          else if (event.data.type === "response_done") current.stepEnded();
          return;
        }
        if (event.type !== "run_item_stream_event") return;
        const { item } = event;
        if (item.type === "tool_call_item" && item.rawItem.type === "function_call") {
          const { callId, name } = item.rawItem;
          current.toolCallStarted(callId, name, parseArguments(item.rawItem.arguments));
        } else if (
          item.type === "tool_call_output_item" &&
          item.rawItem.type === "function_call_result"
        ) {
          const { callId } = item.rawItem;
          current.toolCallEnded(callId, {
            result: item.output,
            isError:
              item.customData?.isError === true || String(item.output).startsWith(toolFailure),
            durationMs: toolDurations.get(callId) ?? 0,
          });
        }
      };

      const runToPause = async (input: Parameters<typeof run>[1]) => {
        const stream = await run(agent, input, {
          stream: true,
          maxTurns,
          callModelInputFilter: withoutEarlierToolOutputs,
          // A misspelt tool name goes back to the model as an error it can correct.
          toolNotFoundBehavior: "return_error_to_model",
          ...(signal ? { signal } : {}),
        });
        for await (const event of stream) onStreamEvent(event);
        await stream.completed;
        current.setUsage(stream.state.usage);
        if (stream.error) throw stream.error;
        return stream;
      };

      try {
        let stream = await runToPause([...history, user(prompt)]);
        // Calls that need approval pause the run: ask, record each answer, resume.
        while (stream.interruptions.length > 0 && !stream.cancelled) {
          for (const interruption of stream.interruptions) {
            // The SDK cannot judge arguments that do not parse, so it asks; let it through and
            // nothing runs: the model gets the SDK's parse error and can correct the call.
            if (typeof parseArguments(interruption.arguments) === "string") {
              stream.state.approve(interruption);
              continue;
            }
            const callId =
              "callId" in interruption.rawItem ? interruption.rawItem.callId : undefined;
            const answer = await current.askApproval(
              interruption.name ?? "",
              parseArguments(interruption.arguments),
              callId,
            );
            if (answer.approved) stream.state.approve(interruption);
            else stream.state.reject(interruption, { message: answer.refusal });
          }
          stream = await runToPause(stream.state);
        }
        if (stream.cancelled || signal?.aborted) return current.result("", abortedRunError());
        history = stream.history;
        return current.result(String(stream.finalOutput ?? ""), current.transportError());
      } catch (error) {
        if (error instanceof MaxTurnsExceededError && !signal?.aborted) {
          return current.result("", stepLimitError(maxTurns));
        }
        return current.result("", runError(error, { signal, model: options.model }));
      }
    },

    close: () => mcp.close(),
  };
};

/**
 * Earlier turns keep their messages; their tool calls and outputs, often most of the tokens, are
 * left out of the model's input (the saved history keeps them).
 */
const withoutEarlierToolOutputs: CallModelInputFilter = ({ modelData }) => {
  const lastUser = modelData.input.findLastIndex((item) => "role" in item && item.role === "user");
  const input = modelData.input.filter(
    (item, index) => index >= lastUser || ("type" in item ? item.type === "message" : true),
  );
  return { ...modelData, input };
};

/**
 * One model request is bounded by MODEL_TIMEOUT_S and never retried after a timeout; refused
 * connections, 429 (after its Retry-After) and 5xx are retried with backoff. The client's own
 * retries are off, so the SDK's policy is the only one.
 */
function modelSettings(model: ResolvedModel): ModelSettings {
  return {
    timeoutMs: model.timeoutMs,
    retry: {
      maxRetries: model.maxRetries,
      backoff: { initialDelayMs: 1000, multiplier: 2, jitter: false },
      policy: retryPolicies.any(
        retryPolicies.retryAfter(),
        retryPolicies.httpStatus([429, 500, 502, 503, 504]),
        retryPolicies.networkError(),
      ),
    },
  };
}

/** A model that reports the tool calls of each response as soon as the response is complete. */
function reportingToolCalls(
  model: Model,
  report: (calls: Array<{ name: string; arguments: unknown }>) => void,
): Model {
  const callsOf = (output: ModelResponse["output"]) =>
    output.flatMap((item) =>
      item.type === "function_call"
        ? [{ name: item.name, arguments: parseArguments(item.arguments) }]
        : [],
    );
  return {
    getResponse: async (request) => {
      const response = await model.getResponse(request);
      report(callsOf(response.output));
      return response;
    },
    async *getStreamedResponse(request) {
      for await (const event of model.getStreamedResponse(request)) {
        if (event.type === "response_done") report(callsOf(event.response.output));
        yield event;
      }
    },
    ...(model.getRetryAdvice ? { getRetryAdvice: model.getRetryAdvice.bind(model) } : {}),
  };
}

/** Chat Completions for servers that only speak it; the Responses API otherwise. */
function openaiModel(model: ResolvedModel) {
  const client = new OpenAI({ baseURL: model.baseURL, apiKey: model.apiKey, maxRetries: 0 });
  return model.api === "chat"
    ? new OpenAIChatCompletionsModel(client, model.modelId)
    : new OpenAIResponsesModel(client, model.modelId);
}

/** Traces go to OpenAI: only when the model is OpenAI's own, with the same key. */
function configureTracing(model: ResolvedModel) {
  const realOpenAI =
    model.provider === "openai" && new URL(model.baseURL).hostname === "api.openai.com";
  if (realOpenAI) setTracingExportApiKey(model.apiKey);
  setTracingDisabled(!realOpenAI);
}

/** MCP servers send annotations and the SDK passes them on, but its `MCPTool` type omits them. */
function annotationsOf(tool: object): ToolAnnotations | undefined {
  return "annotations" in tool ? (tool.annotations as ToolAnnotations | undefined) : undefined;
}

function parseArguments(text: string | undefined): unknown {
  return text ? parseJsonText(text) : {};
}
