/**
 * Scenario ids depend on the scenario clock, so cases name records instead:
 * `{ $id: flow, name: "Shopify Order to NetSuite Sales Order" }` becomes that flow's `_id`,
 * looked up in the fresh account's state snapshot. Users may be named by email too.
 */
export interface RecordReference {
  $id: string;
  name: string;
}

export function isRecordReference(value: unknown): value is RecordReference {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.$id === "string" && typeof record.name === "string";
}

/** Returns `value` with every reference replaced by the id it names; throws naming a bad one. */
export function resolveReferences(value: unknown, snapshot: unknown): unknown {
  if (isRecordReference(value)) return findId(snapshot, value);
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, snapshot));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, resolveReferences(child, snapshot)]),
    );
  }
  return value;
}

function findId(snapshot: unknown, reference: RecordReference): string {
  const kind = reference.$id.toLowerCase();
  const matches: Array<{ id: string; inKind: boolean }> = [];
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, path);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    const record = value as Record<string, unknown>;
    const id = record._id ?? record.id;
    const named = record.name === reference.name || record.email === reference.name;
    if (named && typeof id === "string") matches.push({ id, inKind: path.includes(kind) });
    for (const [key, child] of Object.entries(record)) visit(child, `${path}/${key.toLowerCase()}`);
  };
  visit(snapshot, "");
  const best = matches.filter((match) => match.inKind);
  const chosen = (best.length > 0 ? best : matches)[0];
  if (!chosen) {
    throw new Error(
      `No ${reference.$id} named "${reference.name}" exists in the scenario. Fix the name in the case (it must match the scenario's data exactly).`,
    );
  }
  return chosen.id;
}
