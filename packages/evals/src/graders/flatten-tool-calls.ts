/**
 * Router exposure hides the Celigo tools behind Composio meta-tools; direct exposure calls them
 * by name. Graders see both the same way: meta-tools that only discover tools are dropped and
 * each COMPOSIO_MULTI_EXECUTE_TOOL call becomes the inner calls it ran.
 */
import { parseJsonText, type ToolCallRecord } from "@celigo-agents/core";
import { innerToolCalls, toolSlug } from "@celigo-agents/core/internal";

export interface FlatToolCall {
  slug: string;
  arguments: Record<string, unknown>;
  result: unknown;
  isError: boolean;
  approval?: "approved" | "refused" | undefined;
  /** The framework's name for the call that ran it (the meta-tool's for router calls). */
  via: string;
}

const discoveryTools = new Set([
  "COMPOSIO_SEARCH_TOOLS",
  "COMPOSIO_GET_TOOL_SCHEMAS",
  "COMPOSIO_MANAGE_CONNECTIONS",
]);
const multiExecute = "COMPOSIO_MULTI_EXECUTE_TOOL";

export function flattenToolCalls(records: readonly ToolCallRecord[]): FlatToolCall[] {
  const flat: FlatToolCall[] = [];
  for (const record of records) {
    const slug = toolSlug(record.slug || record.name);
    if (discoveryTools.has(slug)) continue;
    const calls = innerToolCalls(slug, record.arguments);
    if (slug !== multiExecute) {
      flat.push({
        slug,
        arguments: calls[0]?.arguments ?? {},
        result: record.result,
        isError: record.isError,
        approval: record.approval,
        via: record.name,
      });
      continue;
    }
    const innerResults = multiExecuteResults(record.result);
    calls.forEach((call, index) => {
      const innerResult = innerResults?.[index];
      flat.push({
        slug: call.slug,
        arguments: call.arguments,
        result: innerResult ?? record.result,
        isError: record.isError || innerResultFailed(innerResult),
        approval: record.approval,
        via: record.name,
      });
    });
  }
  return flat;
}

/** The per-tool results of a multi-execute answer, in the order the tools were given. */
function multiExecuteResults(result: unknown): unknown[] | undefined {
  const payload = asObject(toolResultPayload(result));
  const data = asObject(payload.data);
  const results = Array.isArray(data.results) ? data.results : payload.results;
  return Array.isArray(results) ? results : undefined;
}

function innerResultFailed(result: unknown): boolean {
  const inner = asObject(result);
  const response = asObject(inner.response);
  return inner.successful === false || response.successful === false || Boolean(inner.error);
}

/** The JSON inside an MCP tool result (structured content, or the first text block). */
export function toolResultPayload(result: unknown): unknown {
  const parsed = parseJsonText(result);
  const object = asObject(parsed);
  if (object.structuredContent !== undefined) return object.structuredContent;
  if (Array.isArray(object.content)) {
    const text = object.content.find(
      (block): block is { type: "text"; text: string } =>
        asObject(block).type === "text" && typeof asObject(block).text === "string",
    );
    if (text) return parseJsonText(text.text);
  }
  return parsed;
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
