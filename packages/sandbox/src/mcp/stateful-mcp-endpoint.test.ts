import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterEach, describe, expect, it } from "vitest";
import { successResult } from "../toolkit/tool-result.ts";
import { StatefulMcpEndpoint } from "./stateful-mcp-endpoint.ts";
import type { ToolProvider } from "./tool-provider.ts";

const echo: ToolProvider = {
  listTools: () => [
    {
      name: "ECHO",
      description: "Answers its arguments.",
      inputSchema: { type: "object", properties: { text: { type: "string" } } },
    },
  ],
  callTool: async (_name, args) => successResult(args),
};

let endpoint: StatefulMcpEndpoint;
const url = new URL("http://127.0.0.1/mcp");

/** The official client, talking to the endpoint in process (no socket). */
async function connectClient() {
  const transport = new StreamableHTTPClientTransport(url, {
    fetch: (input, init) => endpoint.handle(new Request(input, init)),
  });
  const client = new Client({ name: "endpoint-test", version: "1.0.0" });
  await client.connect(transport);
  return { client, transport };
}

afterEach(async () => {
  await endpoint.close();
});

describe("StatefulMcpEndpoint", () => {
  it("hands out a session id and keeps one session per client until DELETE", async () => {
    endpoint = new StatefulMcpEndpoint(echo, { name: "test" });
    const first = await connectClient();
    const second = await connectClient();
    expect(first.transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.transport.sessionId).not.toBe(first.transport.sessionId);
    expect(endpoint.sessionCount).toBe(2);
    const result = await first.client.callTool({ name: "ECHO", arguments: { text: "hi" } });
    expect(result.structuredContent).toEqual({
      data: { text: "hi" },
      successful: true,
      error: null,
    });

    await first.transport.terminateSession();
    expect(endpoint.sessionCount).toBe(1);
    const stale = await endpoint.handle(
      new Request(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-session-id": first.transport.sessionId ?? "",
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      }),
    );
    expect(stale.status).toBe(404);
    await second.client.close();
  });

  it("keeps no session for a request that is not an initialize", async () => {
    endpoint = new StatefulMcpEndpoint(echo, { name: "test" });
    const answer = await endpoint.handle(
      new Request(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      }),
    );
    expect(answer.status).toBe(400);
    expect(endpoint.sessionCount).toBe(0);
  });

  it("evicts the oldest session past the limit and closes all on close()", async () => {
    endpoint = new StatefulMcpEndpoint(echo, { name: "test", maxSessions: 2 });
    const clients = [await connectClient(), await connectClient(), await connectClient()];
    expect(endpoint.sessionCount).toBe(2);
    await expect(clients[0]?.client.listTools()).rejects.toThrow();
    expect((await clients[2]?.client.listTools())?.tools).toHaveLength(1);
    await endpoint.close();
    expect(endpoint.sessionCount).toBe(0);
    await expect(clients[2]?.client.listTools()).rejects.toThrow();
  });
});
