import { randomUUID } from "node:crypto";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import type { ToolProvider } from "./tool-provider.ts";

interface McpSession {
  server: Server;
  transport: WebStandardStreamableHTTPServerTransport;
}

export interface StatefulMcpEndpointOptions {
  /** `serverInfo.name` sent in `initialize`. */
  name: string;
  version?: string;
  /** Most concurrent MCP sessions; the oldest is closed to make room. */
  maxSessions?: number;
}

function jsonRpcError(status: number, code: number, message: string): Response {
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }), {
    status,
    headers: { "content-type": "application/json" },
  });
}

/**
 * One streamable-HTTP MCP endpoint with stateful sessions (`mcp-session-id`): OpenAI Agents only
 * caches the tool list when the server hands out a session id. Each MCP session gets its own
 * SDK `Server` and transport; both go away on DELETE, on eviction and on `close()`.
 */
export class StatefulMcpEndpoint {
  readonly #provider: ToolProvider;
  readonly #options: StatefulMcpEndpointOptions;
  readonly #sessions = new Map<string, McpSession>();
  #closed = false;

  constructor(provider: ToolProvider, options: StatefulMcpEndpointOptions) {
    this.#provider = provider;
    this.#options = options;
  }

  get sessionCount(): number {
    return this.#sessions.size;
  }

  async handle(request: Request): Promise<Response> {
    if (this.#closed) return jsonRpcError(404, -32001, "This MCP endpoint is closed.");
    const sessionId = request.headers.get("mcp-session-id");
    if (sessionId !== null) {
      const session = this.#sessions.get(sessionId);
      if (session === undefined) {
        return jsonRpcError(
          404,
          -32001,
          "Session not found: it was closed or never existed. Initialize a new MCP session.",
        );
      }
      return session.transport.handleRequest(request);
    }
    if (request.method !== "POST") {
      return jsonRpcError(
        400,
        -32000,
        "Bad Request: send the mcp-session-id header from initialize, or POST an initialize request.",
      );
    }
    const session = this.#createSession();
    const response = await session.transport.handleRequest(request);
    // Anything but a successful initialize leaves no session behind.
    if (session.transport.sessionId === undefined) await this.#dispose(session);
    return response;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.all(sessions.map((session) => this.#dispose(session)));
  }

  #createSession(): McpSession {
    const server = new Server(
      { name: this.#options.name, version: this.#options.version ?? "1.0.0" },
      { capabilities: { tools: { listChanged: false } } },
    );
    server.setRequestHandler(ListToolsRequestSchema, () => ({
      tools: this.#provider.listTools().map((tool) => ({ ...tool })),
    }));
    server.setRequestHandler(
      CallToolRequestSchema,
      async (request) =>
        (await this.#provider.callTool(
          request.params.name,
          request.params.arguments ?? {},
        )) as CallToolResult,
    );
    const session: McpSession = {
      server,
      transport: new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        enableJsonResponse: true,
        onsessioninitialized: (id) => {
          this.#sessions.set(id, session);
          this.#evictOldest();
        },
        onsessionclosed: (id) => {
          this.#sessions.delete(id);
          void server.close();
        },
      }),
    };
    void server.connect(session.transport);
    return session;
  }

  #evictOldest(): void {
    const limit = this.#options.maxSessions ?? 1000;
    while (this.#sessions.size > limit) {
      const [oldestId, oldest] = this.#sessions.entries().next().value ?? [];
      if (oldestId === undefined || oldest === undefined) return;
      this.#sessions.delete(oldestId);
      void this.#dispose(oldest);
    }
  }

  async #dispose(session: McpSession): Promise<void> {
    await session.server.close().catch(() => undefined);
    await session.transport.close().catch(() => undefined);
  }
}
