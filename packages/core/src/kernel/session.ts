/**
 * Creates the Celigo MCP session an agent talks to, from one of three sources:
 * - composio: a Composio Tool Router session with the `celigo` toolkit (through @composio/core);
 * - celigo:   a Celigo-native MCP server URL with the account's API token;
 * - sandbox:  the local emulator, reached through the very same Composio SDK code path.
 */
import { Composio, SessionPreset } from "@composio/core";
import { distance } from "fastest-levenshtein";
import { type AppConfig, type CeligoSource, isLoopbackUrl, type ToolExposure } from "./config.ts";
import { CeligoAgentsError, ConfigError, errorText, UpstreamError } from "./errors.ts";
import type { SessionConnection } from "./runner.ts";
import { toolSlug } from "./tool-calls.ts";

export interface CeligoSession extends SessionConnection {
  source: CeligoSource;
  exposure: ToolExposure;
  /** The account's current time: the sandbox clock, or the real one. Agents are told it. */
  now: () => Date;
  /** Present for the sandbox source: what graders and tests need to inspect the account. */
  sandbox?: SandboxAccountHandle;
  close(): Promise<void>;
}

export interface SandboxAccountHandle {
  baseUrl: string;
  accountId: string;
  celigoToken: string;
  composioApiKey: string;
  /** The account's normalized state snapshot; `settle` first finishes running jobs. */
  state(options?: { settle?: boolean }): Promise<unknown>;
}

export interface ToolRouterSessionOptions {
  apiKey: string;
  baseURL?: string;
  userId: string;
  exposure: ToolExposure;
  tools?: string[];
  celigoAuthConfigId?: string;
  /** Telemetry off: for local emulators. Loopback base URLs imply it. */
  offline?: boolean;
}

/** A Composio Tool Router session exposing the celigo toolkit over MCP. */
export async function createToolRouterSession(options: ToolRouterSessionOptions) {
  const composio = new Composio({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? null,
    // 0.19.0 is pinned on purpose (README): the SDK's upgrade notice would only mislead.
    disableVersionCheck: true,
    ...(options.offline || isLoopbackUrl(options.baseURL) ? { allowTracking: false } : {}),
  });
  try {
    const session = await composio.create(options.userId, {
      toolkits: ["celigo"],
      mcp: true,
      ...(options.celigoAuthConfigId
        ? { authConfigs: { celigo: options.celigoAuthConfigId } }
        : {}),
      ...(options.tools ? { tools: { celigo: options.tools } } : {}),
      ...(options.exposure === "direct" ? { sessionPreset: SessionPreset.DIRECT_TOOLS } : {}),
    });
    return {
      sessionId: session.sessionId,
      url: session.mcp.url,
      headers: { ...session.mcp.headers } as Record<string, string>,
      delete: () => composio.sessions.delete(session.sessionId),
    };
  } catch (error) {
    const where = options.baseURL ?? "Composio's cloud";
    // A 400 that names a tool slug is about the allow-list, not the key or the URL.
    const status =
      (error as { status?: unknown }).status ??
      (error as { cause?: { status?: unknown } }).cause?.status;
    if (
      options.tools &&
      /slug|tool/i.test(errorText(error)) &&
      (status === 400 || status === undefined)
    ) {
      throw new ConfigError([
        {
          variable: "CELIGO_TOOLS",
          message: `was refused by the Tool Router at ${where}: ${upstreamMessage(error)}`,
        },
      ]);
    }
    throw new UpstreamError(
      `Could not create a Composio Tool Router session at ${where}: ${errorText(error)}. Check COMPOSIO_API_KEY and COMPOSIO_BASE_URL.`,
      { code: "session_failed", cause: error },
    );
  }
}

/**
 * The session for the configured source. The sandbox source is a local service the monorepo
 * passes in (`sandboxSession`); a starter copied out of it runs without one.
 */
export async function createCeligoSession(
  config: AppConfig,
  sandboxSession?: (config: AppConfig) => Promise<CeligoSession>,
): Promise<CeligoSession> {
  switch (config.source) {
    case "composio":
      return composioSession(config);
    case "celigo":
      return celigoSession(config);
    case "sandbox":
      if (!sandboxSession) throw sandboxMissing();
      return sandboxSession(config);
  }
}

/**
 * The tools to offer the model: all of them, or those CELIGO_TOOLS lists. The router's
 * meta-tools always stay (without them a router session reaches nothing). A listed slug that the
 * server does not have is a configuration error naming the closest real ones; in router exposure
 * the Celigo tools hide behind the meta-tools, and Composio checks the list when the session is
 * created.
 */
