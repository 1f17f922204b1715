import fastJsonPatch, { type Operation } from "fast-json-patch";
import { ApiError } from "./api-error.ts";

// fast-json-patch is CommonJS without detectable named exports: take them from the default export.
const { applyPatch, validate } = fastJsonPatch;

/** Paths a PATCH may touch, as regular expressions over the JSON Pointer. */
export type PatchWhitelist = readonly RegExp[];

/**
 * Applies an RFC 6902 patch to a copy of `document`. Like integrator.io, only whitelisted paths
 * may change: anything else (or a malformed patch) is a 422 naming the path.
 */
export function applyWhitelistedPatch<T extends Record<string, unknown>>(
  document: T,
  patch: unknown,
  whitelist: PatchWhitelist,
  resource: string,
): T {
  if (!Array.isArray(patch) || patch.length === 0) {
    throw new ApiError(
      422,
      "invalid_patch",
      'The body must be a non-empty JSON Patch array, e.g. [{"op":"replace","path":"/name","value":"New name"}].',
    );
  }
  for (const [index, operation] of patch.entries()) {
    const path =
      typeof operation === "object" && operation !== null
        ? (operation as { path?: unknown }).path
        : undefined;
    if (typeof path !== "string" || !whitelist.some((pattern) => pattern.test(path))) {
      throw new ApiError(
        422,
        "invalid_patch",
        `Patching ${JSON.stringify(path)} is not allowed on ${resource}. Use PUT for that field, or patch one of the allowed paths.`,
        `${index}.path`,
      );
    }
  }
  const copy = structuredClone(document);
  const problem = validate(patch as Operation[], copy);
  if (problem !== undefined) {
    throw new ApiError(
      422,
      "invalid_patch",
      `Invalid JSON Patch: ${problem.message.split("\n")[0] ?? problem.name}.`,
    );
  }
  try {
    return applyPatch(copy, patch as Operation[], false, true).newDocument;
  } catch (error) {
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : "";
    throw new ApiError(422, "invalid_patch", `Invalid JSON Patch: ${message}.`);
  }
}

export const flowPatchWhitelist: PatchWhitelist = [
  /^\/(name|description|schedule|timezone|disabled|runPageGeneratorsInParallel|skipRetries)$/,
  /^\/pageGenerators\/\d+\/schedule$/,
  /^\/routers\/\d+\/name$/,
  /^\/routers\/\d+\/branches\/\d+\/name$/,
  /^\/aliases(\/.*)?$/,
];
