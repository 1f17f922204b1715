/**
 * Serves each enabled MCP server of an account at `/mcp/<relativeURI>` (streamable HTTP,
 * stateless: one SDK server per request), authenticated with the account's API token like
 * Celigo's (or one of its extra tokens: a custom-scope one reaches only the servers it lists).
 * Unauthorized requests get 401 with `WWW-Authenticate` naming the RFC 9728
 * protected-resource metadata, served under `/.well-known/oauth-protected-resource`.
 * Host/Origin checks (DNS rebinding) come from the app's guard, which runs first.
 */
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { Context, Hono } from "hono";
import type { AccountRegistry } from "../account-registry.ts";
import { errorEnvelope } from "../api/api-error.ts";
import { findAccessToken, tokenReaches } from "./access-tokens.ts";
import { mcpServerCollections } from "./mcp-server-collections.ts";
import { createNativeMcpServer } from "./native-mcp-server.ts";

const metadataPath = "/.well-known/oauth-protected-resource";
const relativeUriPattern = /^[A-Za-z0-9_-]+$/;

export function mountNativeMcpServers(app: Hono, registry: AccountRegistry): void {
  app.get(metadataPath, (c) => c.json(protectedResourceMetadata(c, "")));
  app.get(`${metadataPath}/mcp/:relativeUri`, (c) => {
    const segment = c.req.param("relativeUri");
    if (!relativeUriPattern.test(segment))
      return c.json(errorEnvelope("not_found", "No such MCP server path."), 404);
    return c.json(protectedResourceMetadata(c, `/${segment}`));
  });

  app.all("/mcp/:relativeUri", async (c) => {
    const segment = c.req.param("relativeUri");
    const header = c.req.header("authorization");
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
    const owner = token === undefined ? undefined : registry.runtimeByCeligoToken(token);
    const extra =
      token === undefined || owner !== undefined ? undefined : findAccessToken(registry, token);
    const account = owner ?? extra?.account;
    if (account === undefined) {
      c.header(
        "WWW-Authenticate",
        `Bearer resource_metadata="${origin(c)}${metadataPath}/mcp/${segment}"`,
      );
      return c.json(
        { message: header === undefined ? "Unauthorized" : "Bearer Authentication Failed" },
        401,
      );
    }
    const collections = mcpServerCollections(account);
    // Another account's server is as unknown as one that does not exist: nothing leaks across.
    const server = [...collections.mcpservers.values()].find(
      (candidate) => candidate.relativeURI === `/${segment}` && candidate.deletedAt === undefined,
    );
    if (server === undefined) {
      return c.json(
        errorEnvelope(
          "not_found",
          `No MCP server with relativeURI /${segment} exists in this account.`,
        ),
        404,
      );
    }
    if (extra !== undefined && !tokenReaches(extra.document, server._id)) {
      c.header("WWW-Authenticate", 'Bearer error="insufficient_scope"');
      return c.json(
        errorEnvelope(
          "forbidden",
          `This token's custom scope does not include MCP server /${segment}; add the server to the token or use another token.`,
        ),
        403,
      );
    }
    if (server.disabled !== false) {
      return c.json(
        errorEnvelope(
          "mcp_server_disabled",
          `MCP server /${segment} is disabled. Enable it (disabled: false) to use it.`,
        ),
        403,
      );
    }
    const mcp = createNativeMcpServer({
      server,
      collections,
      callApi: (request) => registry.callApi(account.id, request),
      now: () => new Date(account.clock.now()),
      reportUnexpectedError: (error, where) => registry.reportUnexpectedError(error, where),
    });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await mcp.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      await mcp.close();
    }
  });
}

/** RFC 9728: the resource is the MCP server's URL; the sandbox signs clients in with API tokens only. */
function protectedResourceMetadata(c: Context, relativeUri: string): Record<string, unknown> {
  return {
    resource: `${origin(c)}/mcp${relativeUri}`,
    bearer_methods_supported: ["header"],
    scopes_supported: ["mcp:read", "mcp:write"],
    resource_name: "Celigo MCP server (sandbox)",
    resource_documentation: "https://docs.celigo.com",
  };
}

function origin(c: Context): string {
  return new URL(c.req.url).origin;
}
