/**
 * Turns what a framework threw into a `RunError` a person can act on: one line that names the
 * endpoint and the setting to change, never a stack trace. Frameworks wrap the cause in their
 * own errors (a retry error around the last HTTP error, a fetch error around ECONNREFUSED), so
 * the whole cause chain is read.
 */
import { errorText } from "./errors.ts";
import type { ResolvedModel, RunError } from "./runner.ts";

export function abortedRunError(): RunError {
  return { code: "aborted", message: "The run was stopped before it finished." };
}

export function stepLimitError(maxSteps: number): RunError {
  return {
    code: "step_limit",
    message: `The agent used all ${maxSteps} steps without a final answer. Ask something narrower, or raise maxSteps.`,
  };
}

/**
 * What MCP clients report when the server is gone: a refused or dropped connection, or the
 * streamable-HTTP transport's error for a session the server no longer knows. A tool's own
 * failure (bad arguments, a Celigo 404) comes back as a result, not as these.
 */
const transportFailure =
  /fetch failed|ECONNREFUSED|ECONNRESET|other side closed|socket hang up|Connection closed|MCP HTTP Transport Error|Error POSTing to endpoint/i;

/** The first tool result that says the MCP server went away, if any. */
export function transportFailureIn(results: readonly unknown[]): string | undefined {
  for (const result of results) {
    const text = typeof result === "string" ? result : (JSON.stringify(result) ?? "");
    const match = transportFailure.exec(text);
    if (match) return match[0];
  }
  return undefined;
}

/** The MCP server with the Celigo tools stopped answering during the run. */
export function toolTransportError(detail: string): RunError {
  return {
    code: "tool_transport",
    message: `The Celigo MCP server stopped answering during the run (${detail}), so the answer may rest on missing data. Check that the server is still running, then ask again.`,
  };
}

const timeoutNames = new Set([
  "TimeoutError",
  "ModelTimeoutError",
  "MastraTimeoutError",
  "APIConnectionTimeoutError",
]);
const connectionCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
]);

interface Evidence {
  timedOut: boolean;
  status?: number;
  connectionCode?: string;
  connectionFailed: boolean;
  /** fetch refused the URL's port before connecting (https://fetch.spec.whatwg.org/#port-blocking). */
  blockedPort: boolean;
}

/** The error of a run that threw: an abort when the run's signal says so, else the failure. */
export function runError(
  caught: unknown,
  context: { signal?: AbortSignal | undefined; model?: ResolvedModel } = {},
): RunError {
  if (context.signal?.aborted) return abortedRunError();
  const evidence = readCauses(caught);
  const { model } = context;
  if (!model) return { code: "run_failed", message: errorText(caught) };
  const endpoint = describeEndpoint(model);
  if (evidence.timedOut) {
    return {
      code: "timeout",
      message: `${endpoint} did not answer within ${model.timeoutMs / 1000} s (MODEL_TIMEOUT_S). Check that the server is up and the model is loaded, or raise MODEL_TIMEOUT_S.`,
    };
  }
  if (evidence.status !== undefined) {
    const message = `${endpoint} ${statusAdvice(evidence.status, model)}`;
    return { code: "model_error", message, status: evidence.status };
  }
  if (evidence.blockedPort) {
    return {
      code: "model_error",
      message: `${endpoint} uses a port that fetch refuses to connect to ("bad port", such as 9 or 6000: https://fetch.spec.whatwg.org/#port-blocking). Serve the model on another port and change ${model.provider === "openai" ? "OPENAI_BASE_URL" : "MODEL"}.`,
    };
  }
  if (evidence.connectionFailed) {
    const cause = evidence.connectionCode ?? "connection failed";
    return {
      code: "model_error",
      message: `${endpoint} could not be reached (${cause}, after ${model.maxRetries} retries). ${unreachableAdvice(model)}`,
    };
  }
  return { code: "run_failed", message: errorText(caught) };
}

