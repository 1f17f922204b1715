/**
 * The Celigo agent on the OpenAI Agents SDK: `MCPServerStreamableHttp` for the Celigo tools,
 * an `Agent` run with `run()`, and `needsApproval` + interruptions for destructive tools.
 */
import {
  abortedRunError,
  type CreateRunner,
  parseJsonText,
  type ResolvedModel,
  RunRecorder,
  type RunResult,
  runError,
  stepLimitError,
  type ToolAnnotations,
} from "@celigo-agents/core";
import {
  Agent,
  type AgentInputItem,
  getAllMcpTools,
  MaxTurnsExceededError,
  MCPServerStreamableHttp,
  OpenAIChatCompletionsModel,
  OpenAIResponsesModel,
  type RunStreamEvent,
  run,
  setTracingDisabled,
  setTracingExportApiKey,
  type Tool,
  user,
} from "@openai/agents";
import OpenAI from "openai";

const defaultMaxSteps = 10;

export const createRunner: CreateRunner = async (options) => {
  const { session, toolPolicy } = options;
  const maxTurns = options.maxSteps ?? defaultMaxSteps;
  configureTracing(options.model);
  const mcp = new MCPServerStreamableHttp({
    name: "celigo",
    url: session.url,
    requestInit: { headers: session.headers },
    // The session is stateful, so the tool list is fetched once, not on every turn.
    cacheToolsList: true,
    // The SDK hands the model only the content; keep MCP's error flag for the run result.
    customDataExtractor: ({ isError }) => ({ isError: isError === true }),
  });
  await mcp.connect();
  let tools: Tool[];
  try {
    const listed = (await mcp.listTools()).filter((tool) => session.toolFilter(tool.name));
    toolPolicy.learn(listed.map((tool) => ({ name: tool.name, annotations: annotationsOf(tool) })));
    tools = (await getAllMcpTools({ mcpServers: [mcp] }))
      .filter((tool) => session.toolFilter(tool.name))
      .map((tool): Tool => {
        if (tool.type !== "function") return tool;
        const needsApproval = async (_context: unknown, input: unknown) =>
          toolPolicy.decide(tool.name, input).needsApproval;
        return { ...tool, needsApproval };
      });
  } catch (error) {
    await mcp.close();
    throw error;
  }

  const agent = new Agent({
    name: "celigo",
    instructions: options.instructions,
    model: openaiModel(options.model),
    tools,
  });
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
  // The conversation so far: every run() continues it.
  let history: AgentInputItem[] = [];

  return {
    framework: "openai-agents",

    async run(prompt, runOptions = {}): Promise<RunResult> {
      const { signal } = runOptions;
      const recorder = new RunRecorder(toolPolicy, runOptions);

      const onStreamEvent = (event: RunStreamEvent) => {
        if (event.type === "raw_model_stream_event") {
          if (event.data.type === "output_text_delta") recorder.textDelta(event.data.delta);
          // Usage is read from the run state after each leg: the SDK sums it for the whole run.
          else if (event.data.type === "response_done") recorder.stepEnded();
          return;
        }
        if (event.type !== "run_item_stream_event") return;
        const { item } = event;
        if (item.type === "tool_call_item" && item.rawItem.type === "function_call") {
          const { callId, name } = item.rawItem;
          recorder.toolCallStarted(callId, name, parseArguments(item.rawItem.arguments));
        } else if (
          item.type === "tool_call_output_item" &&
          item.rawItem.type === "function_call_result"
        ) {
          const { callId } = item.rawItem;
          recorder.toolCallEnded(callId, {
            result: item.output,
            isError: item.customData?.isError === true,
            durationMs: toolDurations.get(callId) ?? 0,
          });
        }
      };

      const runToPause = async (input: Parameters<typeof run>[1]) => {
        const stream = await run(agent, input, {
          stream: true,
          maxTurns,
          ...(signal ? { signal } : {}),
        });
        for await (const event of stream) onStreamEvent(event);
        await stream.completed;
        recorder.setUsage(stream.state.usage);
        return stream;
      };

      try {
        let stream = await runToPause([...history, user(prompt)]);
        // Destructive calls pause the run: ask, record each answer in the state, resume.
        while (stream.interruptions.length > 0 && !stream.cancelled) {
          for (const interruption of stream.interruptions) {
            const callId =
              "callId" in interruption.rawItem ? interruption.rawItem.callId : undefined;
            const answer = await recorder.askApproval(
              interruption.name ?? "",
              parseArguments(interruption.arguments),
              callId,
            );
            if (answer.approved) stream.state.approve(interruption);
            else stream.state.reject(interruption, { message: answer.refusal });
          }
          stream = await runToPause(stream.state);
        }
        if (stream.cancelled || signal?.aborted) return recorder.result("", abortedRunError());
        history = stream.history;
        return recorder.result(String(stream.finalOutput ?? ""));
      } catch (error) {
        if (error instanceof MaxTurnsExceededError && !signal?.aborted) {
          return recorder.result("", stepLimitError(maxTurns));
        }
        return recorder.result("", runError(error, signal));
      }
    },

    close: () => mcp.close(),
  };
};

/** Chat Completions for servers that only speak it; the Responses API otherwise. */
function openaiModel(model: ResolvedModel) {
  const client = new OpenAI({ baseURL: model.baseURL, apiKey: model.apiKey });
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
