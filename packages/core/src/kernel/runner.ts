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
  /** CELIGO_TOOLS: the slugs offered to the model; unset offers every tool (see `selectTools`). */
  allowedTools?: readonly string[] | undefined;
}

/** Model calls in one run when a caller sets no `maxSteps`. */
export const defaultMaxSteps = 10;

export interface ResolvedModel {
  provider: "offline" | "openai";
  /** The id sent to the server, e.g. `gpt-5` or `offline`. */
  modelId: string;
  baseURL: string;
  apiKey: string;
  /** Which OpenAI wire API the framework should speak to this server. */
  api: "chat" | "responses";
  /** Bound on one model request (MODEL_TIMEOUT_S); a request that times out is not retried. */
  timeoutMs: number;
  /** Retries of one request after a connection error, a 429 (after its Retry-After) or a 5xx. */
  maxRetries: number;
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
  /** Why approval is needed, in words, with the blast radius: "retry 46 errors on 9 flows: …". */
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
  /**
   * Which model response asked for the call (1 for the first). Calls of one response were
   * proposed together, and the tool policy judges their writes together.
   */
  step?: number;
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
  /**
   * Asked before a call the policy gates runs; absent means refuse. A refusal may say why, for
   * the model to pass on (e.g. that no one was at a terminal to answer).
   */
  approve?: (request: ApprovalRequest) => Promise<boolean | { refused: string }>;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/**
 * Why a run ended without a normal answer. `model_error`, `tool_transport` and `infrastructure`
 * are failures of a service, not of the agent: an eval retries those runs and reports them apart.
 */
export type RunErrorCode =
  /** The agent used every step without a final answer. */
  | "step_limit"
  /** A model request took longer than MODEL_TIMEOUT_S. */
  | "timeout"
  /** The caller's signal stopped the run (Ctrl-C, an eval's deadline). */
  | "aborted"
  /** The model server refused, failed (after retries) or could not be reached. */
  | "model_error"
  /** The MCP server with the Celigo tools went away or failed mid-run. */
  | "tool_transport"
  /** The harness's own services failed (an eval's sandbox account, its session). */
  | "infrastructure"
  /** Anything else the framework threw. */
  | "run_failed";

export interface RunError {
  code: RunErrorCode;
  /** One line that names what failed and what to change. */
  message: string;
  /** For `model_error`: the HTTP status the model server answered with, if it answered. */
  status?: number;
}

export interface RunResult {
  text: string;
  toolCalls: ToolCallRecord[];
  /** Model calls made, as the framework counts them. */
  steps: number;
  usage: TokenUsage;
  durationMs: number;
  error?: RunError;
}

export interface AgentRunner {
  readonly framework: string;
  /**
   * Runs one user turn. Later calls continue the same conversation, so runs of one runner must
   * not overlap: await each before the next. Separate runners may run side by side.
   */
  run(prompt: string, options?: RunOptions): Promise<RunResult>;
  /** Closes the MCP connection; afterwards the process can exit on its own. */
  close(): Promise<void>;
}

export type CreateRunner = (options: RunnerOptions) => Promise<AgentRunner>;
