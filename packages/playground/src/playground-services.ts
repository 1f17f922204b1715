/**
 * What every column shares, built from the same configuration as `pnpm chat`: the model, and
 * where sessions come from. With the sandbox source and no SANDBOX_URL, one sandbox runs in
 * process and each column gets its own fresh account on it (same scenario, same clock), through
 * core's own session code, as with a sandbox started by `pnpm sandbox`. With real services
 * every column opens its own session on the one real account.
 */
import type { AppConfig, CeligoSession, ResolvedModel } from "@celigo-agents/core";
import { createCeligoSession, localServices, resolveModel } from "@celigo-agents/core/internal";
import { type RunningSandbox, startSandbox } from "@celigo-agents/sandbox";
import type { PlaygroundInfo } from "./column-view.ts";

export interface ColumnSession {
  session: CeligoSession;
  /** The account's settled state snapshot; absent for real services. */
  state?: () => Promise<unknown>;
  close(): Promise<void>;
}

export interface PlaygroundServices {
  model: ResolvedModel;
  info: Omit<PlaygroundInfo, "runners">;
  openSession(): Promise<ColumnSession>;
  close(): Promise<void>;
}

export async function openPlaygroundServices(config: AppConfig): Promise<PlaygroundServices> {
  // One "now" for every account, so the columns' clocks agree (core pins it the same way).
  const now = config.sandbox.now ?? new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
  const embedded = config.source === "sandbox" && !config.sandbox.url;
  const model = await resolveModel(config, localServices.offlineModel);
  let sandbox: RunningSandbox | undefined;
  try {
    if (embedded) sandbox = await startSandbox({ port: 0, scenario: config.sandbox.scenario, now });
  } catch (error) {
    await model.close();
    throw error;
  }
  const sessionConfig: AppConfig = {
    ...config,
    sandbox: {
      ...config.sandbox,
      now,
      ...(sandbox ? { url: sandbox.baseUrl, adminToken: sandbox.adminToken } : {}),
    },
  };
  return {
    // runnerOptionsFor copies the fields a runner needs; closing stays with these services.
    model,
    info: {
      source: sandbox ? "sandbox (in process)" : config.source,
      exposure: config.exposure,
      model: model.provider === "offline" ? "offline" : config.model,
      offlineModel: model.provider === "offline",
      sharedAccount: config.source !== "sandbox",
      changesAvailable: config.source === "sandbox",
      ...(config.source === "sandbox" ? { scenario: config.sandbox.scenario, now } : {}),
    },
    openSession: async () => {
      const session = await createCeligoSession(sessionConfig, localServices.sandboxSession);
      const account = session.sandbox;
      if (!account) return { session, close: () => session.close() };
      return {
        session,
        // In process the snapshot is read directly, without a 2 MB JSON round trip.
        state: async () =>
          sandbox
            ? sandbox.accountState(account.accountId, { settle: true })
            : account.state({ settle: true }),
        close: async () => {
          await session.close();
          sandbox?.deleteAccount(account.accountId);
        },
      };
    },
    close: async () => {
      await Promise.allSettled([model.close(), sandbox?.close()]);
    },
  };
}
