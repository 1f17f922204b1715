/**
 * The Celigo operations agent on Mastra. `MCPClient` turns the session's MCP tools into Mastra
 * tools and asks for approval before destructive calls (`requireToolApproval`); the `Agent`
 * runs the loop, registered on a `Mastra` instance whose storage keeps suspended approvals and
 * the conversation's memory across `run()` calls.
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
import { Mastra } from "@mastra/core";
import { Agent } from "@mastra/core/agent";
import { noopLogger } from "@mastra/core/logger";
import { InMemoryStore } from "@mastra/core/storage";
import { isValidationError } from "@mastra/core/tools";
import { MCPClient } from "@mastra/mcp";
import { Memory } from "@mastra/memory";

const defaultMaxSteps = 10;
const aborted = { code: "run_aborted", message: "The run was stopped before it finished." };

/** What one `run()` collects while the agent executes; the callbacks below write into it. */
interface Turn {
  options: RunOptions;
  toolCalls: ToolCallRecord[];
  steps: number;
  inputTokens: number;
  outputTokens: number;
}

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

  let turn: Turn | undefined;
  // The hooks see the same input object before and after a call.
  const startedAt = new Map<unknown, number>();
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
      beforeToolCall: ({ toolName, input }) => {
        turn?.options.onEvent?.({
          type: "tool-call-start",
          name: toolName,
          slug: toolSlug(toolName),
          arguments: input,
        });
        startedAt.set(input, performance.now());
      },
      afterToolCall: ({ toolName, input, output, error }) => {
        const call: ToolCallRecord = {
          name: toolName,
          slug: toolSlug(toolName),
          arguments: input,
          result: error === undefined ? toolResult(output) : errorText(error),
          // Arguments that fail the tool's schema come back as a ValidationError, not a throw.
          isError: error !== undefined || isValidationError(output),
          durationMs: Math.round(performance.now() - (startedAt.get(input) ?? performance.now())),
          // Mastra only runs a gated call after `approveToolCallGenerate`.
          ...(toolPolicy.decide(toolName, input).needsApproval
            ? { approval: "approved" as const }
            : {}),
        };
        startedAt.delete(input);
        turn?.toolCalls.push(call);
        turn?.options.onEvent?.({ type: "tool-call-end", call });
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
      const started = performance.now();
      const current: Turn = {
        options: runOptions,
        toolCalls: [],
        steps: 0,
        inputTokens: 0,
        outputTokens: 0,
      };
      turn = current;
      const execution = {
        maxSteps,
        memory: { thread: threadId, resource: "celigo-operator" },
        ...(runOptions.signal ? { abortSignal: runOptions.signal } : {}),
        onChunk: (chunk: { type: string; payload?: unknown }) => {
          if (chunk.type === "text-delta") {
            const { text } = chunk.payload as { text: string };
            runOptions.onEvent?.({ type: "text-delta", text });
          }
        },
        onStepFinish: (step: { usage?: { inputTokens?: number; outputTokens?: number } }) => {
          current.steps += 1;
          current.inputTokens += step.usage?.inputTokens ?? 0;
          current.outputTokens += step.usage?.outputTokens ?? 0;
          runOptions.onEvent?.({ type: "step-end", step: current.steps });
        },
      };
      let error: RunResult["error"];
      let text = "";
      try {
        let output = await celigo.generate(prompt, execution);
        while (output.finishReason === "suspended" && output.runId) {
          const pending = output.suspendPayload as PendingApproval;
          const resume = { ...execution, runId: output.runId, toolCallId: pending.toolCallId };
          output = (await approve(pending, runOptions))
            ? await celigo.approveToolCallGenerate(resume)
            : await celigo.declineToolCallGenerate({
                ...resume,
                reason: refusal(pending.toolName, pending.args),
              });
        }
        text = output.text;
        if (runOptions.signal?.aborted) {
          error = aborted;
        } else if (output.error) {
          error = { code: "run_failed", message: errorText(output.error) };
        } else if (output.finishReason === "tool-calls") {
          error = {
            code: "run_failed",
            message: `The agent used all ${maxSteps} model calls without finishing its answer; ask a narrower question or raise maxSteps.`,
          };
        }
      } catch (caught) {
        error = runOptions.signal?.aborted
          ? aborted
          : { code: "run_failed", message: errorText(caught) };
      } finally {
        turn = undefined;
      }
      return {
        text,
        toolCalls: current.toolCalls,
        steps: current.steps,
        usage: { inputTokens: current.inputTokens, outputTokens: current.outputTokens },
        durationMs: Math.round(performance.now() - started),
        ...(error ? { error } : {}),
      };
    },
    close: () => mcp.disconnect(),
  };

  /** Asks `approve`; a refusal is recorded here because the refused call never runs. */
  async function approve(pending: PendingApproval, runOptions: RunOptions): Promise<boolean> {
    const decision = toolPolicy.decide(pending.toolName, pending.args);
    const approved =
      (await runOptions.approve?.({
        toolName: pending.toolName,
        slug: decision.slug,
        arguments: pending.args,
        reason: decision.reason,
      })) ?? false;
    if (!approved) {
      const event = { name: pending.toolName, slug: decision.slug, arguments: pending.args };
      const call: ToolCallRecord = {
        ...event,
        result: refusal(pending.toolName, pending.args),
        isError: true,
        durationMs: 0,
        approval: "refused",
      };
      runOptions.onEvent?.({ type: "tool-call-start", ...event });
      turn?.toolCalls.push(call);
      runOptions.onEvent?.({ type: "tool-call-end", call });
    }
    return approved;
  }

  function refusal(toolName: string, args: unknown): string {
    const decision = toolPolicy.decide(toolName, args);
    return `${decision.slug} was not approved (${decision.reason}), so it did not run.`;
  }

  return runner;
};

/** Structured content when the server sent it, else the text content (parsed when JSON). */
function toolResult(output: unknown): unknown {
  const content = (output as { content?: unknown } | undefined)?.content;
  if (!Array.isArray(content) || "structuredContent" in Object(output)) return output;
  const text = content
    .map((block: { type?: string; text?: string }) => (block.type === "text" ? block.text : ""))
    .join("");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
