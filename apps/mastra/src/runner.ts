/**
 * The Celigo operations agent on Mastra. `MCPClient` turns the session's MCP tools into Mastra
 * tools and asks for approval before calls that need it (`requireToolApproval`); the `Agent`
 * runs the loop, registered on a `Mastra` instance whose storage keeps suspended approvals and
 * the conversation's memory across `run()` calls, and a `ToolCallFilter` keeps earlier turns'
 * tool outputs out of later requests.
 */
import { randomUUID } from "node:crypto";
import {
  type AgentRunner,
  abortedRunError,
  type CreateRunner,
  defaultMaxSteps,
  errorText,
  mcpToolResult,
  type RunError,
  RunRecorder,
  type RunResult,
  runError,
  selectTools,
  stepLimitError,
  type ToolAnnotations,
  UpstreamError,
} from "@celigo-agents/core";
import { Mastra } from "@mastra/core";
import { Agent } from "@mastra/core/agent";
import { noopLogger } from "@mastra/core/logger";
import type { Processor } from "@mastra/core/processors";
import { InMemoryStore } from "@mastra/core/storage";
import { isValidationError } from "@mastra/core/tools";
import { MCPClient } from "@mastra/mcp";
import { Memory } from "@mastra/memory";

/** What a run suspended for tool approval reports in `suspendPayload`. */
interface PendingApproval {
  toolCallId: string;
  toolName: string;
  args: unknown;
}