/**
 * True when a service failed rather than the agent: the MCP server went away, the model could
 * not be reached or kept failing (429, 5xx) after its retries, or the harness itself failed. A
 * model's 4xx answer to what the agent sent stays the agent's failure.
 */
export function isServiceFailure(error: RunError): boolean {
  if (error.code === "tool_transport" || error.code === "infrastructure") return true;
  if (error.code !== "model_error") return false;
  return error.status === undefined || error.status === 429 || error.status >= 500;
}

/** "OpenAI (api.openai.com)", "the model server at OPENAI_BASE_URL=…", "the offline model at …". */
export function describeEndpoint(model: ResolvedModel): string {
  const url = new URL(model.baseURL);
  // Credentials in a URL are secrets; only the origin and path are shown.
  const shown = `${url.origin}${url.pathname.replace(/\/$/, "")}`;
  if (model.provider === "offline") return `The offline model at ${shown}`;
  if (url.hostname === "api.openai.com")
    return `OpenAI (${url.hostname}, MODEL=openai/${model.modelId})`;
  return `The model server at OPENAI_BASE_URL=${shown}`;
}

function unreachableAdvice(model: ResolvedModel): string {
  if (new URL(model.baseURL).hostname === "api.openai.com") {
    return "Check this machine's network connection and proxy, or set OPENAI_BASE_URL to a server it can reach.";
  }
  return `Start the server or correct ${model.provider === "openai" ? "OPENAI_BASE_URL" : "MODEL"}.`;
}

function statusAdvice(status: number, model: ResolvedModel): string {
  if (status === 401 || status === 403) {
    return `refused the key (HTTP ${status}). Check OPENAI_API_KEY.`;
  }
  if (status === 404) {
    return `has no model "${model.modelId}" or no ${model.api === "chat" ? "/chat/completions" : "/responses"} route (HTTP 404). Check MODEL and OPENAI_API.`;
  }
  if (status === 429) {
    return `kept rate-limiting the requests (HTTP 429, after ${model.maxRetries} retries). Wait and try again, or check the account's limits.`;
  }
  if (status >= 500) {
    return `failed (HTTP ${status}, after ${model.maxRetries} retries). Try again later, or check the server's logs.`;
  }
  return `rejected the request (HTTP ${status}). Check MODEL, OPENAI_API and the server's logs.`;
}

/** Walks `cause`, `lastError`, `errors` and `error` links, as frameworks nest them. */
function readCauses(caught: unknown): Evidence {
  const evidence: Evidence = { timedOut: false, connectionFailed: false, blockedPort: false };
  const seen = new Set<unknown>();
  const queue: unknown[] = [caught];
  while (queue.length > 0 && seen.size < 20) {
    const error = queue.shift();
    if (error === null || typeof error !== "object" || seen.has(error)) continue;
    seen.add(error);
    const fields = error as Record<string, unknown>;
    const name = typeof fields.name === "string" ? fields.name : "";
    const message = typeof fields.message === "string" ? fields.message : "";
    if (timeoutNames.has(name) || /\btimed? ?out\b/i.test(message)) evidence.timedOut = true;
    const status = [fields.statusCode, fields.status].find(
      (value): value is number => typeof value === "number" && value >= 400 && value < 600,
    );
    evidence.status ??= status;
    const code = typeof fields.code === "string" ? fields.code : undefined;
    if (code && connectionCodes.has(code)) {
      evidence.connectionCode ??= code;
      evidence.connectionFailed = true;
    }
    if (/fetch failed|connection error|socket hang up|other side closed/i.test(message)) {
      evidence.connectionFailed = true;
    }
    if (/\bbad port\b/i.test(message)) evidence.blockedPort = true;
    queue.push(fields.cause, fields.lastError, fields.error);
    if (Array.isArray(fields.errors)) queue.push(...fields.errors);
  }
  return evidence;
}
