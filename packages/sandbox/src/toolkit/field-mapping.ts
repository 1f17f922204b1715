import { z } from "zod";
import { ToolArgumentError } from "./tool-arguments.ts";

/** One import field mapping, as integrator.io's mapper takes it (`extract` -> `generate`). */
export const fieldMapping = z.object({
  generate: z
    .string()
    .min(1)
    .describe('Target field path in the output record, e.g. "customer.email".'),
  extract: z
    .string()
    .optional()
    .describe(
      'Source field path in the input record, e.g. "billing.email"; leave out for a hard-coded value.',
    ),
  hard_coded_value: z.string().optional().describe("A constant to write instead of extracting."),
  data_type: z
    .enum(["string", "number", "boolean"])
    .optional()
    .describe("Type to convert the value to (default: keep it)."),
});

export type FieldMapping = z.output<typeof fieldMapping>;

function read(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function write(record: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let target = record;
  for (const part of parts.slice(0, -1)) {
    const next = target[part];
    if (typeof next !== "object" || next === null) target[part] = {};
    target = target[part] as Record<string, unknown>;
  }
  target[parts.at(-1) ?? path] = value;
}

function convert(value: unknown, type: FieldMapping["data_type"], path: string): unknown {
  if (value === undefined || type === undefined) return value;
  if (type === "string") return typeof value === "object" ? JSON.stringify(value) : String(value);
  if (type === "boolean") return value === true || value === "true" || value === 1 || value === "1";
  const number = Number(value);
  if (Number.isNaN(number)) {
    throw new ToolArgumentError("mappings", `"${String(value)}" for ${path} is not a number.`);
  }
  return number;
}

/** Runs the mappings over each record; a record yields only the fields its mappings generate. */
export function applyMappings(
  records: readonly unknown[],
  mappings: readonly FieldMapping[],
): Record<string, unknown>[] {
  return records.map((record) => {
    const output: Record<string, unknown> = {};
    for (const mapping of mappings) {
      const raw =
        mapping.hard_coded_value ??
        (mapping.extract === undefined ? undefined : read(record, mapping.extract));
      const value = convert(raw, mapping.data_type, mapping.generate);
      if (value !== undefined) write(output, mapping.generate, value);
    }
    return output;
  });
}
