/**
 * The Celigo agent on the Vercel AI SDK: `createMCPClient` for the Celigo tools, `streamText`
 * with a step limit for the agent loop, and `toolApproval` for destructive tools.
 */
import { createMCPClient } from "@ai-sdk/mcp";
import { createOpenAI } from "@ai-sdk/openai";
import {
  abortedRunError,
  type CreateRunner,
  errorText,
  type ResolvedModel,
  type RunError,
  RunRecorder,
  type RunResult,
  runError,
  stepLimitError,
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

    async run(prompt, runOptions = {}): Promise<RunResult> {
      const { signal } = runOptions;
      const recorder = new RunRecorder(toolPolicy, runOptions);
      const executionMs = new Map<string, number>();
      let lastFinishReason = "";
      let error: RunError | undefined;

      const result = streamText({
        model,
        instructions,
        messages: [...messages, { role: "user", content: prompt }],
        tools,
        stopWhen: stepCountIs(maxSteps),
        ...(signal ? { abortSignal: signal } : {}),
        // Asked before each call: destructive ones wait for the person's answer.
        toolApproval: async ({ toolCall }): Promise<ToolApprovalStatus> => {
          const { toolName, input, toolCallId } = toolCall;
          if (!toolPolicy.needsApproval(toolName, input)) return "not-applicable";
          const answer = await recorder.askApproval(toolName, input, toolCallId);
          return answer.approved
            ? { type: "approved" }
            : { type: "denied", reason: answer.refusal };
        },
        onToolExecutionEnd: (event) => {
          executionMs.set(event.toolCall.toolCallId, event.toolExecutionMs);
        },
      });

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
              isError: part.type === "tool-error" || isErrorResult(part.output),
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
            error = abortedRunError();
            break;
          case "error":
            error = runError(part.error);
            break;
        }
      }

      let text = "";
      if (!error) {
        text = await result.text;
        messages.push({ role: "user", content: prompt }, ...(await result.responseMessages));
        if (lastFinishReason === "tool-calls" && recorder.steps >= maxSteps) {
          error = stepLimitError(maxSteps);
        }
      }
      return recorder.result(text, error);
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
