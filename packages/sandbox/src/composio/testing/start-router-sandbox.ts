import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type RunningSandbox, type SandboxOptions, startSandbox } from "../../server.ts";
import type { CreateSessionOptions, ToolRouter } from "../tool-router.ts";

export interface RouterSandbox {
  sandbox: RunningSandbox;
  router: ToolRouter;
  /** Opens a Tool Router session for the default account and connects the official MCP client. */
  connect(
    options: CreateSessionOptions,
  ): Promise<{ client: Client; url: string; sessionId: string }>;
  close(): Promise<void>;
}

/** A sandbox with its Tool Router, and official MCP clients connected to its sessions. */
export async function startRouterSandbox(options: SandboxOptions = {}): Promise<RouterSandbox> {
  const sandbox = await startSandbox({
    now: "2025-03-14T15:00:00.000Z",
    rateLimit: false,
    ...options,
  });
  const router = sandbox.toolRouter;
  const clients: Client[] = [];
  return {
    sandbox,
    router,
    connect: async (sessionOptions) => {
      const { sessionId, mcpUrlPath } = router.createSession(
        sandbox.defaultAccount.accountId,
        sessionOptions,
      );
      const url = `${sandbox.baseUrl}${mcpUrlPath}`;
      const client = new Client({ name: "sandbox-test", version: "1.0.0" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(url), {
          requestInit: { headers: { "x-api-key": sandbox.defaultAccount.composioApiKey } },
        }),
      );
      clients.push(client);
      return { client, url, sessionId };
    },
    close: async () => {
      await Promise.all(clients.map((client) => client.close()));
      await sandbox.close();
    },
  };
}
