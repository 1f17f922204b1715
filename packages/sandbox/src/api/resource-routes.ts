import type { Hono } from "hono";
import { z } from "zod";
import type { Account } from "../store/account.ts";
import type { StoredDocument } from "../store/resource-types.ts";
import type { ApiEnv } from "./api-env.ts";
import { ApiError, notFound } from "./api-error.ts";
import { applyWhitelistedPatch, type PatchWhitelist } from "./json-patch.ts";
import { type ListOptions, listResponse } from "./list-response.ts";
import { readJsonBody, readObjectBody, validate } from "./request-body.ts";
import { createDocument, deleteDocument, replaceDocument } from "./resource-writes.ts";

export interface ResourceRouteConfig {
  /** Route path under /v1, e.g. `/exports`. */
  path: string;
  /** Collection name, as audit entries and dependencies name it. */
  collection: string;
  /** Singular name for messages, e.g. `export`. */
  label: string;
  store: (account: Account) => Map<string, StoredDocument>;
  /** Validates a create or full-replace body. */
  schema: z.ZodType<Record<string, unknown>>;
  /** Extra checks (references to other resources); throws ApiError. */
  checkReferences?: (account: Account, body: Record<string, unknown>) => void;
  listOptions?: ListOptions;
  patchWhitelist?: PatchWhitelist;
  clone?: boolean;
  /** Refuses or cascades a delete; throws ApiError to refuse. */
  beforeDelete?: (account: Account, id: string) => void;
  readOnly?: boolean;
}

export const namedResource = z.looseObject({ name: z.string().trim().min(1, "name is required") });

export function findOrThrow(
  config: Pick<ResourceRouteConfig, "store" | "label">,
  account: Account,
  id: string,
): StoredDocument {
  const document = config.store(account).get(id);
  if (document === undefined) throw notFound(config.label, id);
  return document;
}

/** The CRUD routes every integrator.io resource shares: list, create, get, replace, patch, delete, clone. */
export function registerResourceRoutes(api: Hono<ApiEnv>, config: ResourceRouteConfig): void {
  const { path } = config;
  api.get(path, (c) =>
    listResponse(c, [...config.store(c.get("account")).values()], config.listOptions),
  );
  api.get(`${path}/:id`, (c) => c.json(findOrThrow(config, c.get("account"), c.req.param("id"))));
  if (config.readOnly === true) return;

  api.post(path, async (c) => {
    const account = c.get("account");
    const body = validate(config.schema, await readObjectBody(c));
    config.checkReferences?.(account, body);
    return c.json(createDocument(account, config.collection, config.store(account), body), 201);
  });
  api.put(`${path}/:id`, async (c) => {
    const account = c.get("account");
    const existing = findOrThrow(config, account, c.req.param("id"));
    const body = validate(config.schema, await readObjectBody(c));
    config.checkReferences?.(account, body);
    return c.json(
      replaceDocument(account, config.collection, config.store(account), existing, body),
    );
  });
  api.patch(`${path}/:id`, async (c) => {
    const account = c.get("account");
    const existing = findOrThrow(config, account, c.req.param("id"));
    if (config.patchWhitelist === undefined) {
      throw new ApiError(
        422,
        "invalid_patch",
        `PATCH is not supported on ${config.label}s; use PUT with the full ${config.label}.`,
      );
    }
    const patched = applyWhitelistedPatch(
      existing,
      await readJsonBody(c),
      config.patchWhitelist,
      `${config.label}s`,
    );
    validate(config.schema, patched);
    config.checkReferences?.(account, patched);
    replaceDocument(account, config.collection, config.store(account), existing, patched);
    return c.body(null, 204);
  });
  api.delete(`${path}/:id`, (c) => {
    const account = c.get("account");
    const id = c.req.param("id");
    findOrThrow(config, account, id);
    config.beforeDelete?.(account, id);
    deleteDocument(account, config.collection, config.store(account), id);
    return c.body(null, 204);
  });
  if (config.clone === true) {
    api.post(`${path}/:id/clone`, async (c) => {
      const account = c.get("account");
      const existing = findOrThrow(config, account, c.req.param("id"));
      const overrides = ((await readJsonBody(c)) ?? {}) as Record<string, unknown>;
      const name =
        typeof overrides.name === "string"
          ? overrides.name
          : `Clone - ${String(existing.name ?? "")}`;
      const copy = { ...structuredClone(existing), ...overrides, name };
      return c.json(createDocument(account, config.collection, config.store(account), copy), 201);
    });
  }
}
