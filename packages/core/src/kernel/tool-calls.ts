/**
 * Tool names and calls as every part of the project reads them: the slug inside a framework's
 * tool name, the inner calls of a Composio multi-execute batch, and how many Celigo calls a run
 * made (a batch counts once per tool it ran, in the chat, the eval and the answer alike).
 */
import type { ToolCallRecord } from "./runner.ts";

export const multiExecuteSlug = "COMPOSIO_MULTI_EXECUTE_TOOL";

/** One tool call with its arguments as an object (JSON text parsed, anything else empty). */
export interface InnerToolCall {
  slug: string;
  arguments: Record<string, unknown>;
}

const toolkitPrefixes = ["CELIGO_", "COMPOSIO_"];

/**
 * The Celigo or Composio slug inside a framework's tool name: the text from the last toolkit
 * prefix on, so `celigo_CELIGO_LIST_FLOWS` and `mcp__celigo__CELIGO_LIST_FLOWS` both give
 * CELIGO_LIST_FLOWS. Other tools (a native MCP server's) come back upper-cased without the
 * framework's namespace: `celigo_get_failed_jobs` gives GET_FAILED_JOBS.
 */
export function toolSlug(toolName: string): string {
  const upper = toolName.toUpperCase();
  const starts: Array<{ index: number; exact: boolean }> = [];
  for (const prefix of toolkitPrefixes) {
    for (
      let index = upper.indexOf(prefix);
      index !== -1;
      index = upper.indexOf(prefix, index + 1)
    ) {
      const atWordStart = index === 0 || /[^A-Z0-9]/.test(upper[index - 1] ?? "");
      // The slug needs a word after the prefix: `celigo_` alone is a namespace, not a slug.
      if (atWordStart && index + prefix.length < upper.length) {
        starts.push({ index, exact: toolName.startsWith(prefix, index) });
      }
    }
  }
  const last = (candidates: typeof starts) => Math.max(...candidates.map((start) => start.index));
  // Toolkit slugs are upper case, so an upper-case prefix marks where the slug starts...
  const exact = starts.filter((start) => start.exact);
  if (exact.length > 0) return upper.slice(last(exact));
  // ...a name lower-cased whole still holds one after a namespace (mcp__celigo__celigo_list_flows)...
  if (starts.length >= 2) return upper.slice(last(starts));
  // ...and a lone lower-case `celigo_` in front is a framework's namespace for another server's
  // tool (Mastra names a native MCP server's get_failed_jobs `celigo_get_failed_jobs`).
  if (starts.length === 1 && starts[0]?.index === 0) return upper.slice(upper.indexOf("_") + 1);
  return upper;
}

/**
 * The calls one tool call makes: the tools of a multi-execute batch (its arguments may arrive as
 * a JSON string, e.g. from AI SDK streaming), or the call itself.
 */
export function innerToolCalls(toolName: string, toolArguments: unknown): InnerToolCall[] {
  const slug = toolSlug(toolName);
  const parsed = asObject(parseJsonText(toolArguments));
  if (slug !== multiExecuteSlug) return [{ slug, arguments: parsed }];
  const tools = Array.isArray(parsed.tools) ? parsed.tools : [];
  return tools.map((tool) => {
    const inner = asObject(tool);
    return {
      slug: toolSlug(String(inner.tool_slug ?? "")),
      arguments: asObject(parseJsonText(inner.arguments)),
    };
  });
}

/** Celigo tool calls made: each tool of a multi-execute batch counts once. */
export function countToolCalls(
  calls: readonly Pick<ToolCallRecord, "name" | "arguments">[],
): number {
  return calls.reduce((total, call) => {
    const slug = toolSlug(call.name);
    return total + (slug === multiExecuteSlug ? innerToolCalls(slug, call.arguments).length : 1);
  }, 0);
}

/** The value a text holds when it is JSON (tool arguments, tool results), else the value itself. */
export function parseJsonText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
