/**
 * How integrator.io answers, read the same way for every call: bodies (204 and empty are
 * `undefined`), error envelopes (`errors[]`, or the bare `{message}` of a 401) and `Retry-After`.
 */
import { z } from "zod";
import { type CeligoErrorItem, celigoErrorItemSchema } from "./mcp-server-schemas.ts";

export async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (response.status === 204 || text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function readErrors(response: Response): Promise<CeligoErrorItem[]> {
  const body = await readBody(response);
  const envelope = z.object({ errors: z.array(celigoErrorItemSchema) }).safeParse(body);
  if (envelope.success) return envelope.data.errors;
  const bare = z.object({ message: z.string() }).safeParse(body);
  if (bare.success) return [{ message: bare.data.message }];
  return typeof body === "string" && body !== "" ? [{ message: body.slice(0, 300) }] : [];
}

/** `Retry-After` in seconds or as an HTTP date; 1 s when absent or unreadable; capped. */
export function retryDelay(header: string | null, maxMs: number): number {
  let ms = 1000;
  if (header !== null && /^\d+(\.\d+)?$/.test(header.trim())) ms = Number(header) * 1000;
  else if (header !== null && !Number.isNaN(Date.parse(header)))
    ms = Date.parse(header) - Date.now();
  return Math.min(Math.max(ms, 0), maxMs);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
