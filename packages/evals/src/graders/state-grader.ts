/**
 * τ-bench state grading: the agent's final account state must equal the state reached by
 * replaying the case's reference actions on a fresh account of the same scenario and clock.
 * Values the run created (new ids, new timestamps: strings absent from the starting snapshot)
 * are normalized first, so two correct runs compare equal whatever order they did things in:
 * lists of records are keyed by id (a created record by a digest of its normalized content), so
 * a difference reads as `/flows/<id>/disabled` rather than an array index, and lists of plain
 * strings (ids sent in a request, tags) compare as sets.
 */
import { createHash } from "node:crypto";
import jsonPatch, { type Operation } from "fast-json-patch";
import { stateMismatchSummary } from "../reports/state-changes.ts";
import { show } from "./compare-arguments.ts";
import { type GraderResult, graderResult } from "./grader-result.ts";

export interface StateComparison {
  /** The fresh account before anything ran: what counts as "already existing". */
  initial: unknown;
  /** After the reference actions. */
  expected: unknown;
  /** After the agent's run. */
  actual: unknown;
}

const maxDifferences = 8;
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const idKey = /(^_?id$|Id$|_id$|^errorId$)/;
const newId = "<new-id>";

export function gradeState(comparison: StateComparison): GraderResult {
  // Snapshots come with sorted keys, so equal states serialize equally: the common read-only
  // case skips the normalizing walk over a few megabytes.
  if (serialized(comparison.expected) === JSON.stringify(comparison.actual)) {
    return graderResult("state", []);
  }
  const known = knownStrings(comparison.initial);
  const [unchangedExpected, unchangedActual] = withoutUntouchedRecords(comparison);
  const [expected, actual] = keyRecordsById(
    normalizedExpected(unchangedExpected, comparison.initial, known),
    normalizeVolatile(unchangedActual, known),
  );
  // A changed field reads first; a bare timestamp or id difference is usually its side effect.
  const operations = jsonPatch
    .compare(asTree(expected), asTree(actual))
    .sort((left, right) => Number(isVolatileOnly(left)) - Number(isVolatileOnly(right)));
  const details = operations.slice(0, maxDifferences).map((operation) => {
    const where = operation.path || "/";
    if (operation.op === "add") return `unexpected ${where}: ${show(operation.value)}`;
    if (operation.op === "remove") {
      return `missing ${where}: expected ${show(jsonPatch.getValueByPointer(expected, operation.path))}`;
    }
    if (operation.op === "replace") {
      return `${where}: expected ${show(jsonPatch.getValueByPointer(expected, operation.path))}, got ${show(operation.value)}`;
    }
    return `${where}: ${operation.op}`;
  });
  if (operations.length > maxDifferences) {
    details.push(`… and ${operations.length - maxDifferences} more differences`);
  }
  const summary =
    details.length > 0
      ? stateMismatchSummary(comparison.initial, comparison.expected, comparison.actual)
      : undefined;
  return graderResult("state", details, summary);
}

/**
 * Drops, from both sides, each collection and each record (by id) that is byte-identical in the
 * initial, expected and actual snapshots. Such parts hold only strings of the initial snapshot,
 * so normalizing leaves them as they are and the diff finds nothing in them: dropping them
 * changes no finding, and spares walking a week of jobs when a run disabled one flow.
 */
function withoutUntouchedRecords(comparison: StateComparison): [unknown, unknown] {
  const { initial, expected, actual } = comparison;
  if (!isObject(initial) || !isObject(expected) || !isObject(actual)) return [expected, actual];
  const left: Record<string, unknown> = {};
  const right: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const before = initial[key];
    const wanted = expected[key];
    const got = actual[key];
    const initialText = serialized(before);
    if (
      initialText !== undefined &&
      key in initial &&
      serialized(wanted) === initialText &&
      JSON.stringify(got) === initialText
    ) {
      continue;
    }
    if (
      Array.isArray(before) &&
      Array.isArray(wanted) &&
      Array.isArray(got) &&
      isKeyable(before) &&
      isKeyable(wanted) &&
      isKeyable(got)
    ) {
      const initialItems = serializedById(before);
      const expectedItems = serializedById(wanted);
      const actualItems = new Map(got.map((item) => [recordId(item), JSON.stringify(item)]));
      if (
        initialItems.size === before.length &&
        expectedItems.size === wanted.length &&
        actualItems.size === got.length
      ) {
        const untouched = (item: unknown) => {
          const id = recordId(item) as string;
          const text = initialItems.get(id);
          return (
            text !== undefined && expectedItems.get(id) === text && actualItems.get(id) === text
          );
        };
        if (key in expected) left[key] = wanted.filter((item) => !untouched(item));
        if (key in actual) right[key] = got.filter((item) => !untouched(item));
        continue;
      }
    }
    if (key in expected) left[key] = wanted;
    if (key in actual) right[key] = got;
  }
  return [left, right];
}

function isVolatileOnly(operation: Operation): boolean {
  return (
    operation.op === "replace" &&
    (operation.value === "<time>" ||
      operation.value === newId ||
      isoTimestamp.test(String(operation.value)))
  );
}

