/**
 * Reads a test environment's sandbox account through its integrator.io REST API (`/v1`), the
 * way a Celigo user would, so app tests compute what they expect from the account's own data
 * instead of hard-coding it.
 */
import type { TestEnvironment } from "./test-environment.ts";

export interface SandboxRestClient {
  /** GETs a `/v1` path, following `Link: rel="next"` pages; a 204 (empty list) gives `[]`. */
  get<T>(path: string, query?: Record<string, string>): Promise<T>;
}

export function createSandboxRestClient(environment: TestEnvironment): SandboxRestClient {
  const sandbox = environment.session.sandbox;
  if (!sandbox) throw new Error("The test environment has no sandbox account to read.");
  const headers = { authorization: `Bearer ${sandbox.celigoToken}` };
  const origin = new URL(sandbox.baseUrl).origin;

  return {
    async get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
      let url: URL | undefined = new URL(`/v1${path}`, sandbox.baseUrl);
      for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
      const pages: unknown[] = [];
      while (url) {
        const response = await fetch(url, { headers });
        if (response.status === 204) break;
        if (!response.ok) {
          throw new Error(
            `GET ${url.pathname}${url.search} answered HTTP ${response.status}: ${await response.text()}`,
          );
        }
        pages.push(await response.json());
        url = nextPage(response.headers.get("link"), origin);
      }
      if (pages.length === 0) return [] as T;
      // Lists come back as arrays; anything else is a single object on a single page.
      return (pages.every(Array.isArray) ? pages.flat() : pages[0]) as T;
    },
  };
}

function nextPage(link: string | null, origin: string): URL | undefined {
  const match = link?.match(/<([^>]+)>\s*;\s*rel="?next"?/);
  if (!match?.[1]) return undefined;
  const url = new URL(match[1], origin);
  // Never send the token to another origin.
  return url.origin === origin ? url : undefined;
}
