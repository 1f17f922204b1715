/**
 * The contract between core and the framework apps (see docs/architecture.md).
 * Each app exports `createRunner: CreateRunner` built from its framework's own MCP client and
 * agent loop; the chat REPL and the eval harness only ever talk to this interface.
 */
import type { ToolPolicy } from "./tool-policy.ts";

/** Where the agent's Celigo tools live: any streamable-HTTP MCP endpoint. */
export interface SessionConnection {
  url: string;
  headers: Record<string, string>;
  /** True when a tool (by its MCP name, prefixed or not) may be offered to the model. */
  toolFilter: (toolName: string) => boolean;
}

export interface ResolvedModel {
  provider: "offline" | "openai";
  /** The id sent to the server, e.g. `gpt-5` or `offline`. */
  modelId: string;
  baseURL: string;
  apiKey: string;
  /** Which OpenAI wire API the framework should speak to this server. */
  api: "chat" | "responses";
}

export interface RunnerOptions {
  session: SessionConnection;
  model: ResolvedModel;
  instructions: string;
  toolPolicy: ToolPolicy;
  /** Upper bound on model calls in one run. */
  maxSteps?: number;
}

export interface ApprovalRequest {
  toolName: string;
  slug: string;
  arguments: unknown;
  /** Why approval is needed, for the prompt shown to a person. */
  reason: string;
}

export interface ToolCallRecord {
  /** The name the framework used (may carry a prefix, e.g. `celigo_CELIGO_LIST_FLOWS`). */
  name: string;
  /** The Celigo or Composio slug behind that name. */
  slug: string;
  arguments: unknown;
  result: unknown;
  isError: boolean;
  durationMs: number;
  /** Set when the call needed approval. A refused call was not executed. */
  approval?: "approved" | "refused";
}

export type RunEvent =
  | { type: "text-delta"; text: string }
  | { type: "tool-call-start"; name: string; slug: string; arguments: unknown }
  | { type: "tool-call-end"; call: ToolCallRecord }
  | { type: "step-end"; step: number };

export interface RunOptions {
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** Asked before a tool the policy marks destructive runs; absent means refuse. */
  approve?: (request: ApprovalRequest) => Promise<boolean>;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface RunResult {
  text: string;
  toolCalls: ToolCallRecord[];
  /** Model calls made, as the framework counts them. */
  steps: number;
  usage: TokenUsage;
  durationMs: number;
  error?: { code: string; message: string };
}

export interface AgentRunner {
  readonly framework: string;
  /** Runs one user turn. Later calls continue the same conversation. */
  run(prompt: string, options?: RunOptions): Promise<RunResult>;
  /** Closes the MCP connection; afterwards the process can exit on its own. */
  close(): Promise<void>;
}

export type CreateRunner = (options: RunnerOptions) => Promise<AgentRunner>;
