import type { Account } from "./account.ts";
import type { AuditEntry, UserIdentity } from "./resource-types.ts";

/** The audit `resourceType` of a REST collection: `flows` -> `flow`, `iClients` -> `iClient`. */
export function auditResourceType(collection: string): string {
  return collection.endsWith("s") ? collection.slice(0, -1) : collection;
}

export interface AuditInput {
  collection: string;
  resourceId: string;
  event: AuditEntry["event"];
  atMs: number;
  fieldChanges?: AuditEntry["fieldChanges"];
  source?: AuditEntry["source"];
  byUser?: UserIdentity;
}

/** Appends one audit entry; every write through the API leaves one. */
export function recordAudit(account: Account, input: AuditInput): AuditEntry {
  const entry: AuditEntry = {
    _id: account.newId(input.atMs),
    time: new Date(input.atMs).toISOString(),
    byUser: input.byUser ?? account.owner,
    source: input.source ?? "api",
    resourceType: auditResourceType(input.collection),
    _resourceId: input.resourceId,
    event: input.event,
    fieldChanges: input.fieldChanges ?? [],
  };
  account.data.audit.push(entry);
  return entry;
}
