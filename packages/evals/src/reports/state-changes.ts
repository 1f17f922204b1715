/**
 * What changed between two sandbox account snapshots (`accountState`), in plain words that name
 * records by name: "resolved 8 errors on Shopify Order to NetSuite Sales Order", "disabled flow
 * NetSuite Item to Shopify Product". Used by the state grader's failure summary and by the
 * playground's "Changes" view, so both say the same thing.
 *
 * Sources, in order: the audit trail's error actions (`errors.retried`, `errors.resolved`, with
 * the error ids), records of every document collection compared by `_id` (created, deleted,
 * soft-deleted, changed fields), and new jobs other than retries (runs started). Errors resolved
 * by a retry's outcome (`resolvedBy: "auto"`) and bookkeeping fields (`lastModified`,
 * `lastExecutedAt`) are consequences, not changes of their own.
 */

export type StateChangeKind =
  | "created"
  | "deleted"
  | "changed"
  | "disabled"
  | "enabled"
  | "started"
  | "errors";

export interface StateChange {
  kind: StateChangeKind;
  /** Singular resource type, e.g. "flow", "connection", "MCP server". */
  resource: string;
  /** The record's name (flow name, user email, tag), or its id when it has none. */
  name: string;
  /** The plain sentence, e.g. "retried 34 errors on Shopify Order to NetSuite Sales Order". */
  text: string;
  /** How many errors or runs the sentence counts, when it counts any. */
  count?: number;
}

type Snapshot = Record<string, unknown>;
type Item = Record<string, unknown>;

/** Collections that are bookkeeping or described through other changes. */
const skippedCollections = new Set([
  "audit",
  "jobs",
  "errors",
  "owner",
  "pendingJobIds",
  "scenario",
  "startedAt",
  "lastExportDateTimes",
  "scriptLogs",
]);
const bookkeepingFields = new Set(["lastModified", "lastExecutedAt", "updatedAt", "lastUsedAt"]);
const singular: Record<string, string> = {
  ashares: "user access",
  accesstokens: "MCP access token",
  apis: "API",
  connections: "connection",
  ediprofiles: "EDI profile",
  exports: "export",
  filedefinitions: "file definition",
  flows: "flow",
  iClients: "iClient",
  imports: "import",
  integrations: "integration",
  licenses: "license",
  mcpservers: "MCP server",
  revisions: "revision",
  scripts: "script",
  tags: "tag",
  tools: "tool",
};

export function describeStateChanges(before: unknown, after: unknown): StateChange[] {
  const previous = asSnapshot(before);
  const next = asSnapshot(after);
  const names = nameIndex(previous, next);
  return [
    ...errorActions(previous, next, names),
    ...recordChanges(previous, next),
    ...startedJobs(previous, next, names),
    ...stateChanges(previous, next),
  ];
}

/** The changes as one line: "retried 3 errors on X; disabled flow Y", or "no change". */
export function changesSentence(changes: readonly StateChange[]): string {
  return changes.length === 0 ? "no change" : changes.map((change) => change.text).join("; ");
}

/**
 * Why a final state differs from the expected one, in words: what the run changed, and where the
 * request pointed when the run changed other records, e.g. "resolved 8 errors on Shopify Order to
 * NetSuite Sales Order; the request named Amazon Seller Central Orders to NetSuite (expected:
 * resolved 8 errors on Amazon Seller Central Orders to NetSuite)". Undefined when both change
 * the same things in the same words (the difference is in details the raw diff shows).
 */
export function stateMismatchSummary(
  initial: unknown,
  expected: unknown,
  actual: unknown,
): string | undefined {
  const wanted = describeStateChanges(initial, expected);
  const done = describeStateChanges(initial, actual);
  const wantedText = changesSentence(wanted);
  const doneText = changesSentence(done);
  if (wantedText === doneText) return undefined;
  const doneNames = new Set(done.map((change) => change.name));
  const missedNames = [
    ...new Set(wanted.map((change) => change.name).filter((name) => !doneNames.has(name))),
  ];
  const what = done.length === 0 ? "changed nothing" : doneText;
  if (missedNames.length > 0 && done.length > 0) {
    return `${what}; the request named ${missedNames.join(", ")} (expected: ${wantedText})`;
  }
  return `${what}; expected: ${wantedText}`;
}

