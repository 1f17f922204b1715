import { createHash, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { z } from "zod";
import type { AccountRegistry } from "./account-registry.ts";
import { ApiError } from "./api/api-error.ts";
import type { RateLimiter } from "./api/rate-limiter.ts";
import { readValidBody } from "./api/request-body.ts";
import { SandboxInputError } from "./sandbox-input-error.ts";
import { advanceAccount } from "./simulation/simulator.ts";
import { accountSnapshot } from "./state-snapshot.ts";

const digest = (text: string) => createHash("sha256").update(text).digest();

/** `/sandbox/...`: account lifecycle, grader snapshots and the clock, behind the admin token. */
export function createAdminRoutes(
  registry: AccountRegistry,
  adminToken: string,
  rateLimiter: RateLimiter | undefined,
): Hono {
  const admin = new Hono();
  const expected = digest(adminToken);
  admin.use("*", async (c, next) => {
    const header = c.req.header("authorization");
    if (header === undefined) return c.json({ message: "Unauthorized" }, 401);
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? "";
    if (!timingSafeEqual(digest(token), expected))
      return c.json({ message: "Bearer Authentication Failed" }, 401);
    await next();
  });
  const accountOf = (id: string) => {
    const account = registry.runtime(id);
    if (account === undefined)
      throw new ApiError(404, "not_found", `No sandbox account has id ${id}.`);
    return account;
  };

  admin.post("/accounts", async (c) => {
    const body = await readValidBody(
      c,
      z.object({ scenario: z.string().optional(), now: z.string().optional() }).optional(),
    );
    try {
      const account = registry.create({ scenario: body?.scenario, now: body?.now });
      return c.json(
        {
          accountId: account.id,
          celigoToken: account.celigoToken,
          composioApiKey: account.composioApiKey,
        },
        201,
      );
    } catch (error) {
      if (error instanceof SandboxInputError)
        throw new ApiError(400, "invalid_field", error.message, error.field);
      throw error;
    }
  });
  admin.get("/accounts/:id/state", (c) => {
    const account = accountOf(c.req.param("id"));
    advanceAccount(account);
    return c.json(accountSnapshot(account, { settle: c.req.query("settle") === "true" }));
  });
  admin.delete("/accounts/:id", (c) => {
    const id = c.req.param("id");
    accountOf(id);
    registry.delete(id);
    rateLimiter?.forget(id);
    return c.body(null, 204);
  });
  admin.post("/accounts/:id/clock", async (c) => {
    const account = accountOf(c.req.param("id"));
    const body = await readValidBody(
      c,
      z.object({ advanceMs: z.number().int().nonnegative("advanceMs must be 0 or more") }),
    );
    account.clock.advance(body.advanceMs);
    advanceAccount(account);
    return c.json({ now: account.clock.nowIso() });
  });
  return admin;
}
