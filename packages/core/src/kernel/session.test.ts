import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { startSandbox } from "@celigo-agents/sandbox";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, it } from "vitest";
import { localServices } from "../local-services.ts";
import { loadConfig } from "./config.ts";
import { ConfigError } from "./errors.ts";
import { type CeligoSession, createCeligoSession, selectTools } from "./session.ts";

const now = "2026-11-21T15:00:00.000Z";
const { sandboxSession } = localServices;

async function connect(session: CeligoSession) {
  const client = new Client({ name: "core-session-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(session.url), {
      requestInit: { headers: session.headers },
    }),
  );
  return client;
}

function payloadOf(result: Awaited<ReturnType<Client["callTool"]>>): unknown {
  const [first] = result.content as Array<{ type: string; text?: string }>;
  return JSON.parse(first?.text ?? "null");
}

describe("createCeligoSession, sandbox source", () => {
  it.each(["router", "direct"] as const)(
    "serves the celigo toolkit in %s exposure",
    async (exposure) => {
      const session = await createCeligoSession(
        loadConfig({ CELIGO_EXPOSURE: exposure, SANDBOX_NOW: now }),
        sandboxSession,
      );
      const client = await connect(session);
      try {
        expect(session).toMatchObject({ source: "sandbox", exposure });
        expect(session.now().toISOString() >= now).toBe(true);
        const { tools } = await client.listTools();
        const names = tools.map((tool) => tool.name);
        if (exposure === "router") {
          expect(names).toEqual(
            expect.arrayContaining(["COMPOSIO_SEARCH_TOOLS", "COMPOSIO_MULTI_EXECUTE_TOOL"]),
          );
          expect(names.some((name) => name.startsWith("CELIGO_"))).toBe(false);
        } else {
          expect(names.filter((name) => name.startsWith("CELIGO_"))).toHaveLength(117);
        }
        const result =
          exposure === "direct"
            ? await client.callTool({ name: "CELIGO_LIST_FLOWS", arguments: {} })
            : await client.callTool({
                name: "COMPOSIO_MULTI_EXECUTE_TOOL",
                arguments: {
                  tools: [{ tool_slug: "CELIGO_LIST_FLOWS", arguments: {} }],
                  sync_response_to_workbench: false,
                },
              });
        expect(result.isError).toBeFalsy();
        expect(JSON.stringify(payloadOf(result))).toContain("Shopify");
      } finally {
        await client.close();
        await session.close();
      }
    },
  );

  it("releases the sandbox on close", async () => {
    const session = await createCeligoSession(loadConfig({ SANDBOX_NOW: now }), sandboxSession);
    await session.close();
    await expect(
      fetch(session.url, { method: "POST", headers: session.headers }),
    ).rejects.toThrow();
  });

  it("limits direct tools to CELIGO_TOOLS", async () => {
    const session = await createCeligoSession(
      loadConfig({
        CELIGO_EXPOSURE: "direct",
        CELIGO_TOOLS: "CELIGO_LIST_FLOWS,CELIGO_LIST_JOBS",
        SANDBOX_NOW: now,
      }),
      sandboxSession,
    );
    const client = await connect(session);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual([
        "CELIGO_LIST_FLOWS",
        "CELIGO_LIST_JOBS",
      ]);
    } finally {
      await client.close();
      await session.close();
    }
  });
});

