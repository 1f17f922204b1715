/**
 * A one-tool MCP server (`echo`, read-only) on the official SDK over streamable HTTP, stateful
 * (an `mcp-session-id` per client), for the cost profile's per-tool-call measurement: the tool
 * does no work, so what a call costs is the MCP round trip and the framework around it. Stateful
 * because some clients re-list tools on every turn against stateless servers
 * (/work/shared/reference/frameworks.md, "Measured overhead").
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

export interface EchoMcpServer {
  url: string;
  close(): Promise<void>;
}

export async function startEchoMcpServer(): Promise<EchoMcpServer> {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const open = new Set<StreamableHTTPServerTransport>();
  const server = createServer((request, response) => {
    const sessionId = request.headers["mcp-session-id"];
    const known = typeof sessionId === "string" ? transports.get(sessionId) : undefined;
    let connected: Promise<StreamableHTTPServerTransport>;
    if (known) connected = Promise.resolve(known);
    else {
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          transports.set(id, created);
        },
      });
      created.onclose = () => {
        if (created.sessionId) transports.delete(created.sessionId);
        open.delete(created);
      };
      open.add(created);
      const mcp = new McpServer({ name: "echo", version: "1.0.0" });
      mcp.registerTool(
        "echo",
        {
          description: "Returns the text it is given.",
          inputSchema: { text: z.string().describe("any text") },
          annotations: { readOnlyHint: true },
        },
        async ({ text }) => ({ content: [{ type: "text", text }] }),
      );
      connected = mcp.connect(created).then(() => created);
    }
    connected
      .then((transport) => transport.handleRequest(request, response))
      .catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: async () => {
      await Promise.allSettled([...open].map((transport) => transport.close()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
