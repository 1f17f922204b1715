import { z } from "zod";
import type { QueryValue } from "../account-directory.ts";
import { type CeligoClient, segment } from "./celigo-client.ts";
import { idArgument, jsonText, pagingArguments, parseJsonText } from "./tool-arguments.ts";
import type { CeligoToolSlug } from "./tool-catalog.ts";
import { type CeligoTool, defineTool } from "./tool-definition.ts";

/**
 * Builders for the shapes most Celigo tools share (list, get, create, replace, patch, delete,
 * clone, audit, dependencies), so each resource file states only what differs.
 */

const defaultLimit = 50;

/** A resource named the way its tools talk about it: `flow` with argument `flow_id` at `/v1/flows`. */
export interface ResourceDescriptor {
  label: string;
  idName: string;
  /** The collection path, e.g. `/v1/flows`. */
  path: string;
}

export function resourcePath(resource: ResourceDescriptor, id: string): string {
  return `${resource.path}/${segment(id)}`;
}

/**
 * One page of a list endpoint: `skip`/`pageSize` on the API, and a `next_offset` plus a note
 * while the API's `Link: rel="next"` says more remain.
 */
export async function listPage(
  celigo: CeligoClient,
  path: string,
  key: string,
  paging: { limit?: number | undefined; offset?: number | undefined },
  query: Record<string, QueryValue> = {},
): Promise<Record<string, unknown>> {
  const limit = paging.limit ?? defaultLimit;
  const offset = paging.offset ?? 0;
  const answer = await celigo.send({
    method: "GET",
    path,
    query: { ...query, skip: offset, pageSize: limit },
  });
  const items = Array.isArray(answer.body) ? answer.body : [];
  const hasMore = /rel="next"/.test(answer.headers.link ?? "");
  return {
    [key]: items,
    count: items.length,
    offset,
    ...(hasMore
      ? {
          next_offset: offset + items.length,
          note: `More ${key} exist: call again with offset=${offset + items.length} (and the same limit) for the next page.`,
        }
      : {}),
  };
}

const listShape = pagingArguments;

export function listTool(
  slug: CeligoToolSlug,
  options: {
    key: string;
    path: string;
    filters?: z.ZodRawShape;
    query?: (args: Record<string, unknown>) => Record<string, QueryValue>;
  },
): CeligoTool {
  return defineTool({
    slug,
    kind: "read",
    input: { ...(options.filters ?? {}), ...listShape },
    run: (args, celigo) =>
      listPage(celigo, options.path, options.key, args, options.query?.(args) ?? {}),
  });
}

/** A list under one resource, e.g. `/v1/integrations/{id}/flows`. */
export function subListTool(
  slug: CeligoToolSlug,
  resource: ResourceDescriptor,
  suffix: string,
  key: string,
): CeligoTool {
  return defineTool({
    slug,
    kind: "read",
    input: { [resource.idName]: idArgument(resource.label), ...listShape },
    run: (args, celigo) =>
      listPage(celigo, `${resourcePath(resource, idOf(args, resource))}/${suffix}`, key, args),
  });
}

/** A GET of something under one resource that is not a list (a summary, a template, a date). */
export function readOneTool(
  slug: CeligoToolSlug,
  resource: ResourceDescriptor,
  suffix = "",
): CeligoTool {
  return defineTool({
    slug,
    kind: "read",
    input: { [resource.idName]: idArgument(resource.label) },
    run: (args, celigo) =>
      celigo.get(`${resourcePath(resource, idOf(args, resource))}${suffix ? `/${suffix}` : ""}`),
  });
}

export function deleteTool(slug: CeligoToolSlug, resource: ResourceDescriptor): CeligoTool {
  return defineTool({
    slug,
    kind: "delete",
    input: { [resource.idName]: idArgument(resource.label) },
    run: async (args, celigo) => {
      const id = idOf(args, resource);
      await celigo.delete(resourcePath(resource, id));
      return { deleted: true, [resource.idName]: id };
    },
  });
}

