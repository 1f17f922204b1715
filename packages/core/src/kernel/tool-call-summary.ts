/**
 * One short line per tool call, for people: the tool, the records it targets by name, and how
 * many items its lists carry. The chat and the playground print it; `--verbose` shows arguments.
 */
import type { RecordNames } from "./record-names.ts";
import { type InnerToolCall, innerToolCalls, multiExecuteSlug, toolSlug } from "./tool-calls.ts";

const maxShownCalls = 3;

/** "CELIGO_RETRY_ERRORS on flow Shopify Order to NetSuite Sales Order, 34 error_ids". */
export function summarizeToolCall(
  toolName: string,
  toolArguments: unknown,
  names: RecordNames,
): string {
  const slug = toolSlug(toolName);
  const calls = innerToolCalls(slug, toolArguments);
  if (slug !== multiExecuteSlug) return describeCall(calls[0] ?? { slug, arguments: {} }, names);
  if (calls.length <= maxShownCalls) {
    return `${slug} → ${calls.map((call) => describeCall(call, names)).join("; ")}`;
  }
  const perSlug = new Map<string, number>();
  for (const call of calls) perSlug.set(call.slug, (perSlug.get(call.slug) ?? 0) + 1);
  const counted = [...perSlug].map(([inner, count]) => (count > 1 ? `${inner} ×${count}` : inner));
  return `${slug} → ${calls.length} calls: ${counted.join(", ")}`;
}

function describeCall(call: InnerToolCall, names: RecordNames): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(call.arguments)) {
    if (/(^|_)id$/.test(key) && typeof value === "string" && value) {
      parts.push(`${key.replace(/_?id$/, "") || "record"} ${names.label(value)}`);
    } else if (Array.isArray(value)) {
      // "1 operation", "3 error ids": the argument's name read as a noun.
      const noun = key.replaceAll("_", " ");
      parts.push(
        `${value.length.toLocaleString("en-US")} ${value.length === 1 ? noun.replace(/s$/, "") : noun}`,
      );
    }
  }
  return parts.length > 0 ? `${call.slug} on ${parts.join(", ")}` : call.slug;
}