function errorActions(previous: Snapshot, next: Snapshot, names: NameIndex): StateChange[] {
  const seen = new Set(items(previous.audit).map((entry) => String(entry._id)));
  const totals = new Map<string, { verb: string; flow: string; count: number }>();
  for (const entry of items(next.audit)) {
    if (seen.has(String(entry._id))) continue;
    for (const change of items(entry.fieldChanges)) {
      const field = String(change.fieldPath ?? "");
      if (!field.startsWith("errors.")) continue;
      const verb = field.slice("errors.".length);
      const count = Array.isArray(change.newValue) ? change.newValue.length : 1;
      const flow = names.get(String(entry._resourceId)) ?? String(entry._resourceId);
      const key = `${verb}\n${flow}`;
      const total = totals.get(key) ?? { verb, flow, count: 0 };
      total.count += count;
      totals.set(key, total);
    }
  }
  const changes = [...totals.values()].map(
    ({ verb, flow, count }): StateChange => ({
      kind: "errors",
      resource: "flow",
      name: flow,
      count,
      text: `${verb} ${count} error${count === 1 ? "" : "s"} on ${flow}`,
    }),
  );
  // Resolved without an audit entry (another writer): still a change worth naming.
  const audited = new Set(
    changes.filter((change) => change.text.startsWith("resolved")).map((change) => change.name),
  );
  const wasOpen = new Set(
    items(previous.errors)
      .filter((error) => error.resolved !== true)
      .map((error) => String(error.errorId)),
  );
  const unaudited = new Map<string, number>();
  for (const error of items(next.errors)) {
    if (error.resolved !== true || !wasOpen.has(String(error.errorId))) continue;
    if (error.resolvedBy === "auto") continue;
    const flow = names.get(String(error._flowId)) ?? String(error._flowId);
    if (audited.has(flow)) continue;
    unaudited.set(flow, (unaudited.get(flow) ?? 0) + 1);
  }
  for (const [flow, count] of unaudited) {
    changes.push({
      kind: "errors",
      resource: "flow",
      name: flow,
      count,
      text: `resolved ${count} error${count === 1 ? "" : "s"} on ${flow}`,
    });
  }
  return changes;
}

function recordChanges(previous: Snapshot, next: Snapshot): StateChange[] {
  const changes: StateChange[] = [];
  const collections = new Set([...Object.keys(previous), ...Object.keys(next)]);
  for (const collection of collections) {
    if (skippedCollections.has(collection)) continue;
    const before = previous[collection];
    const after = next[collection];
    if (!Array.isArray(before) && !Array.isArray(after)) continue;
    const resource = singular[collection] ?? collection;
    const old = byId(items(before));
    const current = byId(items(after));
    for (const [id, item] of current) {
      const earlier = old.get(id);
      const name = recordName(item, id);
      if (!earlier) {
        changes.push({ kind: "created", resource, name, text: `created ${resource} ${name}` });
        continue;
      }
      const fields = changedFields(earlier, item);
      if (fields.length === 0) continue;
      if (fields.includes("deletedAt") && item.deletedAt !== undefined) {
        changes.push({ kind: "deleted", resource, name, text: `deleted ${resource} ${name}` });
        continue;
      }
      if (fields.includes("disabled") && typeof item.disabled === "boolean") {
        const kind = item.disabled ? "disabled" : "enabled";
        changes.push({ kind, resource, name, text: `${kind} ${resource} ${name}` });
        const rest = fields.filter((field) => field !== "disabled");
        if (rest.length === 0) continue;
        changes.push(changedRecord(resource, name, rest, earlier, item));
        continue;
      }
      changes.push(changedRecord(resource, name, fields, earlier, item));
    }
    for (const [id, item] of old) {
      if (current.has(id)) continue;
      const name = recordName(item, id);
      changes.push({ kind: "deleted", resource, name, text: `deleted ${resource} ${name}` });
    }
  }
  return changes;
}

