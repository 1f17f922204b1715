/**
 * A loopback HTTP proxy that forwards every request to a target and keeps each JSON request body.
 * Put in front of the model, it shows what an app really offered the model (the `tools` of each
 * completion request), which no `RunResult` field can tell. It can also fail the next requests
 * the way real model servers do (a 429 with Retry-After, a 500, no answer at all), so each app's
 * timeout and retry settings are tested against the framework's real HTTP client.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

export interface RecordedRequest {
  method: string;
  path: string;
  /** The parsed JSON body; undefined when the body was empty or not JSON. */
  body: unknown;
}

/** How the proxy answers a request instead of forwarding it. */
export type ProxyFault =
  /** 429 with `Retry-After: 1` and an OpenAI-shaped error body. */
  | "http-429"
  /** 500 with an OpenAI-shaped error body. */
  | "http-500"
  /** Reads the request and never answers, until the client gives up. */
  | "hang";

export interface RecordingProxy {
  /** The target's base URL with the proxy's origin, e.g. `http://127.0.0.1:PORT/v1`. */
  baseURL: string;
  readonly requests: readonly RecordedRequest[];
  /** Answers the next `times` requests (all of them when omitted) with `fault`. */
  failNext(fault: ProxyFault, times?: number): void;
  close(): Promise<void>;
}

/** Hop-by-hop headers, and those `fetch` rewrites (it decompresses and re-frames bodies). */
const droppedHeaders = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "host",
]);

export async function startRecordingProxy(targetBaseURL: string): Promise<RecordingProxy> {
  const target = new URL(targetBaseURL);
  const requests: RecordedRequest[] = [];
  const faults: ProxyFault[] = [];
  let alwaysFail: ProxyFault | undefined;

  const forward = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await buffer(request);
    const path = request.url ?? "/";
    requests.push({ method: request.method ?? "GET", path, body: parseJson(body) });
    const fault = faults.shift() ?? alwaysFail;
    if (fault === "hang") return;
    if (fault) {
      const status = fault === "http-429" ? 429 : 500;
      response.writeHead(status, {
        "content-type": "application/json",
        ...(status === 429 ? { "retry-after": "1" } : {}),
      });
      const message = status === 429 ? "Rate limit reached; retry after 1 s." : "Internal error.";
      response.end(JSON.stringify({ error: { message, type: fault, code: null, param: null } }));
      return;
    }
    const upstream = await fetch(new URL(path, target.origin), {
      method: request.method,
      headers: forwardedHeaders(request.headers),
      body: body.length > 0 ? body : undefined,
    });
    response.writeHead(upstream.status, Object.fromEntries(forwardedEntries(upstream.headers)));
    if (upstream.body === null) {
      response.end();
      return;
    }
    Readable.fromWeb(upstream.body as NodeReadableStream).pipe(response);
  };

  const server = createServer((request, response) => {
    forward(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" });
      response.end(`The recording proxy could not reach ${target.origin}: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}${target.pathname.replace(/\/+$/, "")}`,
    requests,
    failNext: (fault, times) => {
      if (times === undefined) alwaysFail = fault;
      else faults.push(...Array.from({ length: times }, () => fault));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

function forwardedHeaders(headers: IncomingMessage["headers"]): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || droppedHeaders.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) result.append(name, item);
  }
  return result;
}

function forwardedEntries(headers: Headers): [string, string][] {
  return [...headers.entries()].filter(([name]) => !droppedHeaders.has(name));
}

/**
 * The function names offered in chat-completion (`tools[].function.name`) and Responses
 * (`tools[].name`) requests, in the order of the latest request that offered any.
 */
export function offeredToolNames(requests: readonly RecordedRequest[]): string[] {
  for (const request of [...requests].reverse()) {
    const tools = (request.body as { tools?: unknown } | undefined)?.tools;
    if (!Array.isArray(tools) || tools.length === 0) continue;
    return tools.flatMap((tool: { name?: unknown; function?: { name?: unknown } }) => {
      const name = tool.function?.name ?? tool.name;
      return typeof name === "string" ? [name] : [];
    });
  }
  return [];
}
