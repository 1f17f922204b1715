import { randomBytes } from "node:crypto";
import { type Context, Hono } from "hono";
import type { AccountDirectory } from "../account-directory.ts";
import { StatefulMcpEndpoint } from "../mcp/stateful-mcp-endpoint.ts";
import { sessionToolProvider } from "./meta-tools.ts";
import {
  type Exposure,
  exposureOf,
  mcpPathOf,
  type RouterSession,
  type RouterSessionConfig,
} from "./router-session.ts";
import {
  type SessionRequest,
  SessionRequestError,
  sessionConfigOf,
  sessionRequestSchema,
} from "./session-request.ts";

export interface CreateSessionOptions {
  exposure: Exposure;
  /** Celigo slugs to allow; all when left out. */
  tools?: readonly string[];
  userId?: string;
}

export interface ToolRouter {
  /** Hono app the server mounts at "/": the session API and the sessions' MCP endpoints. */
  routes: Hono;
  /** A session without HTTP, e.g. for the CLI's ready-made URLs. */
  createSession(
    accountId: string,
    options: CreateSessionOptions,
  ): { sessionId: string; mcpUrlPath: string };
  close(): Promise<void>;
}

type StatusCode = 400 | 401 | 404 | 415;

/** Composio's error body: `{ error: { message, code, slug, status, request_id, suggested_fix } }`. */
function composioError(c: Context, status: StatusCode, slug: string, message: string, fix: string) {
  return c.json(
    {
      error: {
        message,
        code: status * 10,
        slug,
        status,
        request_id: randomBytes(8).toString("hex"),
        suggested_fix: fix,
      },
    },
    status,
  );
}

function describeSession(session: RouterSession, origin: string) {
  return {
    session_id: session.id,
    mcp: { type: "http", url: `${origin}${mcpPathOf(session.id)}` },
    tool_router_tools: [...session.config.metaTools],
    config: session.config.echo,
    config_version: 1,
    created_at: session.createdAt,
  };
}

/**
 * The Composio Tool Router emulation: `POST/GET/DELETE /api/v3.1/tool_router/session[/{id}]`
 * (header `x-api-key`) and each session's MCP endpoint on the same origin, so that
 * `@composio/core` with `baseURL` set to the sandbox builds `mcp.headers` and works unchanged.
 */
export function createToolRouter(directory: AccountDirectory): ToolRouter {
  const sessions = new Map<string, RouterSession>();

  function open(accountId: string, config: RouterSessionConfig): RouterSession {
    const id = `trs_${randomBytes(12).toString("base64url")}`;
    const base = { id, accountId, config };
    const session: RouterSession = {
      ...base,
      createdAt: new Date().toISOString(),
      endpoint: new StatefulMcpEndpoint(sessionToolProvider(directory, base), {
        name: `composio-tool-router-${exposureOf(config)}`,
      }),
    };
    sessions.set(id, session);
    return session;
  }

  async function remove(session: RouterSession): Promise<void> {
    sessions.delete(session.id);
    await session.endpoint.close();
  }

  const routes = new Hono();
  const accountOf = (c: Context) => {
    const key = c.req.header("x-api-key");
    return key === undefined || key === "" ? undefined : directory.findByComposioKey(key);
  };
  const unauthorized = (c: Context) =>
    composioError(
      c,
      401,
      "unauthorized",
      "Missing or invalid API key.",
      "Send the sandbox account's composioApiKey in the x-api-key header.",
    );
  const ownedSession = (c: Context, accountId: string) => {
    const session = sessions.get(c.req.param("id") ?? "");
    return session?.accountId === accountId ? session : undefined;
  };
  const sessionNotFound = (c: Context) =>
    composioError(
      c,
      404,
      "tool_router_session_not_found",
      `Tool Router session ${c.req.param("id")} was not found.`,
      "Create a session with POST /api/v3.1/tool_router/session.",
    );

  routes.post("/api/v3.1/tool_router/session", async (c) => {
    const account = accountOf(c);
    if (account === undefined) return unauthorized(c);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return composioError(
        c,
        400,
        "invalid_json",
        "The request body is not valid JSON.",
        'Send a JSON object such as {"user_id":"user-1","toolkits":{"enable":["celigo"]}}.',
      );
    }
    const parsed = sessionRequestSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join(".") || "body";
      return composioError(
        c,
        400,
        "validation_error",
        `Invalid field "${field}": ${issue?.message ?? "invalid value"}.`,
        `Fix "${field}" (https://docs.composio.dev/reference/api-reference/tool-router/postToolRouterSession lists the request fields).`,
      );
    }
    let config: RouterSessionConfig;
    try {
      config = sessionConfigOf(parsed.data as SessionRequest);
    } catch (error) {
      if (!(error instanceof SessionRequestError)) throw error;
      return composioError(c, 400, "validation_error", error.message, `Change ${error.field}.`);
    }
    const session = open(account.id, config);
    return c.json(describeSession(session, new URL(c.req.url).origin), 201);
  });

  routes.get("/api/v3.1/tool_router/session/:id", (c) => {
    const account = accountOf(c);
    if (account === undefined) return unauthorized(c);
    const session = ownedSession(c, account.id);
    if (session === undefined) return sessionNotFound(c);
    return c.json(describeSession(session, new URL(c.req.url).origin));
  });

  routes.delete("/api/v3.1/tool_router/session/:id", async (c) => {
    const account = accountOf(c);
    if (account === undefined) return unauthorized(c);
    const session = ownedSession(c, account.id);
    if (session === undefined) return sessionNotFound(c);
    await remove(session);
    return c.json({ session_id: session.id, deleted: true });
  });

  routes.all("/tool_router/:id/mcp", async (c) => {
    const account = accountOf(c);
    if (account === undefined) return unauthorized(c);
    const session = ownedSession(c, account.id);
    if (session === undefined) return sessionNotFound(c);
    return session.endpoint.handle(c.req.raw);
  });

  return {
    routes,
    createSession: (accountId, options) => {
      if (directory.get(accountId) === undefined) {
        throw new Error(`No sandbox account has id "${accountId}".`);
      }
      const config = sessionConfigOf({
        user_id: options.userId ?? accountId,
        ...(options.tools === undefined
          ? {}
          : { tools: { celigo: { enable: [...options.tools] } } }),
        ...(options.exposure === "direct"
          ? {
              preload: { tools: "all" as const },
              search: { enable: false },
              execute: { enable_multi_execute: false },
              manage_connections: { enable: false },
            }
          : {}),
      });
      const session = open(accountId, config);
      return { sessionId: session.id, mcpUrlPath: mcpPathOf(session.id) };
    },
    close: async () => {
      const all = [...sessions.values()];
      await Promise.all(all.map(remove));
    },
  };
}
