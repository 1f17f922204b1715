/** Shared pieces of the MCP-server validation: problem collection and safe reads of the body. */
import type { ErrorEnvelope } from "../api/api-error.ts";

export type Fields = Record<string, unknown>;
export type Problem = ErrorEnvelope["errors"][number];
export type Fail = (code: string, field: string, message: string) => void;

/** The object items of an array field, with their field paths; anything else is a problem. */
export function entries(value: unknown, field: string, fail: Fail): [string, Fields][] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    fail("invalid_field", field, `${field} must be an array.`);
    return [];
  }
  return value.flatMap((item, index): [string, Fields][] => {
    if (typeof item === "object" && item !== null && !Array.isArray(item))
      return [[`${field}.${index}`, item as Fields]];
    fail("invalid_field", `${field}.${index}`, `${field}.${index} must be an object.`);
    return [];
  });
}

export function pick(source: Fields, keys: readonly string[]): Fields {
  return Object.fromEntries(
    keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]),
  );
}