export function selectTools<Tool>(
  session: SessionConnection,
  tools: readonly Tool[],
  nameOf: (tool: Tool) => string,
): Tool[] {
  const allowed = session.allowedTools;
  if (!allowed) return [...tools];
  const slugs = new Set(allowed.map((slug) => toolSlug(slug)));
  const offered = tools.filter((tool) => {
    const slug = toolSlug(nameOf(tool));
    return slugs.has(slug) || slug.startsWith("COMPOSIO_");
  });
  const available = tools.map((tool) => toolSlug(nameOf(tool)));
  const routerOnly = available.every((slug) => slug.startsWith("COMPOSIO_"));
  const missing = [...slugs].filter((slug) => !available.includes(slug));
  if (missing.length > 0 && !routerOnly) {
    throw new ConfigError(
      missing.map((slug) => ({
        variable: "CELIGO_TOOLS",
        message: `lists ${slug}, which this MCP server does not offer; closest: ${closestNames(slug, available).join(", ")}`,
      })),
    );
  }
  return offered;
}

/** The three names nearest to a misspelt one, by edit distance. */
function closestNames(name: string, names: readonly string[]): string[] {
  return [...names]
    .map((candidate) => ({ candidate, distance: distance(name, candidate) }))
    .sort((left, right) => left.distance - right.distance)
    .slice(0, 3)
    .map((entry) => entry.candidate);
}

async function composioSession(config: AppConfig): Promise<CeligoSession> {
  const session = await createToolRouterSession({
    apiKey: config.composio.apiKey ?? "",
    baseURL: config.composio.baseURL,
    userId: config.composio.userId,
    exposure: config.exposure,
    tools: config.tools,
    celigoAuthConfigId: config.composio.celigoAuthConfigId,
  });
  return {
    source: "composio",
    exposure: config.exposure,
    url: session.url,
    headers: session.headers,
    allowedTools: config.tools,
    now: () => new Date(),
    close: async () => {
      await session.delete().catch(() => undefined);
    },
  };
}

async function celigoSession(config: AppConfig): Promise<CeligoSession> {
  const url = config.celigo.mcpUrl ?? "";
  const headers = { Authorization: `Bearer ${config.celigo.apiToken ?? ""}` };
  await checkMcpServer(url, headers);
  return {
    source: "celigo",
    exposure: "direct",
    url,
    headers,
    allowedTools: config.tools,
    now: () => new Date(),
    close: async () => {},
  };
}

/**
 * Starts and ends an MCP session at CELIGO_MCP_URL before any framework does, so a wrong URL or
 * token fails with one sentence that names the variable to change, not with each framework's
 * own transport error.
 */
async function checkMcpServer(url: string, headers: Record<string, string>): Promise<void> {
  const initialize = {
    jsonrpc: "2.0",
    id: 0,
    method: "initialize",
    params: {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: "celigo-agents", version: "1.0.0" },
    },
  };
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: {
        ...headers,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify(initialize),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause?.code ?? errorText(error);
    throw new UpstreamError(
      `No MCP server could be reached at CELIGO_MCP_URL=${url} (${String(cause)}). Check the URL (\`pnpm celigo mcp-servers list\` shows your servers' URLs) and that this machine can reach it.`,
      { code: "session_failed", cause: error },
    );
  }
  await response.body?.cancel();
  if (response.status === 401 || response.status === 403) {
    throw new ConfigError([
      {
        variable: "CELIGO_API_TOKEN",
        message: `was refused by the MCP server at ${url} (HTTP ${response.status}); use an integrator.io API token (Resources > API tokens) whose scope includes this server`,
      },
    ]);
  }
  if (response.status === 404) {
    throw new ConfigError([
      {
        variable: "CELIGO_MCP_URL",
        message: `no MCP server answers at ${url} (HTTP 404); check the server's relativeURI with \`pnpm celigo mcp-servers list\``,
      },
    ]);
  }
  if (!response.ok) {
    throw new UpstreamError(
      `The MCP server at CELIGO_MCP_URL=${url} answered HTTP ${response.status} to a new session. Try again later, or check that the server is enabled.`,
      { code: "session_failed", status: response.status },
    );
  }
  // The check's own session is not needed any more.
  const sessionId = response.headers.get("mcp-session-id");
  if (sessionId) {
    await fetch(url, { method: "DELETE", headers: { ...headers, "mcp-session-id": sessionId } })
      .then((ended) => ended.body?.cancel())
      .catch(() => undefined);
  }
}

/** The `error.message` of a JSON error body the SDK quotes in its message, else the message. */
function upstreamMessage(error: unknown): string {
  const text = errorText(error);
  try {
    const body = JSON.parse(text.slice(text.indexOf("{"))) as { error?: { message?: unknown } };
    return typeof body.error?.message === "string" ? body.error.message : text;
  } catch {
    return text;
  }
}

function sandboxMissing(): CeligoAgentsError {
  return new CeligoAgentsError(
    "sandbox_unavailable",
    "user",
    "No Celigo source is configured: CELIGO_SOURCE=sandbox (the default when no key is set) needs the local sandbox, which this project does not include. Set COMPOSIO_API_KEY for Composio's Tool Router with the celigo toolkit, or CELIGO_MCP_URL and CELIGO_API_TOKEN for a Celigo MCP server; to try it without an account, start `pnpm sandbox` in the celigo-agents repository and set COMPOSIO_BASE_URL and COMPOSIO_API_KEY to what it prints.",
  );
}
