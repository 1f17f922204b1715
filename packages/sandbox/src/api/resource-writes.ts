import fastJsonPatch from "fast-json-patch";
import type { Account } from "../store/account.ts";
import { recordAudit } from "../store/audit-log.ts";
import type { AuditEntry, StoredDocument } from "../store/resource-types.ts";

const { compare } = fastJsonPatch;

/** Fields the server owns: a client can never set them. */
const serverFields = ["_id", "createdAt", "lastModified"] as const;

export function withoutServerFields(fields: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...fields };
  for (const field of serverFields) delete copy[field];
  return copy;
}

/** The audit `fieldChanges` between two versions of a document. */
export function fieldChanges(before: object, after: object): AuditEntry["fieldChanges"] {
  return compare(before, after)
    .filter((operation) => operation.path !== "/lastModified")
    .map((operation) => {
      const segments = operation.path.split("/").slice(1);
      const topField = segments[0] ?? "";
      return {
        fieldPath: segments.join("."),
        oldValue: topField in before ? readPointer(before, segments) : undefined,
        newValue: "value" in operation ? operation.value : undefined,
      };
    });
}

function readPointer(document: unknown, segments: string[]): unknown {
  let current = document;
  for (const segment of segments) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[
      segment.replaceAll("~1", "/").replaceAll("~0", "~")
    ];
  }
  return current;
}

export function createDocument<T extends StoredDocument>(
  account: Account,
  collection: string,
  store: Map<string, T>,
  fields: Record<string, unknown>,
): T {
  const atMs = account.clock.now();
  const time = new Date(atMs).toISOString();
  const document = {
    ...withoutServerFields(fields),
    _id: account.newId(atMs),
    createdAt: time,
    lastModified: time,
  } as T;
  store.set(document._id, document);
  recordAudit(account, { collection, resourceId: document._id, event: "create", atMs });
  return document;
}

/** Stores `next` as the new version of `existing` (same id and createdAt) and audits the change. */
export function replaceDocument<T extends StoredDocument>(
  account: Account,
  collection: string,
  store: Map<string, T>,
  existing: T,
  next: Record<string, unknown>,
): T {
  const atMs = account.clock.now();
  const document = {
    ...withoutServerFields(next),
    _id: existing._id,
    createdAt: existing.createdAt,
    lastModified: new Date(atMs).toISOString(),
  } as T;
  store.set(document._id, document);
  recordAudit(account, {
    collection,
    resourceId: document._id,
    event: "update",
    atMs,
    fieldChanges: fieldChanges(existing, document),
  });
  return document;
}

export function deleteDocument<T extends StoredDocument>(
  account: Account,
  collection: string,
  store: Map<string, T>,
  id: string,
): void {
  store.delete(id);
  recordAudit(account, { collection, resourceId: id, event: "delete", atMs: account.clock.now() });
}
