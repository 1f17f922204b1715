import { ApiError } from "./api-error.ts";

/** Date query filters accept ISO 8601 (with or without ms), a plain date, or epoch milliseconds. */
export function parseDateFilter(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const milliseconds = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(milliseconds)) {
    throw new ApiError(
      400,
      "invalid_query_params",
      `${name} must be an ISO 8601 date, a plain date (2025-03-14) or epoch milliseconds; got "${value}".`,
      name,
    );
  }
  return milliseconds;
}