/** Replaces run-created timestamps with `<time>`, run-created ids with `<new-id>`. */
export function normalizeVolatile(snapshot: unknown, known: ReadonlySet<string>): unknown {
  const newIds = new Set<string>();
  const visit = (value: unknown, key: string | undefined): unknown => {
    if (typeof value === "string") {
      if (known.has(value)) return value;
      if (isoTimestamp.test(value)) return "<time>";
      if (newIds.has(value)) return newId;
      if (key !== undefined && idKey.test(key)) {
        newIds.add(value);
        return newId;
      }
      return value;
    }
    if (Array.isArray(value)) {
      const items = value.map((item) => visit(item, key));
      return items.every((item) => typeof item === "string") ? items.sort() : items;
    }
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([childKey, child]) => [childKey, visit(child, childKey)]),
      );
    }
    return value;
  };
  return visit(snapshot, undefined);
}

/**
 * Arrays whose items (on both sides) all carry a string `_id`, `errorId` or `id` become objects
 * keyed by it. Both trees are walked together so an empty list still lines up with a keyed one.
 */
function keyRecordsById(expected: unknown, actual: unknown): [unknown, unknown] {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (isKeyable(expected) && isKeyable(actual) && expected.length + actual.length > 0) {
      return keyObjects(byId(expected), byId(actual));
    }
    if (expected.length === actual.length) {
      const pairs = expected.map((item, index) => keyRecordsById(item, actual[index]));
      return [pairs.map(([left]) => left), pairs.map(([, right]) => right)];
    }
    return [expected, actual];
  }
  if (isObject(expected) && isObject(actual)) return keyObjects(expected, actual);
  return [expected, actual];
}

function keyObjects(
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
): [unknown, unknown] {
  const left: Record<string, unknown> = {};
  const right: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const [expectedChild, actualChild] = keyRecordsById(expected[key], actual[key]);
    if (key in expected) left[key] = expectedChild;
    if (key in actual) right[key] = actualChild;
  }
  return [left, right];
}

function isKeyable(items: readonly unknown[]): boolean {
  return items.every((item) => recordId(item) !== undefined);
}

/** Keyed by id; created records (all `<new-id>`) by a digest of their content, numbered if equal. */
function byId(items: readonly unknown[]): Record<string, unknown> {
  const keyed: Record<string, unknown> = {};
  for (const item of items) {
    let key = recordId(item) as string;
    if (key === newId) {
      const digest = createHash("sha256").update(JSON.stringify(item)).digest("hex");
      key = `<new-${digest.slice(0, 8)}>`;
    }
    let unique = key;
    for (let copy = 2; unique in keyed; copy++) unique = `${key}#${copy}`;
    keyed[unique] = item;
  }
  return keyed;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function recordId(item: unknown): string | undefined {
  if (typeof item !== "object" || item === null) return undefined;
  const record = item as Record<string, unknown>;
  const id = record._id ?? record.errorId ?? record.id;
  return typeof id === "string" ? id : undefined;
}

// Every run of a case compares against the same initial and expected snapshots: the work done
// on them once is kept for the eval's other runs.
const serializedCache = new WeakMap<object, string>();
const serializedItemsCache = new WeakMap<object, Map<string, string>>();
const knownCache = new WeakMap<object, Set<string>>();
const normalizedCache = new WeakMap<object, { initial: unknown; normalized: unknown }>();

function serialized(snapshot: unknown): string | undefined {
  if (typeof snapshot !== "object" || snapshot === null) return JSON.stringify(snapshot);
  let text = serializedCache.get(snapshot);
  if (text === undefined) {
    text = JSON.stringify(snapshot);
    serializedCache.set(snapshot, text);
  }
  return text;
}

/** Each record's JSON by its id, kept for the snapshots every run of a case shares. */
function serializedById(items: readonly unknown[]): Map<string, string> {
  let map = serializedItemsCache.get(items);
  if (!map) {
    map = new Map(items.map((item) => [recordId(item) as string, JSON.stringify(item)]));
    serializedItemsCache.set(items, map);
  }
  return map;
}

function knownStrings(initial: unknown): Set<string> {
  const cached = typeof initial === "object" && initial !== null && knownCache.get(initial);
  if (cached) return cached;
  const known = new Set<string>();
  collectStrings(initial, known);
  if (typeof initial === "object" && initial !== null) knownCache.set(initial, known);
  return known;
}

function normalizedExpected(expected: unknown, initial: unknown, known: Set<string>): unknown {
  if (typeof expected !== "object" || expected === null) return normalizeVolatile(expected, known);
  const cached = normalizedCache.get(expected);
  if (cached !== undefined && cached.initial === initial) return cached.normalized;
  const normalized = normalizeVolatile(expected, known);
  normalizedCache.set(expected, { initial, normalized });
  return normalized;
}

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === "string") into.add(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) collectStrings(child, into);
  }
}

function asTree(value: unknown): object {
  return typeof value === "object" && value !== null ? value : { value };
}
