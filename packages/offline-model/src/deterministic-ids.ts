import { createHash } from "node:crypto";

/** A stable hex digest of any JSON-able value: the root of every id and every fault decision. */
export function digest(...parts: unknown[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(typeof part === "string" ? part : JSON.stringify(part));
  return hash.digest("hex");
}

/** An id in OpenAI's style (`chatcmpl-…`, `resp_…`, `call_…`) derived from the request. */
export function deterministicId(prefix: string, ...parts: unknown[]): string {
  return `${prefix}${digest(...parts).slice(0, 24)}`;
}

/** A number in [0, 1) drawn from the request's digest: the seeded PRNG behind fault injection. */
export function deterministicUniform(...parts: unknown[]): number {
  return Number.parseInt(digest(...parts).slice(0, 12), 16) / 2 ** 48;
}
