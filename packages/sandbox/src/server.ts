import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import type { AccountDirectory } from "./account-directory.ts";
import { AccountRegistry, type CreateAccountOptions, type LogLine } from "./account-registry.ts";
import { celigoRateLimit, RateLimiter, type RateLimitOptions } from "./api/rate-limiter.ts";
import { createSandboxApp } from "./app.ts";
import { createToolRouter, type ToolRouter } from "./composio/tool-router.ts";
import { mountNativeMcpServers } from "./mcp-servers/native-mcp-routes.ts";
import { SandboxInputError } from "./sandbox-input-error.ts";
import { AllowedHosts } from "./security.ts";
import { advanceAccount } from "./simulation/simulator.ts";
import { accountSnapshot } from "./state-snapshot.ts";

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1: the sandbox is for this machine only. */
  host?: string;
  /** Scenario of the default account; `acme-retail` unless told. */
  scenario?: string;
  /** The default account's "now"; the real current time unless told. */
  now?: Date | string;
  /** Per-account leaky bucket; integrator.io's numbers by default, `false` to turn it off. */
  rateLimit?: RateLimitOptions | false;
  /** Where unexpected errors (sandbox bugs) are logged, one line each; standard error by default. */
  log?: LogLine;
}

export interface SandboxAccountCredentials {
  accountId: string;
  celigoToken: string;
  composioApiKey: string;
}

export interface RunningSandbox {
  baseUrl: string;
  adminToken: string;
  defaultAccount: SandboxAccountCredentials;
  directory: AccountDirectory;
  app: Hono;
  /** The Composio Tool Router emulation: session API and MCP endpoints, on this origin. */
  toolRouter: ToolRouter;
  createAccount(options?: CreateAccountOptions): SandboxAccountCredentials;
  accountState(accountId: string, options?: { settle?: boolean }): unknown;
  deleteAccount(accountId: string): boolean;
  close(): Promise<void>;
}

/** Starts the sandbox: one HTTP server on loopback with a default account ready to use. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SandboxInputError(
      `port must be an integer from 0 to 65535 (0 picks a free port); got ${port}.`,
    );
  }
  const registry = new AccountRegistry({ log: options.log });
  const credentials = (account: { id: string; celigoToken: string; composioApiKey: string }) => ({
    accountId: account.id,
    celigoToken: account.celigoToken,
    composioApiKey: account.composioApiKey,
  });
  const defaultAccount = credentials(
    registry.create({ scenario: options.scenario, now: options.now }),
  );
  const adminToken = randomBytes(24).toString("base64url");
  const allowedHosts = new AllowedHosts();
  const rateLimiter =
    options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit ?? celigoRateLimit);
  const app = createSandboxApp({ registry, adminToken, allowedHosts, rateLimiter });
  mountNativeMcpServers(app, registry);
  // Hono freezes its routes at the first request, so everything is mounted before listening.
  const toolRouter = createToolRouter(registry);
  app.route("/", toolRouter.routes);

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(started));
    started.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const baseUrl = `http://${urlHost}:${address.port}`;
  allowedHosts.add(`${urlHost}:${address.port}`);
  registry.bindApi(async (request) => app.request(request), baseUrl);

  return {
    baseUrl,
    adminToken,
    defaultAccount,
    directory: registry,
    app,
    toolRouter,
    createAccount: (accountOptions) => credentials(registry.create(accountOptions)),
    accountState: (accountId, stateOptions) => {
      const account = registry.runtime(accountId);
      if (account === undefined)
        throw new SandboxInputError(`No sandbox account has id "${accountId}".`);
      advanceAccount(account);
      return accountSnapshot(account, stateOptions);
    },
    deleteAccount: (accountId) => {
      rateLimiter?.forget(accountId);
      return registry.delete(accountId);
    },
    close: async () => {
      await toolRouter.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
    },
  };
}
