/**
 * The kernel's public API: what a framework app (its runner and main file) uses. Core's index
 * re-exports it with this repository's local services plugged in, and `pnpm create-starter`
 * copies the kernel with this file as `src/celigo/index.ts`: one list for both.
 */

// Session and configuration.
export { type AgentContext, openAgentContext } from "./agent-context.ts";
// The terminal chat every app's main file runs.
export { type ChatOptions, runChat } from "./chat.ts";
export { type AppConfig, type Environment, loadConfig } from "./config.ts";
export {
  CeligoAgentsError,
  ConfigError,
  describeError,
  errorText,
  isCeligoAgentsError,
  UpstreamError,
} from "./errors.ts";
export { isMcpErrorResult, mcpContentText, mcpToolResult } from "./mcp-content.ts";
export { abortedRunError, runError, stepLimitError } from "./run-errors.ts";
// Run bookkeeping: what every runner records around its framework's loop.
export { type ApprovalAnswer, RunRecorder, type ToolCallOutcome } from "./run-recorder.ts";
// The contract between the kernel and each framework app.
export type {
  AgentRunner,
  ApprovalRequest,
  CreateRunner,
  ResolvedModel,
  RunError,
  RunErrorCode,
  RunEvent,
  RunnerOptions,
  RunOptions,
  RunResult,
  SessionConnection,
  TokenUsage,
  ToolCallRecord,
} from "./runner.ts";
export { defaultMaxSteps } from "./runner.ts";
export { type CeligoSession, selectTools } from "./session.ts";
export { parseJsonText } from "./tool-calls.ts";
export {
  type BlastRadius,
  bulkRecordLimit,
  type EarlierCall,
  type ToolAnnotations,
  type ToolDecision,
  type ToolDescription,
  ToolPolicy,
  type ToolRisk,
} from "./tool-policy.ts";
