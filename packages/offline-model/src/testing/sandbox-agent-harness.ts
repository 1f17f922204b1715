import {
  type QueryValue,
  type RunningSandbox,
  type SandboxAccountCredentials,
  startSandbox,
} from "@celigo-agents/sandbox";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import OpenAI from "openai";
import { type OfflineModel, startOfflineModel } from "../start-offline-model.ts";
import { type AgentLoopRun, runAgentLoop } from "./mcp-agent-loop.ts";

/** The eval's scenario clock: mid-afternoon UTC, so "today" already has runs. */
export const scenarioNow = "2026-11-21T15:06:00.000Z";

export type Exposure = "direct" | "router";
export type Api = "chat-completions" | "responses";

/** Another model for one loop (e.g. one making mistakes), and the API key to send it. */
export interface ModelChoice {
  model: OfflineModel;
  apiKey: string;
}

/** One sandbox account seen three ways: its REST API, its state snapshot, and an agent. */
export interface HarnessAccount {
  credentials: SandboxAccountCredentials;
  /** GET /v1/<path> as the account; the parsed body (an empty list for 204). */
  rest<T = unknown>(path: string, query?: Record<string, QueryValue>): Promise<T>;
  state(): unknown;
  /** Runs the agent loop on the account, offered the Tool Router session's tools. */
  ask(
    exposure: Exposure,
    requests: readonly string[],
    api?: Api,
    via?: ModelChoice,
  ): Promise<AgentLoopRun>;
  /** Runs the agent loop offered the tools of any MCP endpoint (e.g. a native server). */
  askAt(
    url: string,
    headers: Record<string, string>,
    requests: readonly string[],
    api?: Api,
  ): Promise<AgentLoopRun>;
}

export interface SandboxAgentHarness {
  sandbox: RunningSandbox;
  model: OfflineModel;
  /** The sandbox's default account (acme-retail), for read-only tests. */
  account: HarnessAccount;
  /** A new acme-retail account at the same clock, for tests that change state. */
  freshAccount(): HarnessAccount;
  close(): Promise<void>;
}

export const systemPrompt = `You operate the Celigo integrator.io account with the tools offered.\n\nCurrent time: ${scenarioNow} (all times are UTC).`;

/** One sandbox and one offline model, with the official MCP and OpenAI clients between them. */
export async function startSandboxAgentHarness(): Promise<SandboxAgentHarness> {
  const sandbox = await startSandbox({ now: scenarioNow, rateLimit: false });
  const model = await startOfflineModel();
  const openai = new OpenAI({ baseURL: model.baseURL, apiKey: "offline", maxRetries: 0 });
  const clients: Client[] = [];

  const runAt = async (
    url: string,
    headers: Record<string, string>,
    requests: readonly string[],
    api: Api,
    via?: ModelChoice,
  ) => {
    const mcp = new Client({ name: "offline-model-policy-test", version: "1.0.0" });
    await mcp.connect(
      new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }),
    );
    clients.push(mcp);
    try {
      return await runAgentLoop({
        openai: via
          ? new OpenAI({ baseURL: via.model.baseURL, apiKey: via.apiKey, maxRetries: 0 })
          : openai,
        model: model.modelId,
        mcp,
        system: systemPrompt,
        requests,
        api,
      });
    } finally {
      await mcp.close();
      clients.splice(clients.indexOf(mcp), 1);
    }
  };

  const accountOf = (credentials: SandboxAccountCredentials): HarnessAccount => ({
    credentials,
    rest: async <T>(path: string, query?: Record<string, QueryValue>) => {
      const response = await sandbox.directory.callApi(credentials.accountId, {
        method: "GET",
        path,
        ...(query ? { query } : {}),
      });
      if (response.status === 204) return [] as T;
      if (response.status >= 300) {
        throw new Error(
          `GET ${path} answered ${response.status}: ${JSON.stringify(response.body)}`,
        );
      }
      return response.body as T;
    },
    state: () => sandbox.accountState(credentials.accountId),
    ask: (exposure, requests, api = "chat-completions", via) => {
      const { mcpUrlPath } = sandbox.toolRouter.createSession(credentials.accountId, { exposure });
      return runAt(
        `${sandbox.baseUrl}${mcpUrlPath}`,
        { "x-api-key": credentials.composioApiKey },
        requests,
        api,
        via,
      );
    },
    askAt: (url, headers, requests, api = "chat-completions") => runAt(url, headers, requests, api),
  });

  return {
    sandbox,
    model,
    account: accountOf(sandbox.defaultAccount),
    freshAccount: () => accountOf(sandbox.createAccount({ now: scenarioNow })),
    close: async () => {
      await Promise.all(clients.map((client) => client.close()));
      await model.close();
      await sandbox.close();
    },
  };
}
