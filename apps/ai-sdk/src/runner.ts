/**
 * The Celigo agent on the Vercel AI SDK: `createMCPClient` for the Celigo tools, `streamText`
 * with a step limit for the agent loop, and `toolApproval` for destructive tools.
 */
import { createMCPClient } from "@ai-sdk/mcp";
import { createOpenAI } from "@ai-sdk/openai";
import {
  type CreateRunner,
  type ResolvedModel,
  type RunResult,
  type ToolCallRecord,
  toolSlug,
} from "@celigo-agents/core";
import { type ModelMessage, stepCountIs, streamText, type ToolApprovalStatus } from "ai";

const defaultMaxSteps = 10;

export const createRunner: CreateRunner = async (options) => {
  const { session, toolPolicy, instructions } = options;
  const maxSteps = options.maxSteps ?? defaultMaxSteps;
  const mcp = await createMCPClient({
    transport: { type: "http", url: session.url, headers: session.headers },
  });
  let tools: Awaited<ReturnType<typeof mcp.tools>>;
  try {
    const listed = await mcp.listTools();
    const offered = listed.tools.filter((tool) => session.toolFilter(tool.name));
    toolPolicy.learn(offered);
    tools = mcp.toolsFromDefinitions({ ...listed, tools: offered });
  } catch (error) {
    await mcp.close();
    throw error;
  }
  const model = languageModel(options.model);
  // The conversation so far: every run() continues it.
  const messages: ModelMessage[] = [];

  return {
    framework: "ai-sdk",

    async run(prompt, { signal, onEvent, approve } = {}): Promise<RunResult> {
      const startedAt = performance.now();
      const toolCalls: ToolCallRecord[] = [];
      const callStarts = new Map<string, { name: string; arguments: unknown; at: number }>();
      const executionMs = new Map<string, number>();
      const approvals = new Map<string, { approved: boolean; reason?: string | undefined }>();
      const usage = { inputTokens: 0, outputTokens: 0 };
      let steps = 0;
      let lastFinishReason = "";
      let error: RunResult["error"];

      const finishCall = (
        id: string,
        fields: Omit<ToolCallRecord, "name" | "slug" | "arguments">,
      ) => {
        const start = callStarts.get(id);
        if (!start) return;
        const call = {
          name: start.name,
          slug: toolSlug(start.name),
          arguments: start.arguments,
          ...fields,
        };
        toolCalls.push(call);
        onEvent?.({ type: "tool-call-end", call });
      };

      const result = streamText({
        model,
        instructions,
        messages: [...messages, { role: "user", content: prompt }],
        tools,
        stopWhen: stepCountIs(maxSteps),
        ...(signal ? { abortSignal: signal } : {}),
        // Asked before each call: destructive ones wait for the person's answer.
        toolApproval: async ({ toolCall }): Promise<ToolApprovalStatus> => {
          const decision = toolPolicy.decide(toolCall.toolName, toolCall.input);
          if (!decision.needsApproval) return "not-applicable";
          const approved = approve
            ? await approve({
                toolName: toolCall.toolName,
                slug: decision.slug,
                arguments: toolCall.input,
                reason: decision.reason,
              })
            : false;
          return approved
            ? { type: "approved" }
            : {
                type: "denied",
                reason: `The user did not approve ${decision.slug} (${decision.reason}). Nothing was changed.`,
              };
        },
        onToolExecutionEnd: (event) => {
          executionMs.set(event.toolCall.toolCallId, event.toolExecutionMs);
        },
      });

      for await (const part of result.stream) {
        switch (part.type) {
          case "text-delta":
            onEvent?.({ type: "text-delta", text: part.text });
            break;
          case "tool-call":
            callStarts.set(part.toolCallId, {
              name: part.toolName,
              arguments: part.input,
              at: performance.now(),
            });
            onEvent?.({
              type: "tool-call-start",
              name: part.toolName,
              slug: toolSlug(part.toolName),
              arguments: part.input,
            });
            break;
          case "tool-approval-response":
            approvals.set(part.toolCall.toolCallId, {
              approved: part.approved,
              reason: part.reason,
            });
            break;
          case "tool-result":
          case "tool-error": {
            const id = part.toolCallId;
            const failed = part.type === "tool-error" || isErrorResult(part.output);
            finishCall(id, {
              result: part.type === "tool-error" ? errorText(part.error) : part.output,
              isError: failed,
              durationMs: Math.round(executionMs.get(id) ?? elapsedSince(callStarts.get(id)?.at)),
              ...(approvals.get(id)?.approved ? { approval: "approved" as const } : {}),
            });
            break;
          }
          case "tool-output-denied":
            finishCall(part.toolCallId, {
              result: approvals.get(part.toolCallId)?.reason ?? "Refused.",
              isError: true,
              durationMs: 0,
              approval: "refused",
            });
            break;
          case "finish-step":
            steps += 1;
            usage.inputTokens += part.usage.inputTokens ?? 0;
            usage.outputTokens += part.usage.outputTokens ?? 0;
            lastFinishReason = part.finishReason;
            onEvent?.({ type: "step-end", step: steps });
            break;
          case "abort":
            error = { code: "run_aborted", message: "The run was cancelled." };
            break;
          case "error":
            error = { code: "run_failed", message: errorText(part.error) };
            break;
        }
      }

      let text = "";
      if (!error) {
        text = await result.text;
        messages.push({ role: "user", content: prompt }, ...(await result.responseMessages));
        if (lastFinishReason === "tool-calls" && steps >= maxSteps) {
          error = {
            code: "run_failed",
            message: `The agent used all ${maxSteps} steps without a final answer. Ask something narrower, or raise maxSteps.`,
          };
        }
      }
      return {
        text,
        toolCalls,
        steps,
        usage,
        durationMs: elapsedSince(startedAt),
        ...(error ? { error } : {}),
      };
    },

    close: () => mcp.close(),
  };
};

/** `openai(id)` would speak the Responses API; servers that only know Chat Completions need `.chat`. */
function languageModel(model: ResolvedModel) {
  const provider = createOpenAI({ baseURL: model.baseURL, apiKey: model.apiKey });
  return model.api === "chat" ? provider.chat(model.modelId) : provider.responses(model.modelId);
}

/** MCP reports a failed call as a result with `isError: true`, not as an exception. */
function isErrorResult(output: unknown): boolean {
  return (
    typeof output === "object" && output !== null && "isError" in output && output.isError === true
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function elapsedSince(start: number | undefined): number {
  return start === undefined ? 0 : Math.round(performance.now() - start);
}
