/**
 * The one-line description of a tool call: the Celigo tools a router call runs, and the records
 * its arguments point at, by name ("NetSuite Item to Shopify Product" rather than a 24-digit
 * id). Names come from the column's account snapshot.
 */
import { toolSlug } from "@celigo-agents/core/internal";

/** Record names by id: every object in a snapshot with an `_id` and a `name` (or `email`). */
export function recordNameIndex(snapshot: unknown): Map<string, string> {
  const names = new Map<string, string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 3 || typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    const name = record.name ?? record.email;
    if (typeof record._id === "string" && typeof name === "string") names.set(record._id, name);
    for (const child of Object.values(record)) {
      if (typeof child === "object") visit(child, depth + 1);
    }
  };
  visit(snapshot, 0);
  return names;
}

export interface CallDescription {
  innerSlugs: string[];
  targets: string[];
}

export function describeCall(
  slug: string,
  callArguments: unknown,
  names: ReadonlyMap<string, string>,
): CallDescription {
  const parsed = parseJson(callArguments);
  const inner = (parsed as { tools?: unknown } | undefined)?.tools;
  const innerSlugs =
    toolSlug(slug) === "COMPOSIO_MULTI_EXECUTE_TOOL" && Array.isArray(inner)
      ? inner.map((tool: { tool_slug?: unknown }) => toolSlug(String(tool?.tool_slug ?? "")))
      : [];
  const targets = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      const name = names.get(value);
      if (name) targets.add(name);
      else if (value.startsWith("{") || value.startsWith("[")) visitParsed(value);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (typeof value === "object" && value !== null) {
      for (const child of Object.values(value)) visit(child);
    }
  };
  // Some frameworks pass nested arguments as JSON text.
  const visitParsed = (text: string) => {
    const nested = parseJson(text);
    if (nested !== text) visit(nested);
  };
  visit(parsed);
  return { innerSlugs, targets: [...targets] };
}

/** Pretty JSON for the expanded view, cut when very long (a list of 3,000 jobs). */
export function displayJson(value: unknown, limit = 20_000): string {
  const parsed = parseJson(value);
  const text =
    typeof parsed === "string" ? parsed : (JSON.stringify(parsed, null, 2) ?? String(parsed));
  return text.length > limit
    ? `${text.slice(0, limit)}\n… (${text.length.toLocaleString("en-US")} characters in all)`
    : text;
}

function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
