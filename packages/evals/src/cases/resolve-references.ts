/**
 * Scenario ids depend on the scenario clock, so cases name records instead:
 * `{ $id: flow, name: "Shopify Order to NetSuite Sales Order" }` becomes that flow's `_id`,
 * looked up in the fresh account's state snapshot. Users may be named by email too.
 * `{ $errorIds: { flow: "<flow name>", step: "<export or import name>" } }` becomes the ids of
 * that step's open errors, for reference actions that retry or resolve them.
 */
export interface RecordReference {
  $id: string;
  name: string;
}

export interface OpenErrorsReference {
  $errorIds: { flow: string; step?: string };
}

export function isRecordReference(value: unknown): value is RecordReference {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.$id === "string" && typeof record.name === "string";
}

export function isOpenErrorsReference(value: unknown): value is OpenErrorsReference {
  if (typeof value !== "object" || value === null) return false;
  const inner = (value as Record<string, unknown>).$errorIds;
  if (typeof inner !== "object" || inner === null) return false;
  const { flow, step } = inner as Record<string, unknown>;
  return typeof flow === "string" && (step === undefined || typeof step === "string");
}

/** Returns `value` with every reference replaced by the id it names; throws naming a bad one. */
export function resolveReferences(value: unknown, snapshot: unknown): unknown {
  if (isRecordReference(value)) return findId(snapshot, value);
  if (isOpenErrorsReference(value)) return openErrorIds(snapshot, value);
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, snapshot));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, resolveReferences(child, snapshot)]),
    );
  }
  return value;
}

interface NamedRecord {
  id: string;
  /** Lower-cased keys from the snapshot's root to the record, e.g. `/flows`. */
  path: string;
}

/** Every named record of a snapshot by name and email, built once per snapshot (it is large). */
const indexes = new WeakMap<object, Map<string, NamedRecord[]>>();

function namedRecords(snapshot: unknown): Map<string, NamedRecord[]> {
  const cached = typeof snapshot === "object" && snapshot !== null && indexes.get(snapshot);
  if (cached) return cached;
  const index = new Map<string, NamedRecord[]>();
  const add = (key: unknown, record: NamedRecord) => {
    if (typeof key !== "string") return;
    const records = index.get(key);
    if (records) records.push(record);
    else index.set(key, [record]);
  };
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, path);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    const record = value as Record<string, unknown>;
    const id = record._id ?? record.id;
    if (typeof id === "string") {
      add(record.name, { id, path });
      if (record.email !== record.name) add(record.email, { id, path });
    }
    for (const [key, child] of Object.entries(record)) {
      if (typeof child === "object" && child !== null) visit(child, `${path}/${key.toLowerCase()}`);
    }
  };
  visit(snapshot, "");
  if (typeof snapshot === "object" && snapshot !== null) indexes.set(snapshot, index);
  return index;
}

function findId(snapshot: unknown, reference: RecordReference): string {
  const kind = reference.$id.toLowerCase();
  const matches = namedRecords(snapshot).get(reference.name) ?? [];
  const best = matches.filter((match) => match.path.includes(kind));
  const chosen = (best.length > 0 ? best : matches)[0];
  if (!chosen) {
    throw new Error(
      `No ${reference.$id} named "${reference.name}" exists in the scenario. Fix the name in the case (it must match the scenario's data exactly).`,
    );
  }
  return chosen.id;
}

interface SnapshotError {
  errorId?: unknown;
  _flowId?: unknown;
  _stepId?: unknown;
  resolved?: unknown;
}

/** The open errors of a flow (or one of its steps), in the snapshot's order (by errorId). */
function openErrorIds(snapshot: unknown, reference: OpenErrorsReference): string[] {
  const { flow, step } = reference.$errorIds;
  const flowId = findId(snapshot, { $id: "flow", name: flow });
  const stepId =
    step === undefined
      ? undefined
      : findId(snapshot, { $id: stepKind(snapshot, step), name: step });
  const errors = (snapshot as { errors?: SnapshotError[] } | null)?.errors ?? [];
  const ids = errors
    .filter(
      (error) =>
        error.resolved !== true &&
        error._flowId === flowId &&
        (stepId === undefined || error._stepId === stepId),
    )
    .map((error) => String(error.errorId));
  if (ids.length === 0) {
    throw new Error(
      `${step === undefined ? `Flow "${flow}"` : `Step "${step}" of flow "${flow}"`} has no open errors in the scenario, so there is nothing to retry or resolve. Name a step that has open errors.`,
    );
  }
  return ids;
}

/** A step is an export or an import; whichever collection holds the name. */
function stepKind(snapshot: unknown, name: string): "export" | "import" {
  const imports = (snapshot as { imports?: Array<{ name?: unknown }> } | null)?.imports ?? [];
  return imports.some((record) => record.name === name) ? "import" : "export";
}
