/**
 * The Celigo operations agent on Mastra. `MCPClient` turns the session's MCP tools into Mastra
 * tools and asks for approval before destructive calls (`requireToolApproval`); the `Agent`
 * runs the loop, registered on a `Mastra` instance whose storage keeps suspended approvals and
 * the conversation's memory across `run()` calls.
 */
import { randomUUID } from "node:crypto";
import {
  type AgentRunner,
  abortedRunError,
  type CreateRunner,
  errorText,
  parseJsonText,
  type RunError,
  RunRecorder,
  type RunResult,
  runError,
  stepLimitError,
  type ToolAnnotations,
} from "@celigo-agents/core";
import { Mastra } from "@mastra/core";
import { Agent } from "@mastra/core/agent";
import { noopLogger } from "@mastra/core/logger";
import { InMemoryStore } from "@mastra/core/storage";
import { isValidationError } from "@mastra/core/tools";
import { MCPClient } from "@mastra/mcp";
import { Memory } from "@mastra/memory";

const defaultMaxSteps = 10;

/** What a run suspended for tool approval reports in `suspendPayload`. */
interface PendingApproval {
  toolCallId: string;
  toolName: string;
  args: unknown;
}

export const createRunner: CreateRunner = async (options) => {
  const { session, model, toolPolicy } = options;
  const maxSteps = options.maxSteps ?? defaultMaxSteps;
  const mcp = new MCPClient({
    // A unique id: MCPClient caches instances by id, and runners may run side by side.
    id: `celigo-${randomUUID()}`,
    servers: {
      celigo: {
        url: new URL(session.url),
        requestInit: { headers: session.headers },
        requireToolApproval: ({ toolName, args }) =>
          toolPolicy.decide(toolName, args).needsApproval,
      },
    },
  });
  // Failed calls reach the model and the RunResult; the client's console log of each one, with
  // a stack trace, would only clutter the chat.
  mcp.__setLogger(noopLogger);
  const listed = await mcp.listTools().catch(async (error: unknown) => {
    await mcp.disconnect();
    throw error;
  });
  const tools = Object.fromEntries(
    Object.entries(listed).filter(([name]) => session.toolFilter(name)),
  );
  toolPolicy.learn(
    Object.entries(tools).map(([name, tool]) => ({
      name,
      annotations: tool.mcp?.annotations as ToolAnnotations | undefined,
    })),
  );
  // With an OpenAI model Mastra rewrites tool schemas for strict mode, which empties open
  // objects; third-party MCP schemas go to the model as the server wrote them.
  for (const tool of Object.values(tools)) tool.strict = false;

  // What the current run() records; the hooks below write into it.
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
    hooks: {
      // Both hooks see the same input object, which identifies the call.
      beforeToolCall: ({ toolName, input }) => {
        recorder?.toolCallStarted(input, toolName, input);
      },
      afterToolCall: ({ toolName, input, output, error }) => {
        recorder?.toolCallEnded(input, {
          result: error === undefined ? toolResult(output) : errorText(error),
          // Arguments that fail the tool's schema come back as a ValidationError, not a throw.
          isError: error !== undefined || isValidationError(output),
          // Mastra only runs a gated call after `approveToolCallGenerate`.
          approved: toolPolicy.needsApproval(toolName, input),
        });
      },
    },
  });
  // Tool approval suspends the run and resumes it later: that needs the agent on a Mastra
  // instance with storage.
  const mastra = new Mastra({ agents: { celigo: agent }, storage, logger: false });
  const celigo = mastra.getAgent("celigo");
  const threadId = randomUUID();

  const runner: AgentRunner = {
    framework: "mastra",
    async run(prompt, runOptions = {}): Promise<RunResult> {
      const { signal } = runOptions;
      const current = new RunRecorder(toolPolicy, runOptions);
      recorder = current;
      const execution = {
        maxSteps,
        memory: { thread: threadId, resource: "celigo-operator" },
        ...(signal ? { abortSignal: signal } : {}),
        onChunk: (chunk: { type: string; payload?: unknown }) => {
          if (chunk.type === "text-delta") {
            current.textDelta((chunk.payload as { text: string }).text);
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
        else if (output.error) error = runError(output.error);
        else if (output.finishReason === "tool-calls") error = stepLimitError(maxSteps);
      } catch (caught) {
        error = runError(caught, signal);
      } finally {
        recorder = undefined;
      }
      return current.result(text, error);
    },
    close: () => mcp.disconnect(),
  };

  return runner;
};

/** Structured content when the server sent it, else the text content (parsed when JSON). */
function toolResult(output: unknown): unknown {
  const content = (output as { content?: unknown } | undefined)?.content;
  if (!Array.isArray(content) || "structuredContent" in Object(output)) return output;
  const text = content
    .map((block: { type?: string; text?: string }) => (block.type === "text" ? block.text : ""))
    .join("");
  return parseJsonText(text);
}
