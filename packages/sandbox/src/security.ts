import type { MiddlewareHandler } from "hono";
import { errorEnvelope } from "./api/api-error.ts";

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The host:port pairs the server answers to, filled in once it listens. */
export class AllowedHosts {
  readonly #hosts = new Set<string>();

  add(hostWithPort: string): void {
    this.#hosts.add(hostWithPort.toLowerCase());
  }

  allows(hostHeader: string): boolean {
    const host = hostHeader.toLowerCase();
    if (this.#hosts.has(host)) return true;
    const hostname = host.startsWith("[")
      ? host.slice(0, host.indexOf("]") + 1)
      : (host.split(":")[0] ?? "");
    return loopbackHosts.has(hostname);
  }
}

/**
 * DNS-rebinding protection (MCP transport spec): a page on evil.example resolving to 127.0.0.1
 * still sends `Host: evil.example` and `Origin: http://evil.example`; both must be loopback or
 * the bound host:port. Requests without Origin (non-browser clients) only need a good Host.
 */
export function hostAndOriginGuard(
  allowed: AllowedHosts,
  /** Named in the refusal, e.g. "the playground". */
  service = "the sandbox",
): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header("host") ?? new URL(c.req.url).host;
    if (!allowed.allows(host)) {
      return c.json(
        errorEnvelope(
          "forbidden_host",
          `Host "${host}" is not allowed. Connect through 127.0.0.1 or localhost.`,
        ),
        403,
      );
    }
    const origin = c.req.header("origin");
    if (origin !== undefined && origin !== "null") {
      let originHost: string;
      try {
        originHost = new URL(origin).host;
      } catch {
        originHost = "";
      }
      if (!allowed.allows(originHost)) {
        return c.json(
          errorEnvelope(
            "forbidden_origin",
            `Origin "${origin}" is not allowed. Only pages served from loopback may call ${service}.`,
          ),
          403,
        );
      }
    } else if (origin === "null") {
      return c.json(errorEnvelope("forbidden_origin", 'Origin "null" is not allowed.'), 403);
    }
    await next();
  };
}
