/**
 * The two local services of this repository, plugged into the kernel: the sandbox source
 * (`CELIGO_SOURCE=sandbox`, in process or a running `pnpm sandbox` at SANDBOX_URL) and the
 * offline model (`MODEL=offline[:profile]`). Both packages are loaded lazily, so the kernel, and
 * a starter exported from it, runs without them.
 */
import type { LocalServices } from "./kernel/agent-context.ts";
import type { AppConfig } from "./kernel/config.ts";
import { CeligoAgentsError, errorText, UpstreamError } from "./kernel/errors.ts";
import { type ModelHandle, modelMaxRetries } from "./kernel/model.ts";
import { type CeligoSession, createToolRouterSession } from "./kernel/session.ts";

export const localServices: LocalServices = {
  sandboxSession,
  offlineModel,
};

async function offlineModel(config: AppConfig): Promise<ModelHandle> {
  const offlineModule = await import("@celigo-agents/offline-model").catch((error: unknown) => {
    throw new CeligoAgentsError(
      "model_unavailable",
      "user",
      `MODEL=${config.model} needs the @celigo-agents/offline-model package, which could not be loaded (${errorText(error)}). Install it, or set OPENAI_API_KEY (and MODEL=openai/<model>) to use a real model.`,
      { cause: error },
    );
  });
  const mistakes = config.model.split(":")[1];
  const server = await offlineModule.startOfflineModel({
    port: 0,
    ...(mistakes ? { mistakes } : {}),
  });
  return {
    provider: "offline",
    modelId: server.modelId,
    baseURL: server.baseURL,
    apiKey: "offline",
    api: config.openai.api ?? "chat",
    timeoutMs: config.modelTimeoutMs,
    maxRetries: modelMaxRetries,
    close: () => server.close(),
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
      allowedTools: config.tools,
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
