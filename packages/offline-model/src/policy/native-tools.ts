/**
 * Tools with their own names and descriptions (a Celigo account's native MCP server: "Get failed
 * jobs", "Lookup customer"…), offered without any CELIGO_ or COMPOSIO_ slug. The policy picks the
 * one whose name and description share the most words with the request, fills its arguments from
 * its schema, calls it once, and answers with what its result holds.
 */
import type { ModelTurn, OfferedTool } from "../conversation.ts";
import { quotedNames } from "../language/entity-linker.ts";
import { conceptSequence } from "../language/normalize-text.ts";
import { resolvePeriod } from "../language/time-expressions.ts";
import { fillArguments, type RoleValues } from "./argument-filling.ts";
import { type History, slugOf } from "./conversation-history.ts";
import type { TaskFamily } from "./intents.ts";
import { isObject, type JsonObject } from "./tool-results.ts";

/** Words a tool for each family is likely to use, beyond those of the request itself. */
const familyWords: Partial<Record<TaskFamily, string[]>> = {
  "failed-runs": ["fail", "job", "run"],
  errors: ["error"],
  "retry-errors": ["retry", "error"],
  "resolve-errors": ["resolve", "error"],
  "disable-flow": ["disable", "flow"],
  "enable-flow": ["enable", "flow"],
  "run-flow": ["run", "flow"],
  connections: ["connection"],
  users: ["user", "access"],
  state: ["state"],
  audit: ["audit", "change"],
  "last-run": ["job", "run", "latest"],
};

const resourceNouns = new Set(["flow", "integration", "connection", "account", "step"]);

/** A light stemmer so "retries" meets "retry" and "failed" meets "fail". */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  for (const suffix of ["ing", "ed", "es", "s"]) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix) && !word.endsWith("ss")) {
      return word.slice(0, -suffix.length);
    }
  }
  return word;
}

const stems = (text: string) =>
  new Set(
    conceptSequence(text.toLowerCase())
      .flatMap((word) => word.split(/[^a-z0-9]+/))
      .filter(
        (word) => word.length > 1 && !["what", "which", "who", "when", "how", "why"].includes(word),
      )
      .map(stem),
  );

/** The offered tool that best fits the request: a word in its name counts three times one in its description. */
export function bestNativeTool(
  request: string,
  tools: readonly OfferedTool[],
  family: TaskFamily | undefined,
) {
  const wanted = stems(request);
  const hinted = new Set((family ? (familyWords[family] ?? []) : []).map(stem));
  // Each word counts once, by where it appears; the family's words only break near-ties. A
  // resource noun alone ("flow") is no reason to pick a tool: it must share what is to be done.
  const score = (tool: OfferedTool) => {
    const nameWords = stems(tool.name.replace(/[_.-]+/g, " "));
    const descriptionWords = stems(tool.description);
    let total = 0;
    let intent = 0;
    for (const word of new Set([...nameWords, ...descriptionWords])) {
      const inName = nameWords.has(word);
      const weight = wanted.has(word)
        ? inName
          ? 3
          : 1
        : hinted.has(word)
          ? inName
            ? 0.5
            : 0.25
          : 0;
      total += weight;
      if (!resourceNouns.has(word)) intent += weight;
    }
    return intent >= 2 ? total : 0;
  };
  const ranked = tools
    .map((tool, index) => ({ tool, index, score: score(tool) }))
    .filter((entry) => entry.score > 0)
    .sort((left, right) => right.score - left.score || left.index - right.index);
  return ranked[0]?.tool;
}

/** What the request itself gives: ids it quotes, a period, and text to search for. */
function requestValues(history: History): RoleValues {
  const request = history.request;
  const values: RoleValues = {};
  const id = request.match(/\b[0-9a-f]{24}\b/i)?.[0];
  if (id) values.flowId = id;
  const periodText = history.frame?.periodText;
  if (history.now && periodText) {
    const period = resolvePeriod(periodText, history.now, history.zone);
    values.since = period.since;
    values.until = period.until;
  }
  const searched =
    quotedNames(request)[0] ??
    request.match(/(#[\w-]+|[\w.+-]+@[\w.-]+\.\w+|\b[A-Z0-9]*\d[\w-]*\b)/)?.[0];
  if (searched) values.searchText = searched;
  return values;
}

const summaryKeys = [
  "name",
  "flowName",
  "_id",
  "_flowId",
  "flowId",
  "stepId",
  "_jobId",
  "errorId",
  "type",
  "status",
  "numError",
  "numOpenError",
  "retried",
  "code",
  "message",
  "traceKey",
  "occurredAt",
  "createdAt",
  "endedAt",
];

/** One line for an object: its identifying and status fields, one level of nesting included. */
function describeItem(item: JsonObject): string {
  const parts: string[] = [];
  const visit = (object: JsonObject, depth: number) => {
    for (const key of summaryKeys) {
      const value = object[key];
      if (typeof value === "string" || typeof value === "number") parts.push(`${key} ${value}`);
    }
    if (depth > 0) return;
    for (const value of Object.values(object)) if (isObject(value)) visit(value, depth + 1);
  };
  visit(item, 0);
  return parts.join(", ");
}

/** A tool result in words: its scalar fields, then up to ten items of each list it holds. */
export function summarizeResult(data: unknown): string {
  if (typeof data === "string") return data;
  if (Array.isArray(data)) return summarizeResult({ items: data });
  if (!isObject(data)) return JSON.stringify(data);
  const scalars = Object.entries(data)
    .filter(([, value]) => ["string", "number", "boolean"].includes(typeof value))
    .map(([key, value]) => `${key}: ${String(value)}`);
  const lists = Object.entries(data).flatMap(([key, value]) => {
    if (!Array.isArray(value)) return [];
    const items = value.filter(isObject);
    const shown = items.slice(0, 10).map((item) => `- ${describeItem(item)}`);
    const more = items.length > 10 ? [`- and ${items.length - 10} more`] : [];
    return [`${key} (${items.length}):`, ...shown, ...more];
  });
  return [scalars.join("; "), ...lists].filter(Boolean).join("\n");
}

/** The turn for a tool set without known slugs, or undefined when no offered tool fits. */
export function nativeToolTurn(
  history: History,
  tools: readonly OfferedTool[],
): ModelTurn | undefined {
  const made = history.calls.at(-1);
  const toolOf = (name: string) => tools.find((tool) => slugOf(tool.name) === name);
  if (made) {
    const tool = toolOf(made.slug);
    const title = tool?.name ?? made.slug;
    if (!made.result.ok) {
      return text(`${title} reported an error: ${made.result.error ?? "no details"}.`);
    }
    return text(`From ${title}:\n${summarizeResult(made.result.data)}`);
  }
  const family = history.frame?.family;
  const tool = bestNativeTool(history.request, tools, family);
  if (!tool) return undefined;
  if ((family === "destructive" || family === "disable-flow") && !history.confirmed) {
    return text(
      `That changes the account: I would call ${tool.name} (${tool.description}). Please confirm and I will go ahead.`,
    );
  }
  const filled = fillArguments(slugOf(tool.name), tool.parameters, requestValues(history));
  if (filled.missing.length > 0) {
    return text(
      `${tool.name} can do that, but it needs ${filled.missing.map((name) => `\`${name}\``).join(", ")}, and your request does not give it. Tell me the value (for a flow, its 24-character id).`,
    );
  }
  return {
    kind: "tool-calls",
    calls: [{ name: tool.name, arguments: JSON.stringify(filled.arguments) }],
  };
}

function text(value: string): ModelTurn {
  return { kind: "text", text: value };
}
