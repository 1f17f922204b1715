import type { Hono } from "hono";
import { z } from "zod";
import {
  type AccessTokenDocument,
  accessTokens,
  indexToken,
  newTokenValue,
} from "../../mcp-servers/access-tokens.ts";
import { maskedSecret } from "../../mcp-servers/masked-secret.ts";
import { mcpServerCollections } from "../../mcp-servers/mcp-server-collections.ts";
import { validateMcpServer } from "../../mcp-servers/mcp-server-validation.ts";
import type { Account } from "../../store/account.ts";
import { recordAudit } from "../../store/audit-log.ts";
import type { StoredDocument } from "../../store/resource-types.ts";
import type { ApiEnv } from "../api-env.ts";
import { ApiError, notFound } from "../api-error.ts";
import { applyWhitelistedPatch } from "../json-patch.ts";
import { listResponse } from "../list-response.ts";
import { readJsonBody, readObjectBody, readValidBody } from "../request-body.ts";
import { registerResourceRoutes } from "../resource-routes.ts";
import { createDocument, fieldChanges } from "../resource-writes.ts";

/**
 * `/v1/mcpservers` (https://developer.celigo.com/api/api-reference/mcp-servers), the minimal
 * `/v1/tools` and `/v1/apis` its entries reference, and `/v1/accesstokens` for MCP clients (full
 * or custom scope). Deletes are soft: the server keeps its record with `deletedAt`, leaves lists,
 * frees its relativeURI and stops being served. `oauth.clientSecret` never leaves the sandbox
 * unmasked.
 */
export function registerMcpServerRoutes(api: Hono<ApiEnv>): void {
  const servers = (account: Account) => mcpServerCollections(account).mcpservers;
  const live = (account: Account, id: string) => {
    const server = servers(account).get(id);
    if (server === undefined || server.deletedAt !== undefined) throw notFound("MCP server", id);
    return server;
  };

  api.get("/mcpservers", (c) => {
    const account = c.get("account");
    const items = [...servers(account).values()].filter((server) => server.deletedAt === undefined);
    return listResponse(c, items.map(publicServer), { summaryFields: ["relativeURI"] });
  });
  api.post("/mcpservers", async (c) => {
    const account = c.get("account");
    const fields = validateMcpServer(account, await readObjectBody(c));
    return c.json(
      publicServer(createDocument(account, "mcpservers", servers(account), fields)),
      201,
    );
  });
  api.get("/mcpservers/:id", (c) => {
    const server = servers(c.get("account")).get(c.req.param("id"));
    if (server === undefined) throw notFound("MCP server", c.req.param("id"));
    return c.json(publicServer(server));
  });
  api.put("/mcpservers/:id", async (c) => {
    const account = c.get("account");
    const existing = live(account, c.req.param("id"));
    const fields = validateMcpServer(account, await readObjectBody(c), existing);
    return c.json(publicServer(replaceServer(account, existing, fields)));
  });
  api.patch("/mcpservers/:id", async (c) => {
    const account = c.get("account");
    const existing = live(account, c.req.param("id"));
    const body = await readJsonBody(c);
    if (Array.isArray(body) && body.some((operation) => operation?.op !== "replace")) {
      throw new ApiError(
        422,
        "invalid_patch",
        "Only the replace operation is supported on MCP servers.",
      );
    }
    const patched = applyWhitelistedPatch(existing, body, [/^\/(name|disabled)$/], "MCP servers");
    const fields = validateMcpServer(account, patched, existing);
    replaceServer(account, existing, fields);
    return c.body(null, 204);
  });
  api.delete("/mcpservers/:id", (c) => {
    const account = c.get("account");
    const existing = live(account, c.req.param("id"));
    const atMs = account.clock.now();
    const deletedAt = new Date(atMs).toISOString();
    servers(account).set(existing._id, { ...existing, deletedAt, lastModified: deletedAt });
    recordAudit(account, {
      collection: "mcpservers",
      resourceId: existing._id,
      event: "delete",
      atMs,
    });
    return c.body(null, 204);
  });
  // Nothing in an account refers to an MCP server: `{}`, also for unknown ids (the API reference
  // above says so for well-formed ids).
  api.get("/mcpservers/:id/dependencies", (c) => c.json({}));

  // Tokens for MCP clients (see access-tokens.ts); the value is shown once, on create.
  api.get("/accesstokens", (c) =>
    listResponse(
      c,
      [...accessTokens(c.get("account")).values()].filter((token) => !token.revoked).map(maskToken),
    ),
  );
  api.post("/accesstokens", async (c) => {
    const account = c.get("account");
    const body = await readValidBody(c, accessTokenSchema);
    for (const [index, id] of body._mcpServerIds.entries()) {
      const server = servers(account).get(id);
      if (server === undefined || server.deletedAt !== undefined) {
        throw new ApiError(
          422,
          "invalid_ref",
          `MCP server ${id} not found.`,
          `_mcpServerIds.${index}`,
        );
      }
    }
    if (body.scope === "custom" && body._mcpServerIds.length === 0) {
      throw new ApiError(
        422,
        "missing_required_field",
        "A custom-scope token needs at least one id in _mcpServerIds.",
        "_mcpServerIds",
      );
    }
    const document = createDocument(account, "accesstokens", accessTokens(account), {
      ...body,
      token: newTokenValue(),
    });
    indexToken(account, document);
    return c.json(document, 201);
  });
  api.delete("/accesstokens/:id", (c) => {
    const account = c.get("account");
    const token = accessTokens(account).get(c.req.param("id"));
    if (token === undefined || token.revoked) throw notFound("access token", c.req.param("id"));
    token.revoked = true;
    recordAudit(account, {
      collection: "accesstokens",
      resourceId: token._id,
      event: "delete",
      atMs: account.clock.now(),
    });
    return c.body(null, 204);
  });

  const usedBy = (account: Account, key: "tools" | "apis", idField: string, id: string) =>
    [...servers(account).values()].filter(
      (server) =>
        server.deletedAt === undefined &&
        (server[key] as Record<string, unknown>[]).some((entry) => entry[idField] === id),
    );
  registerResourceRoutes(api, {
    path: "/tools",
    collection: "tools",
    label: "tool",
    store: (account) => mcpServerCollections(account).tools,
    schema: z.looseObject({
      name: z.string().trim().min(1, "name is required"),
      input: z.looseObject({ schema: z.looseObject({}) }).optional(),
    }),
    patchWhitelist: [/^\/(name|description)$/],
    beforeDelete: (account, id) => refuseIfUsed(usedBy(account, "tools", "_toolId", id), "tool"),
  });
  registerResourceRoutes(api, {
    path: "/apis",
    collection: "apis",
    label: "API",
    store: (account) => mcpServerCollections(account).apis,
    schema: z.looseObject({
      name: z.string().trim().min(1, "name is required"),
      type: z.enum(["builder", "script"]).optional(),
    }),
    patchWhitelist: [/^\/(name|description)$/],
    beforeDelete: (account, id) => refuseIfUsed(usedBy(account, "apis", "_apiId", id), "API"),
  });
}

