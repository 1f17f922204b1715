import type { Hono } from "hono";
import { stateResourceTypes } from "../../celigo-vocabulary.ts";
import type { Account } from "../../store/account.ts";
import { auditResourceType } from "../../store/audit-log.ts";
import type { AuditEntry, StoredDocument } from "../../store/resource-types.ts";
import type { ApiEnv } from "../api-env.ts";
import { ApiError, notFound } from "../api-error.ts";
import { parseDateFilter } from "../date-filter.ts";
import { dependenciesOf } from "../dependency-graph.ts";
import { listResponse } from "../list-response.ts";

/** The resource behind `/{resourceType}/{id}/…`, or a 404 naming the accepted types. */
export function resourceOf(account: Account, resourceType: string, id: string): StoredDocument {
  if (!(stateResourceTypes as readonly string[]).includes(resourceType)) {
    throw new ApiError(
      404,
      "not_found",
      `Unknown resource type "${resourceType}". Use one of: ${stateResourceTypes.join(", ")}.`,
    );
  }
  const store =
    resourceType === "flows"
      ? account.data.flows
      : account.data.documents[
          resourceType as Exclude<(typeof stateResourceTypes)[number], "flows">
        ];
  const document = store.get(id);
  if (document === undefined) throw notFound(auditResourceType(resourceType), id);
  return document;
}

function filterAudit(entries: AuditEntry[], query: Record<string, string>): AuditEntry[] {
  const from = parseDateFilter(query.from, "from");
  const to = parseDateFilter(query.to, "to");
  // Newest first; entries of the same millisecond keep the log's order (later write first).
  const position = new Map(entries.map((entry, index) => [entry, index]));
  return entries
    .filter((entry) => {
      const time = Date.parse(entry.time);
      return (
        (query.resourceType === undefined || entry.resourceType === query.resourceType) &&
        (query._resourceId === undefined || entry._resourceId === query._resourceId) &&
        (query._byUserId === undefined || entry.byUser._id === query._byUserId) &&
        (query.source === undefined || entry.source === query.source) &&
        (query.action === undefined || entry.event === query.action) &&
        (from === undefined || time >= from) &&
        (to === undefined || time <= to)
      );
    })
    .sort(
      (a, b) => b.time.localeCompare(a.time) || (position.get(b) ?? 0) - (position.get(a) ?? 0),
    );
}

/** Audit log (account-wide and per resource) and dependencies. */
export function registerScopedResourceRoutes(api: Hono<ApiEnv>): void {
  api.get("/audit", (c) => {
    const entries = filterAudit(c.get("account").data.audit, c.req.query());
    return listResponse(c, entries as unknown as Record<string, unknown>[], {
      summaryFields: ["time", "resourceType", "_resourceId", "event", "byUser"],
    });
  });
  api.get("/:resourceType/:id/audit", (c) => {
    const account = c.get("account");
    const { resourceType, id } = c.req.param();
    resourceOf(account, resourceType, id);
    const ids = new Set([id]);
    if (resourceType === "integrations") {
      for (const flow of account.data.flows.values())
        if (flow._integrationId === id) ids.add(flow._id);
    }
    const entries = filterAudit(
      account.data.audit.filter((entry) => ids.has(entry._resourceId)),
      c.req.query(),
    );
    return listResponse(c, entries as unknown as Record<string, unknown>[]);
  });
  // A well-formed unknown id answers `{}`, as the `/dependencies` operation of
  // https://developer.celigo.com/api/api-reference/mcp-servers says; an unknown type is a 404.
  api.get("/:resourceType/:id/dependencies", (c) => {
    const { resourceType, id } = c.req.param();
    if (!(stateResourceTypes as readonly string[]).includes(resourceType))
      resourceOf(c.get("account"), resourceType, id);
    return c.json(dependenciesOf(c.get("account"), resourceType, id));
  });
}
