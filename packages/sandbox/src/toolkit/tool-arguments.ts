import { z } from "zod";
import type { CeligoErrorItem } from "./celigo-client.ts";

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

export type ParsedToolArguments<Output> =
  | { success: true; data: Output }
  | { success: false; errors: CeligoErrorItem[] };

/**
 * Validates a tool's arguments against its zod schema, strictly: besides zod's own issues, every
 * argument the schema does not declare is an error at any depth, as the served JSON Schema says
 * (`additionalProperties: false`). Objects declared loose (`z.looseObject`) keep extra keys.
 * Every tool call goes through here, so every tool answers an unknown argument the same way.
 */
export function parseToolArguments<Schema extends z.ZodType>(
  schema: Schema,
  args: unknown,
): ParsedToolArguments<z.output<Schema>> {
  const input = args ?? {};
  const declared =
    schema instanceof z.ZodObject && schema.def.catchall === undefined
      ? Object.keys(schema.shape)
      : undefined;
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    // Unknown top-level arguments are named too, so one answer lists everything to fix.
    const unknownTopLevel =
      declared === undefined || !isPlainObject(input)
        ? []
        : Object.keys(input)
            .filter((key) => !declared.includes(key) && input[key] !== undefined)
            .map((key) => [key]);
    return {
      success: false,
      errors: [
        ...describeIssues(parsed.error.issues, input),
        ...unknownTopLevel.map((path) => undeclaredArgument(path, declared)),
      ],
    };
  }
  const undeclared = undeclaredPaths(input, parsed.data, []);
  if (undeclared.length === 0) return { success: true, data: parsed.data };
  return {
    success: false,
    errors: undeclared.map((path) => undeclaredArgument(path, declared)),
  };
}

function undeclaredArgument(
  path: readonly PropertyKey[],
  declared: readonly string[] | undefined,
): CeligoErrorItem {
  const field = argumentName(path);
  const where =
    path.length > 1
      ? ` inside "${argumentName(path.slice(0, -1))}"`
      : declared !== undefined && declared.length > 0
        ? `; its parameters are ${declared.join(", ")}`
        : "";
  return {
    code: "invalid_argument",
    message: `Argument "${field}" is not a parameter of this tool${where}. Leave it out.`,
    field,
  };
}

/**
 * Keys of the input that the parsed output lacks: zod's default objects strip what they do not
 * declare, so a key present in the input and absent from the output was never declared. Values
 * a schema rewrites (a JSON string parsed to an object, or the reverse) are not compared.
 */
function undeclaredPaths(input: unknown, output: unknown, path: PropertyKey[]): PropertyKey[][] {
  if (Array.isArray(input) && Array.isArray(output) && input.length === output.length) {
    return input.flatMap((item, index) => undeclaredPaths(item, output[index], [...path, index]));
  }
  if (!isPlainObject(input) || !isPlainObject(output)) return [];
  return Object.keys(input).flatMap((key) =>
    Object.hasOwn(output, key)
      ? undeclaredPaths(input[key], output[key], [...path, key])
      : input[key] === undefined
        ? []
        : [[...path, key]],
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function argumentName(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "arguments" : path.map(String).join(".");
}

/** The value the caller sent at a path; zod's issues do not carry it by default. */
function valueAt(args: unknown, path: readonly PropertyKey[]): unknown {
  let value = args;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** One line per bad argument, naming it and saying what it should be. */
function describeIssues(issues: readonly z.core.$ZodIssue[], args: unknown): CeligoErrorItem[] {
  return issues.map((issue) => {
    const field = argumentName(issue.path);
    const sent = valueAt(args, issue.path);
    const message =
      issue.code !== "invalid_type"
        ? `Argument "${field}" is invalid: ${issue.message}.`
        : sent === undefined
          ? `Argument "${field}" is required (${issue.expected}).`
          : `Argument "${field}" must be a ${issue.expected}, not ${Array.isArray(sent) ? "an array" : `a ${typeof sent}`}.`;
    return { code: "invalid_argument", message, field };
  });
}
