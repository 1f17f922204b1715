import type { Context } from "hono";
import { ApiError } from "./api-error.ts";
import { readOffsetPaging } from "./paging.ts";

export interface ListOptions {
  /** Fields always present in an `include` (summary) projection, besides `_id` and `name`. */
  summaryFields?: readonly string[];
  /** Fields `exclude` cannot strip, besides `_id` and `name`. */
  protectedFields?: readonly string[];
  /** Resources that reject include/exclude (seed 003: ediprofiles, iClients, tags). */
  rejectsProjection?: string;
}

const projectionPattern = /^[A-Za-z0-9._,]*$/;

/**
 * Answers a list the way integrator.io does: 204 with no body when empty, include/exclude
 * projection, `skip`/`pageSize` (a sandbox extension: integrator.io pages about 1000 items), and an RFC 5988 `Link: <…>; rel="next"` header while more pages remain.
 */
export function listResponse(
  c: Context,
  items: readonly Record<string, unknown>[],
  options: ListOptions = {},
): Response {
  // Paging is checked first, so a bad skip or pageSize is a 400 even when the list is empty.
  const { skip, pageSize } = readOffsetPaging(c);
  const projected = project(c, items, options);
  const url = new URL(c.req.url);
  const page = projected.slice(skip, skip + pageSize);
  if (page.length === 0) return c.body(null, 204);
  if (skip + pageSize < projected.length) {
    url.searchParams.set("skip", String(skip + pageSize));
    c.header("Link", `<${url.pathname}${url.search}>; rel="next"`);
  }
  return c.json(page);
}

function project(
  c: Context,
  items: readonly Record<string, unknown>[],
  options: ListOptions,
): Record<string, unknown>[] {
  const include = c.req.query("include");
  const exclude = c.req.query("exclude");
  const hasInclude = include !== undefined && include !== "";
  const hasExclude = exclude !== undefined && exclude !== "";
  if (!hasInclude && !hasExclude) return [...items];
  if (options.rejectsProjection !== undefined) {
    throw new ApiError(
      400,
      "invalid_query_params",
      `Include or exclude query params are not applicable for ${options.rejectsProjection} resource.`,
    );
  }
  if (hasInclude && hasExclude) {
    throw new ApiError(
      400,
      "invalid_query_params",
      "Please provide either include or exclude param in the request query and not both.",
    );
  }
  const value = (hasInclude ? include : exclude) ?? "";
  if (!projectionPattern.test(value)) {
    throw new ApiError(
      400,
      "invalid_query_params",
      `${hasInclude ? "include" : "exclude"} accepts comma-separated field names (letters, digits, dots, underscores); got "${value}".`,
    );
  }
  const paths = value.split(",").filter((path) => path !== "");
  if (hasInclude) {
    const always = ["_id", "name", ...(options.summaryFields ?? [])];
    return items.map((item) => {
      const result: Record<string, unknown> = {};
      for (const path of [...always, ...paths]) copyPath(item, result, path.split("."));
      return result;
    });
  }
  const protectedFields = new Set(["_id", "name", ...(options.protectedFields ?? [])]);
  return items.map((item) => {
    const result = structuredClone(item);
    for (const path of paths) if (!protectedFields.has(path)) deletePath(result, path.split("."));
    return result;
  });
}

function copyPath(source: unknown, target: Record<string, unknown>, path: string[]): void {
  const [head, ...rest] = path;
  if (
    head === undefined ||
    typeof source !== "object" ||
    source === null ||
    !Object.hasOwn(source, head)
  )
    return;
  const value = (source as Record<string, unknown>)[head];
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  if (typeof value !== "object" || value === null) return;
  const existing = target[head];
  const child = (typeof existing === "object" && existing !== null ? existing : {}) as Record<
    string,
    unknown
  >;
  target[head] = child;
  copyPath(value, child, rest);
  if (Object.keys(child).length === 0) delete target[head];
}

function deletePath(target: Record<string, unknown>, path: string[]): void {
  const [head, ...rest] = path;
  if (head === undefined || !Object.hasOwn(target, head)) return;
  if (rest.length === 0) {
    delete target[head];
    return;
  }
  const child = target[head];
  if (typeof child === "object" && child !== null)
    deletePath(child as Record<string, unknown>, rest);
}
