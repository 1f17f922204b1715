import type { RoleValues } from "../argument-filling.ts";
import type { ExecutedCall } from "../conversation-history.ts";
import { type Period, requestedPeriod } from "../periods.ts";
import { bestNameMatches, unmatchedNameWords } from "../text-matching.ts";
import { isObject, type JsonObject, namedObjects, text } from "../tool-results.ts";

/** One call a plan wants, before it is bound to a tool name and schema. */
export interface PlannedCall {
  slug: string;
  values: RoleValues;
}

export type PlanStep = { kind: "calls"; calls: PlannedCall[] } | { kind: "answer"; text: string };

export interface PlanContext {
  request: string;
  now: Date | undefined;
  confirmed: boolean;
  calls: readonly ExecutedCall[];
  /** True when the tool can be called: offered directly, or reachable through the router. */
  canUse(slug: string): boolean;
  /** The first usable slug matching the pattern, for tools only some servers have. */
  findSlug(pattern: RegExp): string | undefined;
}

/**
 * A task family's procedure. `next` is replayed on every model call from what the conversation
 * holds, so the plan keeps no state of its own.
 */
export interface Plan {
  /** Slugs it may call, so router exposure can search for them all at once. */
  tools: string[];
  next(context: PlanContext): PlanStep;
}

/** Thrown inside a plan to finish with words right away (a failed call, nothing to act on). */
export class PlanAnswer extends Error {}

export const call = (slug: string, values: RoleValues = {}): PlannedCall => ({ slug, values });
export const calls = (...planned: PlannedCall[]): PlanStep => ({ kind: "calls", calls: planned });
export const answer = (text: string): PlanStep => ({ kind: "answer", text });

/** `CELIGO_LIST_FLOWS` -> `list flows`. */
export function humanize(slug: string): string {
  return slug
    .replace(/^(CELIGO|COMPOSIO)_/, "")
    .toLowerCase()
    .replaceAll("_", " ");
}

/** Executed calls of a slug (optionally only those whose arguments pass the test). */
export function executed(
  context: PlanContext,
  slug: string,
  test?: (call: ExecutedCall) => boolean,
) {
  return context.calls.filter((made) => made.slug === slug && (!test || test(made)));
}

/** The data of the latest successful call, undefined if not made yet; a failure ends the plan. */
export function dataOf(context: PlanContext, slug: string, test?: (call: ExecutedCall) => boolean) {
  const made = executed(context, slug, test).at(-1);
  if (!made) return undefined;
  if (!made.result.ok) {
    throw new PlanAnswer(
      `I could not ${humanize(slug)}: ${made.result.error ?? "the tool reported an error"}. Check the request (names, ids, permissions) and try again.`,
    );
  }
  return made.result.data ?? null;
}

export function requirePeriod(context: PlanContext, fallbackHours = 24): Period {
  if (!context.now) {
    throw new PlanAnswer(
      'I cannot tell which dates "today" or "last N hours" mean: the system prompt has no "Current time: <ISO 8601>" line. Add that line, or ask about a flow or job by name or id.',
    );
  }
  return requestedPeriod(context.request, context.now, fallbackHours);
}

/** Objects with an id and a name from a list result (flows, integrations, connections…). */
export function listed(data: unknown): JsonObject[] {
  const seen = new Set<string>();
  return namedObjects(data).filter((object) => {
    const id = String(object._id);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export function label(object: JsonObject): string {
  return `${text(object, "name") ?? "(unnamed)"} (id ${String(object._id)})`;
}

export function nameList(objects: readonly JsonObject[], limit = 12): string {
  const names = objects.slice(0, limit).map(label);
  const rest = objects.length > limit ? `, and ${objects.length - limit} more` : "";
  return names.length > 0 ? `${names.join("; ")}${rest}` : "none";
}

export interface Resolution {
  matches: JsonObject[];
  /** Words the user seemed to use as a name that no candidate has. */
  unknownWords: string[];
}

/** Which of the candidates the request names, by word overlap with their names. */
export function resolveNamed(context: PlanContext, candidates: readonly JsonObject[]): Resolution {
  const nameOf = (object: JsonObject) => text(object, "name") ?? "";
  const matches = bestNameMatches(context.request, candidates, nameOf);
  return { matches, unknownWords: unmatchedNameWords(context.request, candidates.map(nameOf)) };
}

/** The words of a request that looked like a name, for "no flow named … exists". */
export function notFound(
  kind: string,
  resolution: Resolution,
  candidates: readonly JsonObject[],
): string {
  const named = resolution.unknownWords.join(" ");
  return `I found no ${kind} named like "${named}". The ${kind}s that exist: ${nameList(candidates)}. Tell me which one you mean.`;
}

export function isoOrUnknown(value: unknown): string {
  return typeof value === "string" ? value : "unknown time";
}

export function arrayOf(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  if (isObject(value)) {
    const arrays = Object.values(value).filter(Array.isArray);
    const largest = arrays.sort((left, right) => right.length - left.length)[0];
    return largest ? largest.filter(isObject) : [];
  }
  return [];
}
