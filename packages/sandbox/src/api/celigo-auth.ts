import type { MiddlewareHandler } from "hono";
import type { AccountRegistry } from "../account-registry.ts";
import { advanceAccount } from "../simulation/simulator.ts";
import type { ApiEnv } from "./api-env.ts";
import { errorEnvelope } from "./api-error.ts";
import type { RateLimiter } from "./rate-limiter.ts";

/**
 * Bearer authentication as integrator.io does it: 401 bodies are a bare `{message}`, not the
 * envelope. Then the per-account rate limit, then the account's simulation catches up with its clock.
 */
export function celigoAuth(
  registry: AccountRegistry,
  rateLimiter: RateLimiter | undefined,
): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization");
    if (header === undefined || header.trim() === "") {
      return c.json({ message: "Unauthorized" }, 401);
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const account = match?.[1] === undefined ? undefined : registry.runtimeByCeligoToken(match[1]);
    if (account === undefined) {
      return c.json({ message: "Bearer Authentication Failed" }, 401);
    }
    if (rateLimiter !== undefined && !rateLimiter.take(account.id)) {
      c.header("Retry-After", "2");
      return c.json(
        errorEnvelope("rate_limited", "Too many requests. Retry after 2 seconds."),
        429,
      );
    }
    advanceAccount(account);
    c.set("account", account);
    await next();
  };
}
