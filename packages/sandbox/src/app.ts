import { Hono } from "hono";
import type { AccountRegistry } from "./account-registry.ts";
import { createAdminRoutes } from "./admin-routes.ts";
import type { ApiEnv } from "./api/api-env.ts";
import { ApiError, errorEnvelope } from "./api/api-error.ts";
import { celigoAuth } from "./api/celigo-auth.ts";
import type { RateLimiter } from "./api/rate-limiter.ts";
import { routeRegistrations } from "./api/routes/index.ts";
import { requestBodyLimit } from "./request-body-limit.ts";
import { type AllowedHosts, hostAndOriginGuard } from "./security.ts";

export interface SandboxAppOptions {
  registry: AccountRegistry;
  adminToken: string;
  allowedHosts: AllowedHosts;
  rateLimiter: RateLimiter | undefined;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes?: number;
}

/** The one Hono app behind the HTTP server and `callApi`: security, /v1, /sandbox admin routes. */
export function createSandboxApp(options: SandboxAppOptions): Hono {
  const app = new Hono();
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  app.use("*", hostAndOriginGuard(options.allowedHosts));
  app.use("*", requestBodyLimit({ maximumBytes: maxBodyBytes, drainBytes: 16 * maxBodyBytes }));

  const api = new Hono<ApiEnv>();
  api.use("*", celigoAuth(options.registry, options.rateLimiter));
  for (const register of routeRegistrations) register(api);
  app.route("/v1", api);
  app.route(
    "/sandbox",
    createAdminRoutes(options.registry, options.adminToken, options.rateLimiter),
  );

  app.notFound((c) =>
    c.json(
      errorEnvelope(
        "not_found",
        `No route ${c.req.method} ${new URL(c.req.url).pathname}. Check the path and method.`,
      ),
      404,
    ),
  );
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.toEnvelope(), error.status);
    options.registry.reportUnexpectedError(error, `${c.req.method} ${new URL(c.req.url).pathname}`);
    // Never a stack trace in a response: it goes to the sandbox's log.
    return c.json(
      errorEnvelope("internal_error", "The sandbox failed to handle this request."),
      500,
    );
  });
  return app;
}
