/**
 * Creates the Celigo MCP session an agent talks to, from one of three sources:
 * - composio: a Composio Tool Router session with the `celigo` toolkit (through @composio/core);
 * - celigo:   a Celigo-native MCP server URL with the account's API token;
 * - sandbox:  the local emulator, reached through the very same Composio SDK code path.
 */
import { Composio, SessionPreset } from "@composio/core";
import type { AppConfig, CeligoSource, ToolExposure } from "./config.ts";
import { CeligoAgentsError, UpstreamError } from "./errors.ts";
import type { SessionConnection } from "./runner.ts";
import { toolSlug } from "./tool-policy.ts";

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

function isLoopback(url: string | undefined): boolean {
  if (!url) return false;
  return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
}

/** A Composio Tool Router session exposing the celigo toolkit over MCP. */
export async function createToolRouterSession(options: ToolRouterSessionOptions) {
  const composio = new Composio({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? null,
    // 0.19.0 is pinned on purpose (README): the SDK's upgrade notice would only mislead.
    disableVersionCheck: true,
    ...(options.offline || isLoopback(options.baseURL) ? { allowTracking: false } : {}),
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
    throw new UpstreamError(
      `Could not create a Composio Tool Router session at ${options.baseURL ?? "Composio's cloud"}: ${errorText(error)}. Check COMPOSIO_API_KEY and COMPOSIO_BASE_URL.`,
      { code: "session_failed", cause: error },
    );
  }
}

export async function createCeligoSession(config: AppConfig): Promise<CeligoSession> {
  switch (config.source) {
    case "composio":
      return composioSession(config);
    case "celigo":
      return celigoSession(config);
    case "sandbox":
      return sandboxSession(config);
  }
}

/** Offers a tool when no allow-list is set, or when its slug is on the list. */
export function createToolFilter(
  allowed: readonly string[] | undefined,
): (toolName: string) => boolean {
  if (!allowed) return () => true;
  const slugs = new Set(allowed.map((slug) => toolSlug(slug)));
  // The router's meta-tools stay: without them a router session can reach nothing.
  return (toolName) => slugs.has(toolSlug(toolName)) || toolSlug(toolName).startsWith("COMPOSIO_");
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
    toolFilter: createToolFilter(config.tools),
    now: () => new Date(),
    close: async () => {
      await session.delete().catch(() => undefined);
    },
  };
}

async function celigoSession(config: AppConfig): Promise<CeligoSession> {
  return {
    source: "celigo",
    exposure: "direct",
    url: config.celigo.mcpUrl ?? "",
    headers: { Authorization: `Bearer ${config.celigo.apiToken ?? ""}` },
    toolFilter: createToolFilter(config.tools),
    now: () => new Date(),
    close: async () => {},
  };
}

async function sandboxSession(config: AppConfig): Promise<CeligoSession> {
  const sandbox = await openSandbox(config);
  try {
    const account = await sandbox.createAccount();
    const session = await createToolRouterSession({
      apiKey: account.composioApiKey,
      baseURL: sandbox.baseUrl,
      userId: config.composio.userId,
      exposure: config.exposure,
      tools: config.tools,
      offline: true,
    });
    const startedAt = Date.now();
    const accountNow = account.now.getTime();
    return {
      source: "sandbox",
      exposure: config.exposure,
      url: session.url,
      headers: session.headers,
      toolFilter: createToolFilter(config.tools),
      // The sandbox clock starts at the scenario's "now" and runs at real speed.
      now: () => new Date(accountNow + (Date.now() - startedAt)),
      sandbox: {
        baseUrl: sandbox.baseUrl,
        accountId: account.accountId,
        celigoToken: account.celigoToken,
        composioApiKey: account.composioApiKey,
        state: (options) => sandbox.state(account.accountId, options),
      },
      close: async () => {
        await session.delete().catch(() => undefined);
        await sandbox.close();
      },
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}

interface OpenSandbox {
  baseUrl: string;
  createAccount(): Promise<{
    accountId: string;
    celigoToken: string;
    composioApiKey: string;
    now: Date;
  }>;
  state(accountId: string, options?: { settle?: boolean }): Promise<unknown>;
  close(): Promise<void>;
}

/** The embedded sandbox (loaded lazily, so production copies need not install it) or SANDBOX_URL. */
async function openSandbox(config: AppConfig): Promise<OpenSandbox> {
  const { scenario } = config.sandbox;
  // Pin "now" here so the agent's clock and the account's clock agree to the millisecond.
  const now = config.sandbox.now ?? new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
  if (config.sandbox.url) {
    return remoteSandbox(config.sandbox.url, config.sandbox.adminToken ?? "", scenario, now);
  }
  const sandboxModule = await import("@celigo-agents/sandbox").catch((error: unknown) => {
    throw new CeligoAgentsError(
      "sandbox_unavailable",
      "user",
      `CELIGO_SOURCE=sandbox needs the @celigo-agents/sandbox package, which could not be loaded (${errorText(error)}). Install it, or set COMPOSIO_API_KEY (Composio) or CELIGO_MCP_URL and CELIGO_API_TOKEN (a Celigo MCP server).`,
      { cause: error },
    );
  });
  const sandbox = await sandboxModule.startSandbox({ port: 0, scenario, now });
  return {
    baseUrl: sandbox.baseUrl,
    createAccount: async () => {
      const account = await sandbox.createAccount({ scenario, now });
      return { ...account, now: new Date(now) };
    },
    state: async (accountId, options) => sandbox.accountState(accountId, options),
    close: () => sandbox.close(),
  };
}

function remoteSandbox(
  baseUrl: string,
  adminToken: string,
  scenario: string,
  now: string,
): OpenSandbox {
  return {
    baseUrl,
    createAccount: async () => {
      const response = await fetch(new URL("/sandbox/accounts", baseUrl), {
        method: "POST",
        headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
        body: JSON.stringify({ scenario, now }),
      }).catch((error: unknown) => {
        throw new UpstreamError(
          `The sandbox at SANDBOX_URL=${baseUrl} did not answer (${errorText(error)}). Start it with \`pnpm sandbox\` or unset SANDBOX_URL to run one in process.`,
          { code: "sandbox_unavailable", cause: error },
        );
      });
      if (!response.ok) {
        throw new UpstreamError(
          `The sandbox at SANDBOX_URL=${baseUrl} refused to create an account (HTTP ${response.status}). Check SANDBOX_ADMIN_TOKEN against the admin token \`pnpm sandbox\` printed.`,
          { code: "sandbox_unavailable", status: response.status },
        );
      }
      const account = (await response.json()) as {
        accountId: string;
        celigoToken: string;
        composioApiKey: string;
      };
      return { ...account, now: new Date(now) };
    },
    state: async (accountId, options) => {
      const url = new URL(`/sandbox/accounts/${encodeURIComponent(accountId)}/state`, baseUrl);
      if (options?.settle) url.searchParams.set("settle", "true");
      const response = await fetch(url, { headers: { authorization: `Bearer ${adminToken}` } });
      if (!response.ok) {
        throw new UpstreamError(
          `The sandbox at ${baseUrl} did not return account ${accountId}'s state (HTTP ${response.status}).`,
          {
            code: "sandbox_unavailable",
            status: response.status,
          },
        );
      }
      return response.json();
    },
    close: async () => {},
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
