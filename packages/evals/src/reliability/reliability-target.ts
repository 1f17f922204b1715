/**
 * What the reliability rows run against: a freshly started sandbox and offline model, in
 * process, on loopback ports; helpers for raw HTTP and MCP clients. Everything started here is
 * closed by `close()`.
 */
import { Agent, request as httpRequest } from "node:http";
import type { Socket } from "node:net";
import {
  type OfflineModel,
  type OfflineModelOptions,
  startOfflineModel,
} from "@celigo-agents/offline-model";
import { type RunningSandbox, startSandbox } from "@celigo-agents/sandbox";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The connection the answer came on, to see whether the next request reuses it. */
  socket: Socket;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  agent?: Agent;
}

export interface ReliabilityTarget {
  sandbox: RunningSandbox;
  /** The offline model with no fault. */
  model: OfflineModel;
  /** Lines the sandbox logged (unexpected errors), for rows that check what is logged. */
  sandboxLog: readonly string[];
  /** Another offline model (with faults, say), closed with the target. */
  startModel(options: OfflineModelOptions): Promise<OfflineModel>;
  /** The official MCP client on a new Tool Router session of the default account. */
  connectMcp(exposure: "direct" | "router"): Promise<Client>;
  /** The default account's Celigo bearer header. */
  celigoHeaders(): Record<string, string>;
  /**
   * One HTTP request with node:http, which (unlike fetch) lets a row send any Host header and see
   * the socket; pass a keep-alive agent to reuse a connection.
   */
  raw(url: string, request?: RawRequest): Promise<RawAnswer>;
  close(): Promise<void>;
}

export async function startReliabilityTarget(): Promise<ReliabilityTarget> {
  const sandboxLog: string[] = [];
  const sandbox = await startSandbox({
    scenario: "acme-retail",
    now: "2026-11-21T15:06:00.000Z",
    rateLimit: false,
    log: (line) => sandboxLog.push(line),
  });
  const models: OfflineModel[] = [await startOfflineModel()];
  const clients: Client[] = [];
  return {
    sandbox,
    model: models[0] as OfflineModel,
    sandboxLog,
    startModel: async (options) => {
      const model = await startOfflineModel(options);
      models.push(model);
      return model;
    },
    connectMcp: async (exposure) => {
      const { mcpUrlPath } = sandbox.toolRouter.createSession(sandbox.defaultAccount.accountId, {
        exposure,
      });
      const client = new Client({ name: "reliability", version: "1.0.0" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${sandbox.baseUrl}${mcpUrlPath}`), {
          requestInit: { headers: { "x-api-key": sandbox.defaultAccount.composioApiKey } },
        }),
      );
      clients.push(client);
      return client;
    },
    celigoHeaders: () => ({
      authorization: `Bearer ${sandbox.defaultAccount.celigoToken}`,
      "content-type": "application/json",
    }),
    raw: (url, request = {}) =>
      new Promise((resolve, reject) => {
        const outgoing = httpRequest(url, {
          method: request.method ?? "GET",
          headers: {
            ...request.headers,
            ...(request.body === undefined
              ? {}
              : { "content-length": String(Buffer.byteLength(request.body)) }),
          },
          ...(request.agent ? { agent: request.agent } : {}),
        });
        outgoing.on("response", (response) => {
          let body = "";
          response.setEncoding("utf8").on("data", (chunk: string) => {
            body += chunk;
          });
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body,
              socket: response.socket,
            }),
          );
        });
        outgoing.on("error", reject);
        outgoing.end(request.body);
      }),
    close: async () => {
      await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
      await Promise.all(models.map((model) => model.close()));
      await sandbox.close();
    },
  };
}

/** A keep-alive agent with one socket: every request through it shares one connection. */
export function singleConnection(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 1 });
}
