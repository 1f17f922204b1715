/**
 * `key=value` arguments of `set` and `patch`. Keys are dot paths (`tools.0.disabled`); values are
 * read as JSON when they are JSON (`true`, `12`, `["a"]`, `"12"`), else as plain text.
 */
import { usageError } from "./cli-context.ts";

export interface Assignment {
  path: string[];
  value: unknown;
}

const forbiddenKeys = new Set(["__proto__", "prototype", "constructor"]);

export function parseAssignments(values: readonly string[]): Assignment[] {
  if (values.length === 0) {
    throw usageError('Give at least one key=value pair, e.g. `disabled=false name="Ops tools"`.');
  }
  return values.map((argument) => {
    const separator = argument.indexOf("=");
    const key = argument.slice(0, separator);
    if (separator <= 0 || !/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/.test(key)) {
      throw usageError(
        `"${argument}" is not a key=value pair; write e.g. disabled=false or tools.0.disabled=false (keys are dot paths of letters, digits and underscores).`,
      );
    }
    const path = key.split(".");
    if (path.some((segment) => forbiddenKeys.has(segment))) {
      throw usageError(`"${key}" is not a field of an MCP server.`);
    }
    return { path, value: parseValue(argument.slice(separator + 1)) };
  });
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Sets each path on a copy of `target`, creating objects (or arrays before numeric keys). */
export function applyAssignments(
  target: Record<string, unknown>,
  assignments: readonly Assignment[],
): Record<string, unknown> {
  const result = structuredClone(target);
  for (const { path, value } of assignments) {
    let node: Record<string, unknown> = result;
    for (const [index, segment] of path.entries()) {
      const next = path[index + 1];
      if (next === undefined) {
        node[segment] = value;
        break;
      }
      const child = node[segment];
      if (typeof child !== "object" || child === null) {
        node[segment] = /^\d+$/.test(next) ? [] : {};
      }
      node = node[segment] as Record<string, unknown>;
    }
  }
  return result;
}
