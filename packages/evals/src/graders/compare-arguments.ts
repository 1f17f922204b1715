/**
 * Argument matching in agentevals' four modes. Each comparison names the first difference,
 * so a trajectory failure can say which argument was wrong and how.
 */
import { isDeepStrictEqual } from "node:util";
import type { ArgumentMode } from "../cases/case-schema.ts";

/** Undefined when the arguments match; otherwise a short description of the difference. */
export function compareArguments(
  expected: Record<string, unknown> | undefined,
  actual: Record<string, unknown>,
  mode: ArgumentMode,
): string | undefined {
  if (mode === "ignore" || expected === undefined) return undefined;
  if (mode === "exact") return objectDifference(expected, actual, true, true, "");
  // superset: the call carries every expected argument, extras allowed.
  if (mode === "superset") return objectDifference(expected, actual, true, false, "");
  // subset: every argument the call carries is an expected one, some may be left out.
  return objectDifference(expected, actual, false, true, "");
}

function objectDifference(
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
  requireExpected: boolean,
  forbidExtra: boolean,
  prefix: string,
): string | undefined {
  if (requireExpected) {
    for (const [key, value] of Object.entries(expected)) {
      if (!(key in actual)) return `${prefix}${key} missing (expected ${show(value)})`;
    }
  }
  if (forbidExtra) {
    for (const [key, value] of Object.entries(actual)) {
      if (!(key in expected)) return `${prefix}${key} not expected (got ${show(value)})`;
    }
  }
  for (const [key, expectedValue] of Object.entries(expected)) {
    if (!(key in actual)) continue;
    const actualValue = actual[key];
    if (isPlainObject(expectedValue) && isPlainObject(actualValue)) {
      const nested = objectDifference(
        expectedValue,
        actualValue,
        requireExpected,
        forbidExtra,
        `${prefix}${key}.`,
      );
      if (nested) return nested;
    } else if (!isDeepStrictEqual(expectedValue, actualValue)) {
      return `${prefix}${key}: expected ${show(expectedValue)}, got ${show(actualValue)}`;
    }
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value shortened for one line of explanation. */
export function show(value: unknown, limit = 80): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