describe("createCeligoSession, composio source", () => {
  it("creates a Tool Router session through COMPOSIO_BASE_URL", async () => {
    const sandbox = await startSandbox({ port: 0, now });
    try {
      const session = await createCeligoSession(
        loadConfig({
          COMPOSIO_API_KEY: sandbox.defaultAccount.composioApiKey,
          COMPOSIO_BASE_URL: sandbox.baseUrl,
          CELIGO_EXPOSURE: "direct",
        }),
      );
      const client = await connect(session);
      try {
        expect(session.source).toBe("composio");
        expect(new URL(session.url).origin).toBe(new URL(sandbox.baseUrl).origin);
        const result = await client.callTool({ name: "CELIGO_LIST_INTEGRATIONS", arguments: {} });
        expect(result.isError).toBeFalsy();
      } finally {
        await client.close();
        await session.close();
      }
    } finally {
      await sandbox.close();
    }
  });

  it("names CELIGO_TOOLS and the closest real slugs for a misspelt one", async () => {
    const sandbox = await startSandbox({ port: 0, now });
    try {
      const attempt = createCeligoSession(
        loadConfig({
          COMPOSIO_API_KEY: sandbox.defaultAccount.composioApiKey,
          COMPOSIO_BASE_URL: sandbox.baseUrl,
          CELIGO_TOOLS: "CELIGO_LIST_FLOW",
        }),
      );
      await expect(attempt).rejects.toThrow(
        /CELIGO_TOOLS: was refused by the Tool Router .*CELIGO_LIST_FLOW \(closest: CELIGO_LIST_FLOWS/,
      );
      await expect(attempt).rejects.not.toThrow(/COMPOSIO_API_KEY|\{"error"/);
    } finally {
      await sandbox.close();
    }
  });

  it("reports a wrong key as a session failure naming the variables to check", async () => {
    const sandbox = await startSandbox({ port: 0, now });
    try {
      const attempt = createCeligoSession(
        loadConfig({ COMPOSIO_API_KEY: "wrong-key", COMPOSIO_BASE_URL: sandbox.baseUrl }),
      );
      await expect(attempt).rejects.toMatchObject({ code: "session_failed" });
      await expect(attempt).rejects.toThrow(/COMPOSIO_API_KEY/);
      await expect(attempt).rejects.not.toThrow(/wrong-key/);
    } finally {
      await sandbox.close();
    }
  });
});

describe("createCeligoSession, celigo source", () => {
  /** A native MCP server on a sandbox account, created through /v1/mcpservers. */
  async function nativeServer(sandbox: Awaited<ReturnType<typeof startSandbox>>) {
    const { celigoToken } = sandbox.defaultAccount;
    const api = (path: string, init: RequestInit = {}) =>
      fetch(new URL(path, sandbox.baseUrl), {
        ...init,
        headers: { authorization: `Bearer ${celigoToken}`, "content-type": "application/json" },
      });
    const tools = (await (await api("/v1/tools")).json()) as Array<{ _id: string; name: string }>;
    const tool = tools.find((candidate) => candidate.name === "Get failed jobs");
    const created = await api("/v1/mcpservers", {
      method: "POST",
      body: JSON.stringify({
        name: "Session check",
        relativeURI: "/session-check",
        disabled: false,
        tools: [{ _toolId: tool?._id, name: "get_failed_jobs", disabled: false }],
      }),
    });
    expect(created.status).toBe(201);
    return { url: new URL("/mcp/session-check", sandbox.baseUrl).href, token: celigoToken };
  }

  it("checks the server answers, then uses its URL with the API token as a bearer", async () => {
    const sandbox = await startSandbox({ port: 0, now });
    try {
      const server = await nativeServer(sandbox);
      const session = await createCeligoSession(
        loadConfig({ CELIGO_MCP_URL: server.url, CELIGO_API_TOKEN: server.token }),
      );
      expect(session).toMatchObject({
        source: "celigo",
        url: server.url,
        headers: { Authorization: `Bearer ${server.token}` },
      });
      await session.close();

      const wrongToken = createCeligoSession(
        loadConfig({ CELIGO_MCP_URL: server.url, CELIGO_API_TOKEN: "not-a-token" }),
      );
      await expect(wrongToken).rejects.toThrow(/CELIGO_API_TOKEN: was refused .*HTTP 401/);
      await expect(wrongToken).rejects.not.toThrow(/not-a-token/);

      const wrongPath = createCeligoSession(
        loadConfig({
          CELIGO_MCP_URL: new URL("/mcp/no-such-server", sandbox.baseUrl).href,
          CELIGO_API_TOKEN: server.token,
        }),
      );
      await expect(wrongPath).rejects.toThrow(
        /CELIGO_MCP_URL: no MCP server answers at .*HTTP 404/,
      );
      await expect(wrongPath).rejects.not.toThrow(/sse/i);
    } finally {
      await sandbox.close();
    }
  });

  it("names CELIGO_MCP_URL when nothing listens there", async () => {
    const closed = await new Promise<string>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(`http://127.0.0.1:${port}/mcp/ops`));
      });
    });
    const attempt = createCeligoSession(
      loadConfig({ CELIGO_MCP_URL: closed, CELIGO_API_TOKEN: "token-1" }),
    );
    await expect(attempt).rejects.toThrow(
      `No MCP server could be reached at CELIGO_MCP_URL=${closed} (ECONNREFUSED)`,
    );
  });
});

describe("selectTools", () => {
  const session = (allowedTools?: string[]) => ({
    url: "http://127.0.0.1:1/mcp",
    headers: {},
    allowedTools,
  });
  const names = (tools: string[]) => tools;
  const direct = [
    "celigo_CELIGO_LIST_FLOWS",
    "celigo_CELIGO_DELETE_FLOW",
    "celigo_CELIGO_LIST_JOBS",
  ];

  it("offers everything without an allow-list", () => {
    expect(selectTools(session(), direct, String)).toEqual(direct);
  });

  it("matches slugs through framework prefixes and keeps the router's meta-tools", () => {
    expect(selectTools(session(["CELIGO_LIST_FLOWS"]), direct, String)).toEqual([
      "celigo_CELIGO_LIST_FLOWS",
    ]);
    const router = ["COMPOSIO_SEARCH_TOOLS", "COMPOSIO_MULTI_EXECUTE_TOOL"];
    expect(selectTools(session(["CELIGO_LIST_FLOWS"]), router, String)).toEqual(names(router));
  });

  it("names CELIGO_TOOLS and the closest real slugs for one the server lacks", () => {
    const attempt = () => selectTools(session(["CELIGO_LIST_FLOW"]), direct, String);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /CELIGO_TOOLS: lists CELIGO_LIST_FLOW, .*closest: CELIGO_LIST_FLOWS, CELIGO_LIST_JOBS/,
    );
    expect(attempt).not.toThrow(/COMPOSIO/);
  });
});
