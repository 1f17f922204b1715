import { z } from "zod";

/** A required id argument, e.g. `flow_id`. */
export function idArgument(resource: string) {
  return z.string().trim().min(1).describe(`The ${resource}'s id (24 hex characters).`);
}

/**
 * A JSON value carried as a string, so that schemas stay free of unions: `false`, `42`,
 * `"text"`, `{"a":1}`. A non-string value a model sends anyway is accepted and re-encoded.
 */
export function jsonText(description: string) {
  return z
    .preprocess(
      (value) => (typeof value === "string" || value === undefined ? value : JSON.stringify(value)),
      z.string(),
    )
    .describe(description);
}

/** Reads a `jsonText` argument: JSON when it parses, otherwise the text itself. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Reads a `jsonText` argument that must hold a JSON object. */
export function parseJsonObject(text: string, argument: string): Record<string, unknown> {
  const value = parseJsonText(text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ToolArgumentError(
      argument,
      `${argument} must be a JSON object encoded as a string, e.g. "{\\"name\\":\\"Orders\\"}".`,
    );
  }
  return value as Record<string, unknown>;
}

/** `[{key, value}]` pairs (the schema-friendly form of a string map) as an object. */
export const keyValuePairs = z.array(
  z.object({ key: z.string().min(1), value: z.string() }).describe("One name/value pair."),
);

export function pairsToObject(pairs: readonly { key: string; value: string }[] | undefined) {
  return Object.fromEntries((pairs ?? []).map((pair) => [pair.key, pair.value]));
}

export const pagingArguments = {
  limit: z
    .number()
    .int()
    .min(1)
    .max(200)
    .optional()
    .describe("Most items to return (1-200, default 50)."),
  offset: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe("Items to skip, for the next page (default 0)."),
};

/** A bad argument found by a handler, reported like a schema violation. */
export class ToolArgumentError extends Error {
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(message);
    this.name = "ToolArgumentError";
    this.argument = argument;
  }
}
