/**
 * Tool-call arguments as a person reads them: one `name: value` line per argument, long lists
 * shortened with their length, a router's COMPOSIO_MULTI_EXECUTE_TOOL shown as the Celigo calls
 * it runs. The raw JSON stays available next to it in the reports.
 */
import { flattenToolCalls } from "../graders/flatten-tool-calls.ts";

const listShown = 3;
const textLimit = 160;

export function readableArguments(toolName: string, value: unknown): string {
  const parsed = parse(value);
  if (/COMPOSIO_MULTI_EXECUTE_TOOL$/i.test(toolName)) {
    const inner = flattenToolCalls([
      {
        name: toolName,
        slug: toolName,
        arguments: parsed,
        result: undefined,
        isError: false,
        durationMs: 0,
      },
    ]);
    if (inner.length > 0) {
      return inner
        .map((call) => {
          const lines = argumentLines(call.arguments, "  ");
          return lines.length > 0 ? `${call.slug}\n${lines.join("\n")}` : call.slug;
        })
        .join("\n");
    }
  }
  const lines = argumentLines(parsed, "");
  return lines.length > 0 ? lines.join("\n") : "(no arguments)";
}

function argumentLines(value: unknown, indent: string): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return value === undefined ? [] : [`${indent}${inline(value)}`];
  }
  return Object.entries(value).map(([name, item]) => {
    if (typeof item === "object" && item !== null && !Array.isArray(item)) {
      const nested = argumentLines(item, `${indent}  `);
      return nested.length > 0 ? `${indent}${name}:\n${nested.join("\n")}` : `${indent}${name}: {}`;
    }
    return `${indent}${name}: ${inline(item)}`;
  });
}

function inline(value: unknown): string {
  if (typeof value === "string") return shorten(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "(empty list)";
    const shown = value
      .slice(0, listShown)
      .map((item) => (typeof item === "string" ? item : shorten(JSON.stringify(item))));
    const rest = value.length > listShown ? `, … ${value.length} in all` : "";
    return `${shown.join(", ")}${rest}`;
  }
  if (value === undefined) return "(none)";
  return shorten(JSON.stringify(value));
}

function shorten(text: string): string {
  return text.length <= textLimit ? text : `${text.slice(0, textLimit - 1)}…`;
}

function parse(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
