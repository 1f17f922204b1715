/**
 * The Celigo agent on the OpenAI Agents SDK: `MCPServerStreamableHttp` for the Celigo tools,
 * an `Agent` run with `run()`, and `needsApproval` + interruptions for destructive tools.
 */
import {
  type CreateRunner,
  type ResolvedModel,
  type RunResult,
  type ToolAnnotations,
  type ToolCallRecord,
  toolSlug,
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
const aborted = { code: "run_aborted", message: "The run was cancelled." };

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

    async run(prompt, { signal, onEvent, approve } = {}): Promise<RunResult> {
      const startedAt = performance.now();
      const toolCalls: ToolCallRecord[] = [];
      const started = new Map<string, { name: string; arguments: unknown }>();
      const approvals = new Map<string, "approved" | "refused">();
      let steps = 0;
      let usage = { inputTokens: 0, outputTokens: 0 };
      const finish = (text: string, error?: RunResult["error"]): RunResult => ({
        text,
        toolCalls,
        steps,
        usage,
        durationMs: Math.round(performance.now() - startedAt),
        ...(error ? { error } : {}),
      });

      const onStreamEvent = (event: RunStreamEvent) => {
        if (event.type === "raw_model_stream_event") {
          if (event.data.type === "output_text_delta") {
            onEvent?.({ type: "text-delta", text: event.data.delta });
          } else if (event.data.type === "response_done") {
            steps += 1;
            onEvent?.({ type: "step-end", step: steps });
          }
          return;
        }
        if (event.type !== "run_item_stream_event") return;
        const { item } = event;
        if (item.type === "tool_call_item" && item.rawItem.type === "function_call") {
          const call = {
            name: item.rawItem.name,
            arguments: parseArguments(item.rawItem.arguments),
          };
          started.set(item.rawItem.callId, call);
          onEvent?.({ type: "tool-call-start", ...call, slug: toolSlug(call.name) });
        } else if (
          item.type === "tool_call_output_item" &&
          item.rawItem.type === "function_call_result"
        ) {
          const callId = item.rawItem.callId;
          const call = started.get(callId) ?? { name: item.rawItem.name, arguments: undefined };
          const approval = approvals.get(callId);
          const record: ToolCallRecord = {
            ...call,
            slug: toolSlug(call.name),
            result: item.output,
            isError: approval === "refused" || item.customData?.isError === true,
            durationMs: Math.round(toolDurations.get(callId) ?? 0),
            ...(approval ? { approval } : {}),
          };
          toolCalls.push(record);
          onEvent?.({ type: "tool-call-end", call: record });
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
        usage = {
          inputTokens: stream.state.usage.inputTokens,
          outputTokens: stream.state.usage.outputTokens,
        };
        return stream;
      };

      try {
        let stream = await runToPause([...history, user(prompt)]);
        // Destructive calls pause the run: ask, record each answer in the state, resume.
        while (stream.interruptions.length > 0 && !stream.cancelled) {
          for (const interruption of stream.interruptions) {
            const toolName = interruption.name ?? "";
            const toolArguments = parseArguments(interruption.arguments);
            const decision = toolPolicy.decide(toolName, toolArguments);
            const approved = approve
              ? await approve({
                  toolName,
                  slug: decision.slug,
                  arguments: toolArguments,
                  reason: decision.reason,
                })
              : false;
            if ("callId" in interruption.rawItem && interruption.rawItem.callId) {
              approvals.set(interruption.rawItem.callId, approved ? "approved" : "refused");
            }
            if (approved) stream.state.approve(interruption);
            else {
              stream.state.reject(interruption, {
                message: `The user did not approve ${decision.slug} (${decision.reason}). Nothing was changed.`,
              });
            }
          }
          stream = await runToPause(stream.state);
        }
        if (stream.cancelled || signal?.aborted) return finish("", aborted);
        history = stream.history;
        return finish(String(stream.finalOutput ?? ""));
      } catch (error) {
        if (signal?.aborted) return finish("", aborted);
        if (error instanceof MaxTurnsExceededError) {
          return finish("", {
            code: "run_failed",
            message: `The agent used all ${maxTurns} steps without a final answer. Ask something narrower, or raise maxSteps.`,
          });
        }
        return finish("", {
          code: "run_failed",
          message: error instanceof Error ? error.message : String(error),
        });
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
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
