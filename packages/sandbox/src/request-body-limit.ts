import type { MiddlewareHandler } from "hono";
import { errorEnvelope } from "./api/api-error.ts";

export interface RequestBodyLimitOptions {
  /** Largest accepted request body, in bytes. */
  maximumBytes: number;
  /**
   * Most bytes of an oversized body read and thrown away before the 413, so the connection stays
   * usable for the client's next request; a larger body gets `Connection: close` instead.
   */
  drainBytes: number;
}

/**
 * Answers a body over the limit with a 413 envelope without breaking keep-alive: the rest of the
 * body is read off the connection first (up to `drainBytes`), so the next request on the same
 * connection starts where the parser expects it. Answering before the body is read leaves the
 * connection in an unknown state, and the client's next request fails with "other side closed".
 * Beyond `drainBytes` the 413 says `Connection: close`, which tells the client not to reuse it.
 */
export function requestBodyLimit(options: RequestBodyLimitOptions): MiddlewareHandler {
  const { maximumBytes, drainBytes } = options;
  const tooLarge = (drained: boolean) =>
    Response.json(
      errorEnvelope(
        "payload_too_large",
        `The request body is larger than ${maximumBytes} bytes. Send a smaller body.`,
      ),
      { status: 413, headers: drained ? {} : { connection: "close" } },
    );
  return async (c, next) => {
    const body = c.req.raw.body;
    if (body === null) return next();
    const declared = c.req.raw.headers.has("transfer-encoding")
      ? undefined
      : Number(c.req.header("content-length") ?? Number.NaN);
    if (declared !== undefined && Number.isFinite(declared)) {
      if (declared <= maximumBytes) return next();
      if (declared > drainBytes) return tooLarge(false);
    }
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received <= maximumBytes) {
        chunks.push(value);
        continue;
      }
      chunks.length = 0;
      if (received > drainBytes) {
        await reader.cancel().catch(() => undefined);
        return tooLarge(false);
      }
    }
    if (received > maximumBytes) return tooLarge(true);
    // A body without a declared length that fits: hand the bytes read to the route.
    c.req.raw = new Request(c.req.raw, { body: concatenate(chunks, received) });
    return next();
  };
}

function concatenate(chunks: readonly Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