const accessTokenSchema = z.object({
  name: z.string().trim().min(1).max(300).default("MCP client token"),
  scope: z.enum(["full", "custom"]),
  _mcpServerIds: z.array(z.string()).default([]),
});

function maskToken(token: AccessTokenDocument): StoredDocument {
  return { ...token, token: maskedSecret };
}

function refuseIfUsed(servers: StoredDocument[], label: string): void {
  if (servers.length === 0) return;
  throw new ApiError(
    422,
    "resource_in_use",
    `This ${label} is used by MCP server ${servers.map((server) => server._id).join(", ")}; remove it from the server first.`,
  );
}

/** A PUT or PATCH, audited like every write but with the client secret masked in the entry too. */
function replaceServer(
  account: Account,
  existing: StoredDocument,
  fields: Record<string, unknown>,
): StoredDocument {
  const atMs = account.clock.now();
  const document: StoredDocument = {
    ...fields,
    _id: existing._id,
    createdAt: existing.createdAt,
    lastModified: new Date(atMs).toISOString(),
  };
  mcpServerCollections(account).mcpservers.set(document._id, document);
  const changes = fieldChanges(publicServer(existing), publicServer(document)).filter(
    (change) => change.fieldPath !== "lastModified",
  );
  const secret = (server: StoredDocument) =>
    (server.oauth as Record<string, unknown> | undefined)?.clientSecret;
  if (secret(existing) !== secret(document)) {
    changes.push({
      fieldPath: "oauth.clientSecret",
      oldValue: maskedSecret,
      newValue: maskedSecret,
    });
  }
  recordAudit(account, {
    collection: "mcpservers",
    resourceId: document._id,
    event: "update",
    atMs,
    fieldChanges: changes,
  });
  return document;
}

function publicServer(server: StoredDocument): StoredDocument {
  const oauth = server.oauth as Record<string, unknown> | undefined;
  if (oauth?.clientSecret === undefined || oauth.clientSecret === null) return server;
  return { ...server, oauth: { ...oauth, clientSecret: maskedSecret } };
}
