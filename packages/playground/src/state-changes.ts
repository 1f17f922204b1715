/**
 * What a turn changed in a sandbox account, in words that name records by name: "NetSuite Item
 * to Shopify Product: disabled false → true", "resolved 3 errors on Amazon Seller Central Orders
 * to NetSuite". Built from two state snapshots (`accountState({ settle: true })`).
 *
 * The eval report is getting the same kind of summary (a `describeStateChanges`-like function
 * in @celigo-agents/evals); this file stands in for it until then. Only column.ts calls it, so
 * swapping is that import plus mapping its result onto `StateChange` if the shapes differ.
 */

export interface StateChange {
  /** One sentence. */
  summary: string;
  /** Supporting lines: which records, which values. */
  details: string[];
}

type SnapshotRecord = Record<string, unknown>;
type Snapshot = Record<string, unknown>;

/** Collections read through their effects on others (jobs, errors) or not at all. */
const derivedCollections = new Set(["jobs", "errors", "audit", "pendingJobIds"]);
/** Bookkeeping fields that change with every write; shown only when nothing else changed. */
const bookkeepingFields = new Set(["lastModified", "updatedAt"]);
const maximumDetails = 12;

export function describeStateChanges(before: unknown, after: unknown): StateChange[] {
  const old = asObject(before);
  const current = asObject(after);
  const names = recordNames(old, current);
  const changes: StateChange[] = [];
  const keys = [...new Set([...Object.keys(old), ...Object.keys(current)])].sort();
  for (const key of keys) {
    if (derivedCollections.has(key)) continue;
    if (JSON.stringify(old[key]) === JSON.stringify(current[key])) continue;
    if (isRecordList(old[key]) && isRecordList(current[key])) {
      changes.push(...recordChanges(key, old[key], current[key]));
    } else {
      changes.push(valueChange(key, old[key], current[key]));
    }
  }
  const retried = retriedErrorIds(old, current);
  changes.push(...errorChanges(old, current, names, retried));
  changes.push(...jobChanges(old, current, names));
  return changes;
}

function recordChanges(
  collection: string,
  before: SnapshotRecord[],
  after: SnapshotRecord[],
): StateChange[] {
  const kind = singular(collection);
  const previous = byId(before);
  const changes: StateChange[] = [];
  for (const record of after) {
    const id = recordId(record);
    const earlier = id === undefined ? undefined : previous.get(id);
    previous.delete(id ?? "");
    if (!earlier) {
      changes.push({ summary: `created ${kind} ${nameOf(record)}`, details: [] });
      continue;
    }
    const fields = changedFields(earlier, record);
    if (fields.length === 0) continue;
    const meaningful = fields.filter((field) => !bookkeepingFields.has(field));
    const shown = meaningful.length > 0 ? meaningful : fields;
    changes.push({
      summary: `${kind} ${nameOf(record)}: ${shown
        .map((field) => `${field} ${show(earlier[field])} → ${show(record[field])}`)
        .join(", ")}`,
      details: [],
    });
  }
  for (const removed of previous.values()) {
    changes.push({ summary: `deleted ${kind} ${nameOf(removed)}`, details: [] });
  }
  return changes;
}

function valueChange(key: string, before: unknown, after: unknown): StateChange {
  const old = asObject(before);
  const current = asObject(after);
  const entries = [...new Set([...Object.keys(old), ...Object.keys(current)])].filter(
    (entry) => JSON.stringify(old[entry]) !== JSON.stringify(current[entry]),
  );
  const details = entries.map((entry) => `${entry}: ${show(old[entry])} → ${show(current[entry])}`);
  return {
    summary: entries.length > 0 ? `${key}: ${entries.length} changed` : `${key} changed`,
    details: limit(details),
  };
}

interface SnapshotError {
  errorId?: string;
  _flowId?: string;
  resolved?: boolean;
  message?: string;
}

/** Errors a retry touched, from the audit entries the turn added (`errors.retried`). */
function retriedErrorIds(before: Snapshot, after: Snapshot): Set<string> {
  const known = new Set(list(before.audit).map((entry) => recordId(entry)));
  const retried = new Set<string>();
  for (const entry of list(after.audit)) {
    if (known.has(recordId(entry))) continue;
    for (const change of list(entry.fieldChanges)) {
      if (change.fieldPath !== "errors.retried" || !Array.isArray(change.newValue)) continue;
      for (const id of change.newValue) retried.add(String(id));
    }
  }
  return retried;
}