export const createRunner: CreateRunner = async (options) => {
  const { session, model, toolPolicy } = options;
  const maxSteps = options.maxSteps ?? defaultMaxSteps;

  // Tools: the session's MCP tools, as CELIGO_TOOLS allows, gated by the policy.
  const mcp = new MCPClient({
    // A unique id: MCPClient caches instances by id, and runners may run side by side.
    id: `celigo-${randomUUID()}`,
    servers: {
      celigo: {
        url: new URL(session.url),
        requestInit: { headers: session.headers },
        requireToolApproval: ({ toolName, args }) =>
          (recorder ?? toolPolicy).needsApproval(toolName, args),
      },
    },
  });
  // Failed calls reach the model and the RunResult; the client's console log of each one, with
  // a stack trace, would only clutter the chat.
  mcp.__setLogger(noopLogger);
  let tools: Awaited<ReturnType<typeof mcp.listTools>>;
  try {
    const listed = Object.entries(await mcp.listTools());
    // MCPClient logs a server it cannot reach and lists nothing for it; with no tools the agent
    // would only guess, so that is a failed session.
    if (listed.length === 0) {
      throw new UpstreamError(
        `The MCP server at ${new URL(session.url).origin} offered no tools: Mastra's MCPClient could not connect to it or list them. Check that it is running, then try again.`,
        { code: "session_failed" },
      );
    }
    tools = Object.fromEntries(selectTools(session, listed, ([name]) => name));
  } catch (error) {
    await mcp.disconnect();
    throw error;
  }
  toolPolicy.learn(
    Object.entries(tools).map(([name, tool]) => ({
      name,
      annotations: tool.mcp?.annotations as ToolAnnotations | undefined,
    })),
  );
  // With an OpenAI model Mastra rewrites tool schemas for strict mode, which empties open
  // objects; third-party MCP schemas go to the model as the server wrote them.
  for (const tool of Object.values(tools)) tool.strict = false;

  // Agent: what the current run() records; the hooks below write into it.
  let recorder: RunRecorder | undefined;
  const storage = new InMemoryStore();
  const agent = new Agent({
    id: "celigo",
    name: "Celigo operations agent",
    instructions: options.instructions,
    model: {
      id: `openai/${model.modelId}`,
      url: model.baseURL,
      apiKey: model.apiKey,
      api: model.api,
    },
    tools,
    memory: new Memory({ storage }),
    inputProcessors: [earlierTurnToolCallFilter],
    hooks: {
      // Both hooks see the same input object, which identifies the call.
      beforeToolCall: ({ toolName, input }) => {
        recorder?.toolCallStarted(input, toolName, input);
      },
      afterToolCall: ({ toolName, input, output, error }) => {
        recorder?.toolCallEnded(input, {
          result: error === undefined ? mcpToolResult(output) : errorText(error),
          // Arguments that fail the tool's schema come back as a ValidationError, not a throw.
          isError: error !== undefined || isValidationError(output),
          // Mastra only runs a gated call after `approveToolCallGenerate`.
          approved: (recorder ?? toolPolicy).needsApproval(toolName, input),
        });
      },
    },
  });
  // Tool approval suspends the run and resumes it later: that needs the agent on a Mastra
  // instance with storage.
  const mastra = new Mastra({ agents: { celigo: agent }, storage, logger: false });
  const celigo = mastra.getAgent("celigo");
  const threadId = randomUUID();

  // Run.
  const runner: AgentRunner = {
    framework: "mastra",
    async run(prompt, runOptions = {}): Promise<RunResult> {
      const { signal } = runOptions;
      const current = new RunRecorder(toolPolicy, runOptions);
      recorder = current;
      const execution = {
        maxSteps,
        // One model call may take MODEL_TIMEOUT_S (not retried); connection errors, 429 and 5xx
        // are retried with backoff, after Retry-After.
        modelSettings: {
          maxRetries: model.maxRetries,
          timeout: { stepMs: model.timeoutMs },
        },
        memory: { thread: threadId, resource: "celigo-operator" },
        ...(signal ? { abortSignal: signal } : {}),
        onChunk: (chunk: { type: string; payload?: unknown }) => {
          if (chunk.type === "text-delta") {
            current.textDelta((chunk.payload as { text: string }).text);
          } else if (chunk.type === "tool-call") {
            // A step's calls all stream in before the first runs: the policy judges them together.
            const call = chunk.payload as { toolName: string; args: unknown };
            current.toolCallProposed(call.toolName, call.args);
          }
        },
        onStepFinish: (step: { usage?: { inputTokens?: number; outputTokens?: number } }) => {
          current.stepEnded(step.usage);
        },
      };
      let error: RunError | undefined;
      let text = "";
      try {
        let output = await celigo.generate(prompt, execution);
        while (output.finishReason === "suspended" && output.runId) {
          const pending = output.suspendPayload as PendingApproval;
          const resume = { ...execution, runId: output.runId, toolCallId: pending.toolCallId };
          // Without a call id the recorder records a refusal itself: the hooks never see it.
          const answer = await current.askApproval(pending.toolName, pending.args);
          output = answer.approved
            ? await celigo.approveToolCallGenerate(resume)
            : await celigo.declineToolCallGenerate({ ...resume, reason: answer.refusal });
        }
        text = output.text;
        if (signal?.aborted) error = abortedRunError();
        else if (output.error) error = runError(output.error, { signal, model });
        else if (output.finishReason === "tool-calls") error = stepLimitError(maxSteps);
      } catch (caught) {
        error = runError(caught, { signal, model });
      } finally {
        recorder = undefined;
      }
      return current.result(text, error ?? current.transportError());
    },
    close: () => mcp.disconnect(),
  };

  return runner;
};

/**
 * Earlier turns keep their messages; their tool calls and outputs, often most of the tokens, are
 * left out of each request (memory keeps them). Mastra's own ToolCallFilter would also drop the
 * current turn's calls once a run resumes after an approval, which it counts as history; this
 * filter cuts at the last user message instead.
 */
const earlierTurnToolCallFilter = {
  id: "earlier-turn-tool-call-filter",
  processLLMRequest: ({ prompt }) => {
    const lastQuestion = prompt.findLastIndex((message) => message.role === "user");
    const kept = prompt.flatMap((message, index) => {
      if (index >= lastQuestion || message.role === "system" || message.role === "user")
        return [message];
      if (message.role === "tool") return [];
      const content = message.content.filter((part) => part.type !== "tool-call");
      return content.length > 0 ? [{ ...message, content }] : [];
    });
    return { prompt: kept };
  },
} satisfies Processor;
