import { linkNames } from "../../language/entity-linker.ts";
import { type Period, resolvePeriod } from "../../language/time-expressions.ts";
import { timeInWords } from "../../language/time-zones.ts";
import type { RoleValues } from "../argument-filling.ts";
import type { ExecutedCall } from "../conversation-history.ts";
import { namesInText, type RequestFrame } from "../request-frame.ts";
import { isObject, type JsonObject, namedObjects, text } from "../tool-results.ts";

/** One call a plan wants, before it is bound to a tool name and schema. */
export interface PlannedCall {
  slug: string;
  values: RoleValues;
}

export type PlanStep = { kind: "calls"; calls: PlannedCall[] } | { kind: "answer"; text: string };

export interface PlanContext {
  request: string;
  frame: RequestFrame;
  now: Date | undefined;
  /** The account's time zone, for periods and times in answers. */
  zone: string;
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

function requireNow(context: PlanContext): Date {
  if (!context.now) {
    throw new PlanAnswer(
      'I cannot tell which dates "today" or "last N hours" mean: the system prompt has no "Current time: <ISO 8601>" line. Add that line, or ask about a flow or job by name or id.',
    );
  }
  return context.now;
}

/** The window the request names, or the last `fallbackHours` when it names none. */
export function requirePeriod(context: PlanContext, fallbackHours = 24): Period {
  return resolvePeriod(
    context.frame.periodText ?? "",
    requireNow(context),
    context.zone,
    fallbackHours,
  );
}

/** The window the request names, if it names one. */
export function namedPeriod(context: PlanContext): Period | undefined {
  if (!context.frame.periodText || !context.now) return undefined;
  return resolvePeriod(context.frame.periodText, context.now, context.zone);
}

/** A time in the account's zone, in words ("today 09:15 UTC"). */
export function when(context: PlanContext, value: unknown): string {
  return timeInWords(value, context.now, context.zone);
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

export const nameOf = (object: JsonObject) => text(object, "name") ?? "(unnamed)";

/** A record's name, with its id only when the user asked for ids. */
export function label(context: PlanContext, object: JsonObject): string {
  return context.frame.wantsIds ? `${nameOf(object)} (id ${String(object._id)})` : nameOf(object);
}

const defaultListLimit = 10;

/** Up to `limit` lines (all when the user asked for everything), then how to see the rest. */
export function cutList(
  context: PlanContext,
  lines: readonly string[],
  noun: string,
  limit = defaultListLimit,
): string {
  if (context.frame.showAll || lines.length <= limit) return lines.join("\n");
  return `${lines.slice(0, limit).join("\n")}\n…and ${lines.length - limit} more ${noun} (ask "show all ${noun}" to see every one).`;
}

export function nameList(context: PlanContext, objects: readonly JsonObject[], limit = 12): string {
  const names = objects.slice(0, limit).map((object) => label(context, object));
  const rest = objects.length > limit ? `, and ${objects.length - limit} more` : "";
  return names.length > 0 ? `${names.join("; ")}${rest}` : "none";
}

export const plural = (count: number, noun: string, nouns = `${noun}s`) =>
  `${count.toLocaleString("en-US")} ${count === 1 ? noun : nouns}`;

export type Targets =
  | { status: "found"; records: JsonObject[]; note: string }
  | { status: "question"; text: string }
  | { status: "unnamed" };

/**
 * The records the request names among the candidates: those an earlier answer listed and this
 * turn points back at, else those its words link to. A misspelt name is confirmed before a
 * write; several records fitting a singular request, or a name that fits nothing, get a
 * question back.
 */
export function resolveTargets(
  context: PlanContext,
  kind: string,
  candidates: readonly JsonObject[],
  options: { write: boolean; verb?: string },
): Targets {
  const frame = context.frame;
  if (frame.pick && frame.previousAnswer) {
    const listedBefore = namesInText(frame.previousAnswer, candidates, nameOf);
    if (listedBefore.length > 0) {
      if (frame.pick.which === "all") return { status: "found", records: listedBefore, note: "" };
      const position = frame.pick.position === -1 ? listedBefore.length : frame.pick.position;
      const picked = listedBefore[position - 1];
      if (picked) return { status: "found", records: [picked], note: "" };
      return {
        status: "question",
        text: `My last answer named ${plural(listedBefore.length, kind)}, so there is no number ${position}. Which one do you mean: ${nameList(context, listedBefore)}?`,
      };
    }
  }
  const link = linkNames(frame.mention, candidates, nameOf, { plural: frame.plural });
  switch (link.status) {
    case "unique":
    case "several":
      return { status: "found", records: link.matches, note: "" };
    case "suggestion": {
      const target = link.matches[0] as JsonObject;
      const read = link.corrections
        .map((entry) => `"${entry.written}" as ${entry.meant}`)
        .join(", ");
      if (options.write) {
        return {
          status: "question",
          text: `Did you mean "${nameOf(target)}"? I read ${read}. Reply yes and I will ${options.verb ?? "go ahead"}, or tell me the exact name.`,
        };
      }
      return {
        status: "found",
        records: [target],
        note: `(I read ${read}: did you mean "${nameOf(target)}"?)`,
      };
    }
    case "ambiguous":
      return {
        status: "question",
        text: `Several ${kind}s match what you wrote:\n${link.matches.map((item, index) => `${index + 1}. ${label(context, item)}`).join("\n")}\nWhich one do you mean? Reply with its number or name.`,
      };
    case "unknown":
      return {
        status: "question",
        text: `I found no ${kind} named like "${link.unknownWords.join(" ")}". The ${kind}s that exist: ${nameList(context, candidates)}. Tell me which one you mean.`,
      };
    default:
      return { status: "unnamed" };
  }
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

/** Text cut to a length, on a word boundary, with an ellipsis. */
export function shorten(value: string, length = 110): string {
  const single = value.replace(/\s+/g, " ").trim();
  if (single.length <= length) return single;
  return `${single.slice(0, single.lastIndexOf(" ", length - 1) > 40 ? single.lastIndexOf(" ", length - 1) : length - 1)}…`;
}

/** Errors grouped by code, most frequent first: "INVALID_KEY_OR_REF ×12: Invalid item…". */
export function errorsByCode(context: PlanContext, errors: readonly JsonObject[], top = 5): string {
  const groups = new Map<string, JsonObject[]>();
  for (const error of errors) {
    const code = text(error, "code") ?? "no code";
    groups.set(code, [...(groups.get(code) ?? []), error]);
  }
  const ranked = [...groups.entries()].sort(
    (left, right) => right[1].length - left[1].length || left[0].localeCompare(right[0]),
  );
  const lines = ranked.slice(0, top).map(([code, group]) => {
    const latest = group
      .map((error) => text(error, "occurredAt") ?? "")
      .sort()
      .at(-1);
    const sample = text(group[0], "message") ?? "";
    return `  - ${code} ×${group.length}, latest ${when(context, latest)}: ${shorten(sample)}`;
  });
  const rest = ranked.length > top ? `\n  - …and ${plural(ranked.length - top, "more code")}` : "";
  return `${lines.join("\n")}${rest}`;
}