function errorChanges(
  before: Snapshot,
  after: Snapshot,
  names: Map<string, string>,
  retried: Set<string>,
): StateChange[] {
  const previous = new Map(
    (list(before.errors) as SnapshotError[]).map((error) => [error.errorId, error]),
  );
  const groups = new Map<string, number>();
  const count = (verb: string, flowId: string | undefined) => {
    const key = `${verb}\u0000${flowId ?? ""}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  };
  for (const error of list(after.errors) as SnapshotError[]) {
    const earlier = previous.get(error.errorId);
    previous.delete(error.errorId);
    if (!earlier) count("new", error._flowId);
    else if (error.errorId !== undefined && retried.has(error.errorId)) {
      count("retried", error._flowId);
    } else if (earlier.resolved !== true && error.resolved === true) {
      count("resolved", error._flowId);
    } else if (earlier.resolved === true && error.resolved !== true) {
      count("reopened", error._flowId);
    }
  }
  for (const removed of previous.values()) count("removed", removed._flowId);
  return [...groups].map(([key, total]) => {
    const [verb = "", flowId = ""] = key.split("\u0000");
    const flow = names.get(flowId) ?? (flowId || "no flow");
    const errors = `${total} error${total === 1 ? "" : "s"}`;
    const summary =
      verb === "new"
        ? `${errors} new on ${flow}`
        : verb === "removed"
          ? `${errors} removed from ${flow}`
          : `${verb} ${errors} on ${flow}`;
    return { summary, details: [] };
  });
}

interface SnapshotJob {
  _id?: string;
  _flowId?: string;
  type?: string;
  status?: string;
  numError?: number;
  numSuccess?: number;
}

/** New jobs by type and flow, with how they ended; updated counts of old jobs are left out. */
function jobChanges(before: Snapshot, after: Snapshot, names: Map<string, string>): StateChange[] {
  const known = new Set((list(before.jobs) as SnapshotJob[]).map((job) => job._id));
  const groups = new Map<string, SnapshotJob[]>();
  for (const job of list(after.jobs) as SnapshotJob[]) {
    if (known.has(job._id)) continue;
    const key = `${job.type ?? "job"}\u0000${job._flowId ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), job]);
  }
  return [...groups].map(([key, jobs]) => {
    const [type = "job", flowId = ""] = key.split("\u0000");
    const flow = names.get(flowId) ?? (flowId || "no flow");
    return {
      summary: `${jobs.length} new ${type} job${jobs.length === 1 ? "" : "s"} on ${flow}`,
      details: limit(
        jobs.map(
          (job) =>
            `${job.status ?? "unknown status"}: ${job.numSuccess ?? 0} succeeded, ${job.numError ?? 0} errors`,
        ),
      ),
    };
  });
}

/** Every record's name by id, from both snapshots (a deleted record keeps its name). */
function recordNames(...snapshots: Snapshot[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const snapshot of snapshots) {
    for (const value of Object.values(snapshot)) {
      if (!isRecordList(value)) continue;
      for (const record of value) {
        const id = recordId(record);
        const name = record.name ?? record.email;
        if (id !== undefined && typeof name === "string") names.set(id, name);
      }
    }
  }
  return names;
}

function changedFields(before: SnapshotRecord, after: SnapshotRecord): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .sort();
}

function byId(records: SnapshotRecord[]): Map<string, SnapshotRecord> {
  return new Map(
    records.flatMap((record) => {
      const id = recordId(record);
      return id === undefined ? [] : [[id, record] as const];
    }),
  );
}

function isRecordList(value: unknown): value is SnapshotRecord[] {
  return Array.isArray(value) && value.every((item) => recordId(item) !== undefined);
}

function recordId(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as SnapshotRecord;
  const id = record._id ?? record.errorId ?? record.id;
  return typeof id === "string" ? id : undefined;
}

function nameOf(record: SnapshotRecord): string {
  const name = record.name ?? record.email;
  return typeof name === "string" ? name : String(recordId(record));
}

function singular(collection: string): string {
  const words: Record<string, string> = {
    mcpservers: "MCP server",
    accesstokens: "MCP access token",
    apis: "API",
    iClients: "iClient",
    ediprofiles: "EDI profile",
    filedefinitions: "file definition",
    ashares: "user share",
  };
  return words[collection] ?? collection.replace(/s$/, "");
}

function show(value: unknown): string {
  if (value === undefined) return "(none)";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function limit(lines: string[]): string[] {
  if (lines.length <= maximumDetails) return lines;
  return [...lines.slice(0, maximumDetails), `… and ${lines.length - maximumDetails} more`];
}

function list(value: unknown): SnapshotRecord[] {
  return Array.isArray(value)
    ? value.filter((item): item is SnapshotRecord => typeof item === "object" && item !== null)
    : [];
}

function asObject(value: unknown): Snapshot {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Snapshot)
    : {};
}
