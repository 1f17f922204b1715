import type { Context, Hono } from "hono";
import type { Account } from "../../store/account.ts";
import { recordAudit } from "../../store/audit-log.ts";
import type { ApiEnv } from "../api-env.ts";
import { ApiError } from "../api-error.ts";
import { readJsonBody } from "../request-body.ts";
import { resourceOf } from "./scoped-resources.ts";

/**
 * State keys: `GET` lists `{keys}` (204 when there are none, as every empty list), `PUT` answers
 * plain text `Created` or `OK` (state.md of https://github.com/celigo/integrator-api-docs).
 */
function stateRoutes(
  api: Hono<ApiEnv>,
  prefix: string,
  storeOf: (c: Context<ApiEnv>, create: boolean) => Map<string, unknown> | undefined,
  auditTarget: (c: Context<ApiEnv>) => { collection: string; resourceId: string },
) {
  api.get(prefix, (c) => {
    const keys = [...(storeOf(c, false)?.keys() ?? [])];
    return keys.length === 0 ? c.body(null, 204) : c.json({ keys });
  });
  api.delete(prefix, (c) => {
    const store = storeOf(c, false);
    const keys = [...(store?.keys() ?? [])];
    store?.clear();
    audit(
      c,
      auditTarget(c),
      "delete",
      keys.map((key) => ({ fieldPath: `state.${key}` })),
    );
    return c.body(null, 204);
  });
  api.get(`${prefix}/:key`, (c) => {
    const key = c.req.param("key");
    const store = storeOf(c, false);
    if (store === undefined || !store.has(key))
      throw new ApiError(
        404,
        "not_found",
        `No state key "${key}" exists here. List the keys with GET ${new URL(c.req.url).pathname.replace(/\/[^/]*$/, "")}.`,
      );
    return c.json(store.get(key));
  });
  api.put(`${prefix}/:key`, async (c) => {
    const key = c.req.param("key");
    const value = await readJsonBody(c);
    if (value === undefined)
      throw new ApiError(422, "missing_required_field", "Send the state value as a JSON body.");
    const store = storeOf(c, true);
    if (store === undefined) throw new ApiError(500, "internal_error", "State store unavailable.");
    const existed = store.has(key);
    const oldValue = store.get(key);
    store.set(key, value);
    audit(c, auditTarget(c), existed ? "update" : "create", [
      { fieldPath: `state.${key}`, oldValue, newValue: value },
    ]);
    return c.text(existed ? "OK" : "Created", existed ? 200 : 201);
  });
  api.delete(`${prefix}/:key`, (c) => {
    const key = c.req.param("key");
    const store = storeOf(c, false);
    if (store === undefined || !store.delete(key))
      throw new ApiError(404, "not_found", `No state key "${key}" exists here.`);
    audit(c, auditTarget(c), "delete", [{ fieldPath: `state.${key}` }]);
    return c.body(null, 204);
  });
}

function audit(
  c: Context<ApiEnv>,
  target: { collection: string; resourceId: string },
  event: "create" | "update" | "delete",
  fieldChanges: { fieldPath: string; oldValue?: unknown; newValue?: unknown }[],
): void {
  const account = c.get("account");
  recordAudit(account, { ...target, event, atMs: account.clock.now(), fieldChanges });
}

function resourceStateStore(
  account: Account,
  resourceType: string,
  id: string,
  create: boolean,
): Map<string, unknown> | undefined {
  const key = `${resourceType}/${id}`;
  let store = account.data.resourceState.get(key);
  if (store === undefined && create) {
    store = new Map();
    account.data.resourceState.set(key, store);
  }
  return store;
}

export function registerStateRoutes(api: Hono<ApiEnv>): void {
  stateRoutes(
    api,
    "/state",
    (c) => c.get("account").data.globalState,
    () => ({ collection: "state", resourceId: "global" }),
  );
  stateRoutes(
    api,
    "/:resourceType/:id/state",
    (c, create) => {
      const { resourceType, id } = c.req.param() as { resourceType: string; id: string };
      resourceOf(c.get("account"), resourceType, id);
      return resourceStateStore(c.get("account"), resourceType, id, create);
    },
    (c) => ({ collection: c.req.param("resourceType") ?? "", resourceId: c.req.param("id") ?? "" }),
  );
}
