import type { Context } from "hono";
import type { z } from "zod";
import { ApiError } from "./api-error.ts";

/** Reads a JSON body; an empty body is `undefined`, malformed JSON a 400 envelope. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(
      400,
      "invalid_json",
      "The request body is not valid JSON. Send a JSON document with Content-Type: application/json.",
    );
  }
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
