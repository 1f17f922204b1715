import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AccountRegistry } from "./account-registry.ts";
import { createAdminRoutes } from "./admin-routes.ts";
import type { ApiEnv } from "./api/api-env.ts";
import { ApiError, errorEnvelope } from "./api/api-error.ts";
import { celigoAuth } from "./api/celigo-auth.ts";
import type { RateLimiter } from "./api/rate-limiter.ts";
import { routeRegistrations } from "./api/routes/index.ts";
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
  app.use(
    "*",
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        c.json(
          errorEnvelope(
            "payload_too_large",
            `The request body is larger than ${maxBodyBytes} bytes. Send a smaller body.`,
          ),
          413,
        ),
    }),
  );

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
    // Never a stack trace in a response.
    return c.json(
      errorEnvelope("internal_error", "The sandbox failed to handle this request."),
      500,
    );
  });
  return app;
}