function changedRecord(
  resource: string,
  name: string,
  fields: readonly string[],
  earlier: Item,
  item: Item,
): StateChange {
  const shown = fields.slice(0, 3).map((field) => {
    const from = earlier[field];
    const to = item[field];
    return isScalar(from) && isScalar(to) ? `${field} ${show(from)} to ${show(to)}` : field;
  });
  const more = fields.length > 3 ? ` and ${fields.length - 3} more fields` : "";
  return {
    kind: "changed",
    resource,
    name,
    text: `changed ${resource} ${name}: ${shown.join(", ")}${more}`,
  };
}

function startedJobs(previous: Snapshot, next: Snapshot, names: NameIndex): StateChange[] {
  const seen = new Set(items(previous.jobs).map((job) => String(job._id)));
  const counts = new Map<string, { flow: string; type: string; count: number }>();
  for (const job of items(next.jobs)) {
    // Retry jobs are the retries the error actions already name; child jobs belong to a run.
    if (seen.has(String(job._id)) || job.type === "retry" || job._flowJobId !== undefined) continue;
    if (job._exportId !== undefined || job._importId !== undefined) continue;
    const flow = names.get(String(job._flowId)) ?? String(job._flowId ?? "an unknown flow");
    const type = String(job.type ?? "flow");
    const key = `${type}\n${flow}`;
    const entry = counts.get(key) ?? { flow, type, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].map(({ flow, type, count }) => ({
    kind: "started" as const,
    resource: "flow",
    name: flow,
    count,
    text:
      type === "flow"
        ? `started ${count === 1 ? "a run" : `${count} runs`} of ${flow}`
        : `started ${count} ${type} job${count === 1 ? "" : "s"} on ${flow}`,
  }));
}

function stateChanges(previous: Snapshot, next: Snapshot): StateChange[] {
  const before = JSON.stringify(previous.state ?? null);
  const after = JSON.stringify(next.state ?? null);
  if (before === after) return [];
  return [{ kind: "changed", resource: "state", name: "state", text: "changed stored state" }];
}

type NameIndex = Map<string, string>;

/** Every record's display name by id, from both snapshots (a deleted record keeps its name). */
function nameIndex(...snapshots: Snapshot[]): NameIndex {
  const names: NameIndex = new Map();
  for (const snapshot of snapshots) {
    for (const [collection, value] of Object.entries(snapshot)) {
      if (skippedCollections.has(collection) || !Array.isArray(value)) continue;
      for (const item of items(value)) {
        const id = item._id;
        if (typeof id === "string") names.set(id, recordName(item, id));
      }
    }
  }
  return names;
}

function recordName(item: Item, id: string): string {
  const user = item.sharedWithUser as Item | undefined;
  const candidates = [item.name, item.tag, user?.email, item.email, item.relativeURI];
  const name = candidates.find((value) => typeof value === "string" && value.length > 0);
  return typeof name === "string" ? name : id;
}

function changedFields(before: Item, after: Item): string[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields].filter(
    (field) =>
      !bookkeepingFields.has(field) &&
      JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
}

function byId(list: readonly Item[]): Map<string, Item> {
  const map = new Map<string, Item>();
  for (const item of list) {
    const id = item._id ?? item.errorId ?? item.id;
    if (typeof id === "string") map.set(id, item);
  }
  return map;
}

function items(value: unknown): Item[] {
  return Array.isArray(value)
    ? value.filter((item): item is Item => typeof item === "object" && item !== null)
    : [];
}

function asSnapshot(value: unknown): Snapshot {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Snapshot)
    : {};
}

function isScalar(value: unknown): boolean {
  return value === undefined || value === null || typeof value !== "object";
}

function show(value: unknown): string {
  return value === undefined ? "(none)" : JSON.stringify(value);
}
