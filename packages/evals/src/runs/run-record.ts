/** One line of results.jsonl: everything known about one run of one case. */
import type { TokenUsage, ToolCallRecord } from "@celigo-agents/core";
import type { GraderResult } from "../graders/grader-result.ts";

/**
 * `failed`: graded and some grader failed. `agent-error`: the framework threw or reported an
 * error. `timeout`: it did not finish in time. `infrastructure-error`: the harness, sandbox or
 * model server failed even after retries; not counted for or against the agent.
 */
export type RunStatus = "passed" | "failed" | "agent-error" | "timeout" | "infrastructure-error";

export interface RunRecord {
  key: string;
  runId: string;
  caseId: string;
  caseFile: string;
  family?: string | undefined;
  /** The case's description: what correct means, for the reports. */
  description?: string | undefined;
  prompt: string;
  framework: string;
  model: string;
  exposure: Exposure;
  repeat: number;
  status: RunStatus;
  passed: boolean;
  graders: GraderResult[];
  text: string;
  toolCalls: ToolCallRecord[];
  steps: number;
  usage: TokenUsage;
  /** Tokens of the tool definitions offered in one model request. */
  toolDefinitionTokens: number;
  /** Undefined when the model has no known price. */
  costUsd?: number | undefined;
  durationMs: number;
  startedAt: string;
  attempts: number;
  error?: { code: string; message: string } | undefined;
}

export type Exposure = "router" | "direct";

export const exposures: readonly Exposure[] = ["router", "direct"];
