import type { Hono } from "hono";
import { z } from "zod";
import { recordAudit } from "../../store/audit-log.ts";
import type { ApiEnv } from "../api-env.ts";
import { readValidBody } from "../request-body.ts";
import { namedResource, registerResourceRoutes } from "../resource-routes.ts";

/** The token in use and the account's licenses. */
export function registerAccountInfoRoutes(api: Hono<ApiEnv>): void {
  api.get("/tokenInfo", (c) => c.json({ _userId: c.get("account").owner._id, scope: "*" }));
  // The write forms of /tokenInfo are not documented: PUT updates the token's description,
  // DELETE revokes the token in use (later calls answer 401 "Bearer Authentication Failed").
  api.put("/tokenInfo", async (c) => {
    const account = c.get("account");
    const body = await readValidBody(c, z.object({ description: z.string().max(500) }));
    recordAudit(account, {
      collection: "accesstokens",
      resourceId: account.id,
      event: "update",
      atMs: account.clock.now(),
      fieldChanges: [{ fieldPath: "description", newValue: body.description }],
    });
    return c.json({ _userId: account.owner._id, scope: "*", description: body.description });
  });
  api.delete("/tokenInfo", (c) => {
    const account = c.get("account");
    account.tokenRevoked = true;
    recordAudit(account, {
      collection: "accesstokens",
      resourceId: account.id,
      event: "delete",
      atMs: account.clock.now(),
    });
    return c.body(null, 204);
  });
  registerResourceRoutes(api, {
    path: "/licenses",
    collection: "licenses",
    label: "license",
    store: (account) => account.data.documents.licenses,
    schema: namedResource,
    readOnly: true,
    listOptions: { summaryFields: ["type", "expires"] },
  });
}
