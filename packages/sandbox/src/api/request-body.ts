import type { Context } from "hono";
import type { z } from "zod";
import { ApiError } from "./api-error.ts";

/**
 * The longest string any write may hold, in characters, wherever it sits in the body: names,
 * descriptions, scripts and state values alike. The 1 MB body limit alone would let a 900 KB
 * flow name be saved, and every later list and tool answer would carry it.
 */
export const maximumStringCharacters = 100_000;

/**
 * Reads a JSON body; an empty body is `undefined`, malformed JSON a 400 envelope, a string (or
 * key) longer than `maximumStringCharacters` a 422 naming its field. Every /v1 write reads its
 * body here.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(
      400,
      "invalid_json",
      "The request body is not valid JSON. Send a JSON document with Content-Type: application/json.",
    );
  }
  const overlong = findOverlongString(body, []);
  if (overlong !== undefined) {
    const field = overlong.path.join(".");
    throw new ApiError(
      422,
      "invalid_field",
      `${field === "" ? "The body" : field} is ${overlong.length} characters long; strings are limited to ${maximumStringCharacters} characters. Send a shorter value.`,
      field === "" ? undefined : field,
    );
  }
  return body;
}

function findOverlongString(
  value: unknown,
  path: string[],
): { path: string[]; length: number } | undefined {
  if (typeof value === "string") {
    return value.length > maximumStringCharacters ? { path, length: value.length } : undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = [...path, key.length > 100 ? `${key.slice(0, 100)}…` : key];
    if (key.length > maximumStringCharacters) return { path: itemPath, length: key.length };
    const found = findOverlongString(item, itemPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Reads and validates a JSON body; the first problem becomes a 422 naming the field. */
export async function readValidBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
): Promise<z.infer<Schema>> {
  return validate(schema, await readJsonBody(c));
}

export function validate<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") ?? "";
  const isMissing = issue?.code === "invalid_type" && issue.message.includes("undefined");
  throw new ApiError(
    422,
    isMissing ? "missing_required_field" : "invalid_field",
    field === ""
      ? `Invalid request body: ${issue?.message ?? "unexpected value"}.`
      : `${field}: ${issue?.message ?? "invalid value"}.`,
    field === "" ? undefined : field,
  );
}

/** A JSON object body (for PUT/POST of resources). */
export async function readObjectBody(c: Context): Promise<Record<string, unknown>> {
  const body = await readJsonBody(c);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(422, "invalid_field", "The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}
