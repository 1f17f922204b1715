import type { Context } from "hono";
import { ApiError } from "./api-error.ts";

export interface PagingParameter {
  /** The query parameter's name: `skip`, `pageSize`, `page`, `page_size`. */
  name: string;
  /** Used when the parameter is absent. */
  fallback: number;
  minimum: number;
  maximum: number;
}

/** The sandbox's page sizes never exceed integrator.io's default page of about 1000 items. */
export const largestPageSize = 1000;

/** `skip` and `pageSize`, the offset paging of the Link-header lists (a sandbox extension). */
export const offsetPaging = {
  skip: { name: "skip", fallback: 0, minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
  pageSize: { name: "pageSize", fallback: largestPageSize, minimum: 1, maximum: largestPageSize },
} as const satisfies Record<string, PagingParameter>;

/**
 * Reads one paging number from the query, the same way on every list route: decimal digits only
 * (no sign, exponent, hex or blanks), within the parameter's range; anything else is a 400 that
 * names the parameter and the accepted range.
 */
export function readPagingParameter(c: Context, parameter: PagingParameter): number {
  const value = c.req.query(parameter.name);
  if (value === undefined) return parameter.fallback;
  const count = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  if (!(count >= parameter.minimum && count <= parameter.maximum)) {
    const range =
      parameter.maximum === Number.MAX_SAFE_INTEGER
        ? `${parameter.minimum} or more`
        : `from ${parameter.minimum} to ${parameter.maximum}`;
    throw new ApiError(
      400,
      "invalid_query_params",
      `${parameter.name} must be a whole number ${range}; got "${value}".`,
      parameter.name,
    );
  }
  return count;
}

/** `skip` and `pageSize` of a request, both checked. */
export function readOffsetPaging(c: Context): { skip: number; pageSize: number } {
  return {
    skip: readPagingParameter(c, offsetPaging.skip),
    pageSize: readPagingParameter(c, offsetPaging.pageSize),
  };
}
