import type { Hono } from "hono";
import { z } from "zod";
import type { Account } from "../../store/account.ts";
import type { ApiEnv } from "../api-env.ts";
import { ApiError } from "../api-error.ts";
import { listResponse } from "../list-response.ts";
import { readJsonBody, validate } from "../request-body.ts";
import { findOrThrow } from "../resource-routes.ts";
import { createDocument, deleteDocument, replaceDocument } from "../resource-writes.ts";

const accessLevel = z.enum(["administrator", "manage", "monitor"]);
const integrationAccess = z.array(
  z.object({ _integrationId: z.string(), accessLevel: z.enum(["manage", "monitor"]) }),
);
const inviteSchema = z
  .object({
    email: z.email("must be an email address"),
    name: z.string().optional(),
    accessLevel: accessLevel.optional(),
    integrationAccessLevel: integrationAccess.optional(),
  })
  .refine(
    (invite) =>
      invite.accessLevel !== undefined || (invite.integrationAccessLevel?.length ?? 0) > 0,
    {
      message: "give either accessLevel (account-wide) or integrationAccessLevel (per integration)",
      path: ["accessLevel"],
    },
  );
const updateSchema = z.object({
  accessLevel: accessLevel.optional(),
  integrationAccessLevel: integrationAccess.optional(),
});

const ashares = { label: "user", store: (account: Account) => account.data.documents.ashares };

function checkIntegrations(
  account: Account,
  levels: { _integrationId: string }[] | undefined,
): void {
  for (const [index, level] of (levels ?? []).entries()) {
    if (!account.data.documents.integrations.has(level._integrationId)) {
      throw new ApiError(
        422,
        "invalid_ref",
        `Integration ${level._integrationId} does not exist.`,
        `integrationAccessLevel.${index}._integrationId`,
      );
    }
  }
}

/** Users are account shares ("ashares"); the owner is not among them. */
export function registerUserRoutes(api: Hono<ApiEnv>): void {
  api.get("/ashares", (c) =>
    listResponse(c, [...ashares.store(c.get("account")).values()], {
      summaryFields: ["accessLevel", "integrationAccessLevel", "accepted", "sharedWithUser"],
    }),
  );
  api.get("/ashares/:id", (c) => c.json(findOrThrow(ashares, c.get("account"), c.req.param("id"))));
  api.put("/ashares/:id", async (c) => {
    const account = c.get("account");
    const existing = findOrThrow(ashares, account, c.req.param("id"));
    const body = validate(updateSchema, await readJsonBody(c));
    checkIntegrations(account, body.integrationAccessLevel);
    const next: Record<string, unknown> = { ...existing, ...body };
    if (body.integrationAccessLevel !== undefined && body.accessLevel === undefined)
      delete next.accessLevel;
    replaceDocument(account, "ashares", ashares.store(account), existing, next);
    return c.body(null, 204);
  });
  api.delete("/ashares/:id", (c) => {
    const account = c.get("account");
    const existing = findOrThrow(ashares, account, c.req.param("id"));
    deleteDocument(account, "ashares", ashares.store(account), existing._id);
    return c.body(null, 204);
  });
  // One invite object, or an array of them to invite several users at once (a sandbox convenience).
  api.post("/invite", async (c) => {
    const account = c.get("account");
    const body = await readJsonBody(c);
    const invites = Array.isArray(body)
      ? body.map((item) => validate(inviteSchema, item))
      : [validate(inviteSchema, body)];
    const existingEmails = new Set([
      account.owner.email,
      ...[...ashares.store(account).values()].map(
        (share) => (share.sharedWithUser as { email?: string }).email,
      ),
    ]);
    for (const invite of invites) {
      checkIntegrations(account, invite.integrationAccessLevel);
      if (existingEmails.has(invite.email))
        throw new ApiError(
          422,
          "duplicate_user",
          `${invite.email} already has access to this account; update their share instead.`,
          "email",
        );
    }
    const created = invites.map((invite) =>
      createDocument(account, "ashares", ashares.store(account), {
        ...(invite.accessLevel === undefined ? {} : { accessLevel: invite.accessLevel }),
        integrationAccessLevel: invite.integrationAccessLevel ?? [],
        accepted: false,
        sharedWithUser: {
          _id: account.newId(),
          email: invite.email,
          name: invite.name ?? invite.email.split("@")[0],
        },
      }),
    );
    return c.json(Array.isArray(body) ? created : created[0], 201);
  });
}