export function createTool<Shape extends z.ZodRawShape>(
  slug: CeligoToolSlug,
  path: string,
  input: Shape,
  toBody: (args: z.output<z.ZodObject<Shape>>) => Record<string, unknown>,
): CeligoTool {
  return defineTool({
    slug,
    kind: "write",
    input,
    run: (args, celigo) => celigo.post(path, withoutUndefined(toBody(args))),
  });
}

/**
 * A full replacement (PUT), done the safe way: read the resource, lay the given fields over it,
 * and send the whole object back, so that fields the caller did not mention survive.
 */
export function replaceTool<Shape extends z.ZodRawShape>(
  slug: CeligoToolSlug,
  resource: ResourceDescriptor,
  input: Shape,
  toChanges: (args: z.output<z.ZodObject<Shape>>) => Record<string, unknown>,
): CeligoTool {
  return defineTool({
    slug,
    kind: "overwrite",
    input: { [resource.idName]: idArgument(resource.label), ...input },
    run: async (args, celigo) => {
      const path = resourcePath(resource, idOf(args, resource));
      const current = (await celigo.get(path)) as Record<string, unknown>;
      const changes = withoutUndefined(toChanges(args as z.output<z.ZodObject<Shape>>));
      const { _id, createdAt, lastModified, ...rest } = current;
      return celigo.put(path, { ...rest, ...changes });
    },
  });
}

const patchOperation = z.object({
  op: z.enum(["replace", "add", "remove"]).describe("JSON Patch operation."),
  // A regex, not .startsWith(): zod renders that as `format: "starts_with"`, which validators reject.
  path: z
    .string()
    .regex(/^\//, "must be a JSON Pointer starting with /")
    .describe('JSON Pointer to the field, e.g. "/name" or "/disabled".'),
  value: jsonText(
    'The new value, JSON-encoded: false, 42, "Orders v2", {"a":1}. Plain text is taken as a string. Leave out for remove.',
  ).optional(),
});

export function patchTool(
  slug: CeligoToolSlug,
  resource: ResourceDescriptor,
  whitelistHint: string,
): CeligoTool {
  return defineTool({
    slug,
    kind: "overwrite",
    input: {
      [resource.idName]: idArgument(resource.label),
      operations: z
        .array(patchOperation)
        .min(1)
        .describe(`RFC 6902 operations to apply. ${whitelistHint}`),
    },
    run: async (args, celigo) => {
      const id = idOf(args, resource);
      const operations = (args.operations as z.output<typeof patchOperation>[]).map(
        (operation) => ({
          op: operation.op,
          path: operation.path,
          ...(operation.value === undefined ? {} : { value: parseJsonText(operation.value) }),
        }),
      );
      await celigo.patch(resourcePath(resource, id), operations);
      return { patched: true, [resource.idName]: id, operations };
    },
  });
}

export function cloneTool<Shape extends z.ZodRawShape>(
  slug: CeligoToolSlug,
  resource: ResourceDescriptor,
  input: Shape,
  toBody: (args: z.output<z.ZodObject<Shape>>) => Record<string, unknown>,
): CeligoTool {
  return defineTool({
    slug,
    kind: "write",
    input: { [resource.idName]: idArgument(resource.label), ...input },
    run: (args, celigo) =>
      celigo.post(
        `${resourcePath(resource, idOf(args, resource))}/clone`,
        withoutUndefined(toBody(args as z.output<z.ZodObject<Shape>>)),
      ),
  });
}

export function auditTool(slug: CeligoToolSlug, resource: ResourceDescriptor): CeligoTool {
  return subListTool(slug, resource, "audit", "audit_logs");
}

export function dependenciesTool(slug: CeligoToolSlug, resource: ResourceDescriptor): CeligoTool {
  return readOneTool(slug, resource, "dependencies");
}

export function idOf(args: Record<string, unknown>, resource: ResourceDescriptor): string {
  return String(args[resource.idName]);
}

/** Drops undefined fields so that optional arguments left out are not sent. */
export function withoutUndefined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}
