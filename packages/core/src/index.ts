/**
 * Core's public API, grouped the way an app uses it. Helpers only the eval harness needs are in
 * `@celigo-agents/core/internal`; the shared runner test suite in `@celigo-agents/core/testing`.
 */

import {
  type AgentContext,
  openAgentContext as openKernelAgentContext,
} from "./kernel/agent-context.ts";
import { type ChatOptions, runChat as runKernelChat } from "./kernel/chat.ts";
import { type AppConfig, loadConfig } from "./kernel/config.ts";
import type { CreateRunner } from "./kernel/runner.ts";
import { localServices } from "./local-services.ts";

// Session and configuration.
export type { AgentContext } from "./kernel/agent-context.ts";
// The terminal chat every app's main file runs.
export type { ChatOptions } from "./kernel/chat.ts";
export { type AppConfig, type Environment, loadConfig } from "./kernel/config.ts";
export {
  CeligoAgentsError,
  ConfigError,
  describeError,
  errorText,
  isCeligoAgentsError,
  UpstreamError,
} from "./kernel/errors.ts";
export { isMcpErrorResult, mcpContentText, mcpToolResult } from "./kernel/mcp-content.ts";
export { abortedRunError, runError, stepLimitError } from "./kernel/run-errors.ts";
// Run bookkeeping: what every runner records around its framework's loop.
export { type ApprovalAnswer, RunRecorder, type ToolCallOutcome } from "./kernel/run-recorder.ts";
// The contract between core and each framework app.
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
} from "./kernel/runner.ts";
export { defaultMaxSteps } from "./kernel/runner.ts";
export { type CeligoSession, selectTools } from "./kernel/session.ts";
export { parseJsonText } from "./kernel/tool-calls.ts";
export {
  type BlastRadius,
  bulkRecordLimit,
  type EarlierCall,
  type ToolAnnotations,
  type ToolDecision,
  type ToolDescription,
  ToolPolicy,
  type ToolRisk,
} from "./kernel/tool-policy.ts";

/** The session, model and runner options from config, with this repository's local services. */
export function openAgentContext(config: AppConfig = loadConfig()): Promise<AgentContext> {
  return openKernelAgentContext(config, localServices);
}

/** `pnpm chat`: the kernel's chat with this repository's local sandbox and offline model. */
export function runChat(createRunner: CreateRunner, options: ChatOptions = {}): Promise<number> {
  return runKernelChat(createRunner, { services: localServices, ...options });
}
