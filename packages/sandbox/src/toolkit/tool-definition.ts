import { z } from "zod";
import type { CeligoClient } from "./celigo-client.ts";
import { type CeligoToolSlug, celigoToolCatalog } from "./tool-catalog.ts";

export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/**
 * How a tool acts, which sets its MCP annotations:
 * - `read`: reads only;
 * - `write`: creates or starts something (create, clone, run, retry, resolve, assign, invite);
 * - `overwrite`: replaces configuration or access (PUT, PATCH, register in bulk): destructive, idempotent;
 * - `delete`: deletes, purges or cancels: destructive, idempotent.
 */
export type ToolKind = "read" | "write" | "overwrite" | "delete";

export interface ToolSpecification<Shape extends z.ZodRawShape> {
  slug: CeligoToolSlug;
  kind: ToolKind;
  /** True when the tool reaches an outside system (through the scenario's simulated endpoints). */
  openWorld?: boolean;
  input: Shape;
  run: (args: z.output<z.ZodObject<Shape>>, celigo: CeligoClient) => Promise<unknown>;
}

export interface CeligoTool {
  slug: CeligoToolSlug;
  name: string;
  description: string;
  annotations: ToolAnnotations;
  input: z.ZodObject;
  /** The JSON Schema served over MCP: object root, no `$ref`, no unions, optional = not required. */
  inputSchema: JsonObjectSchema;
  run: (args: unknown, celigo: CeligoClient) => Promise<unknown>;
}

export interface JsonObjectSchema {
  type: "object";
  properties?: Record<string, object>;
  required?: string[];
  [keyword: string]: unknown;
}

function annotationsOf(kind: ToolKind, openWorld: boolean, title: string): ToolAnnotations {
  return {
    title,
    readOnlyHint: kind === "read",
    destructiveHint: kind === "overwrite" || kind === "delete",
    idempotentHint: kind !== "write",
    openWorldHint: openWorld,
  };
}

/** One Celigo tool: catalog name and description, zod input, annotations from its kind. */
export function defineTool<Shape extends z.ZodRawShape>(
  specification: ToolSpecification<Shape>,
): CeligoTool {
  const entry = celigoToolCatalog[specification.slug];
  const input = z.object(specification.input);
  return {
    slug: specification.slug,
    name: entry.name,
    description: entry.description,
    annotations: annotationsOf(specification.kind, specification.openWorld ?? false, entry.name),
    input,
    inputSchema: objectJsonSchema(input),
    run: (args, celigo) => specification.run(args as z.output<z.ZodObject<Shape>>, celigo),
  };
}

/** The JSON Schema of a zod object, without the `$schema` dialect line. */
export function objectJsonSchema(input: z.ZodObject): JsonObjectSchema {
  // Output mode: every object gets `additionalProperties: false`, as OpenAI strict mode wants.
  const { $schema: _dialect, ...schema } = z.toJSONSchema(input, { io: "output" });
  return schema as JsonObjectSchema;
}
