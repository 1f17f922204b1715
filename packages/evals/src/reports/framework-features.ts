/**
 * What each runner's framework offers for the things an operations agent needs, in one place:
 * the reports' features matrix reads only this file. Facts come from each app's runner.ts and
 * README.md and from the installed versions' type definitions (docs/architecture.md's
 * per-framework table holds most of them too); when an app changes how it uses its framework,
 * change its row here.
 */

export const featureNames = [
  "mcpClient",
  "approval",
  "streaming",
  "memory",
  "tracing",
  "recovery",
] as const;

export type FeatureName = (typeof featureNames)[number];

export const featureLabels: Record<FeatureName, string> = {
  mcpClient: "MCP client",
  approval: "Approval mechanism",
  streaming: "Streaming",
  memory: "Memory",
  tracing: "Tracing",
  recovery: "Recovery from model mistakes",
};

export type FrameworkFeatures = Record<FeatureName, string>;

export const frameworkFeatures: Record<string, FrameworkFeatures> = {
  baseline: {
    mcpClient: "The official MCP SDK Client over streamable HTTP, no framework.",
    approval:
      "Hand-written: the loop asks core's tool policy before each call and waits for approve; a refusal goes back as the tool result.",
    streaming:
      "The official openai client's stream helpers (chat.completions.stream, responses.stream): text deltas as they come.",
    memory:
      "The loop keeps each earlier turn's question and answer only; tool calls and outputs stay within their turn.",
    tracing: "None built in; the runner's events (onEvent) are the trace.",
    recovery:
      "Hand-written: an unknown tool name, arguments that are not a JSON object and tool errors go back to the model as the tool's result, and the loop goes on.",
  },
  "ai-sdk": {
    mcpClient:
      "createMCPClient (@ai-sdk/mcp), its own client (the official SDK is not loaded); tools listed once.",
    approval:
      "toolApproval per call returns approved or denied; a denial's reason reaches the model as the tool output.",
    streaming: "streamText: text deltas, tool calls, tool results and per-step usage.",
    memory:
      "The caller keeps the messages (responseMessages per turn); pruneMessages or prepareStep trim them; nothing is trimmed by default.",
    tracing:
      "OpenTelemetry through registerTelemetry (@ai-sdk/otel); onLanguageModelCallStart/End and onToolExecutionStart/End hooks.",
    recovery:
      "Unknown tool, bad JSON and schema failures become tool-error parts sent to the model, and the loop goes on; repairToolCall can fix a call.",
  },
  "openai-agents": {
    mcpClient:
      "MCPServerStreamableHttp (on the official MCP SDK) with cacheToolsList; getAllMcpTools turns tools into function tools.",
    approval:
      "needsApproval on each function tool pauses the run with an interruption; state.approve or state.reject, then run again.",
    streaming: "run(..., { stream: true }): text deltas, tool calls and outputs as stream events.",
    memory:
      "result.history is kept and sent with the next prompt; callModelInputFilter or a session trims it; nothing is trimmed by default.",
    tracing:
      "Built-in tracing exported to OpenAI (addTraceProcessor for others); the app turns it off for non-OpenAI models.",
    recovery:
      "An unknown tool throws ModelBehaviorError and ends the run unless toolNotFoundBehavior is return_error_to_model; bad JSON goes back to the model; a tool error becomes a fixed generic message unless errorFunction formats it.",
  },
  langchain: {
    mcpClient:
      "MultiServerMCPClient (@langchain/mcp-adapters); inlines $ref and drops unions of primitive types.",
    approval:
      "humanInTheLoopMiddleware interrupts before a gated call; resume with Command({ resume: { decisions } }).",
    streaming: "agent.stream with streamMode messages and updates.",
    memory:
      "MemorySaver checkpointer per thread; contextEditingMiddleware or summarizationMiddleware bound it; nothing is trimmed by default.",
    tracing:
      "Callbacks (handleChatModelStart, handleToolStart/End/Error), streamEvents, LangSmith or OpenTelemetry.",
    recovery:
      "ToolNode sends an unknown tool, a schema failure or a tool error back to the model; truncated JSON in invoke ends with an empty answer.",
  },
  mastra: {
    mcpClient:
      "MCPClient (@mastra/mcp); tools namespaced celigo_<tool>; reconnects and calls again after some transport errors.",
    approval:
      "requireToolApproval suspends the run (needs a Mastra instance with storage); approveToolCallGenerate or declineToolCallGenerate resumes it.",
    streaming: "generate with onChunk for text; agent.stream for a full stream.",
    memory:
      "A Memory thread (@mastra/memory) on the store; last 10 messages by default; TokenLimiter and ToolCallFilter processors.",
    tracing:
      "Observability with exporters (OpenTelemetry): spans agent_run, model_generation, tool_call, mcp_tool_call.",
    recovery:
      "An unknown tool and a schema failure go back to the model as errors (the tool list is named); bad JSON gets a light repair.",
  },
};

/** The row for a runner, or undefined for a user's module this file does not describe. */
export function featuresOf(framework: string): FrameworkFeatures | undefined {
  return frameworkFeatures[framework];
}
