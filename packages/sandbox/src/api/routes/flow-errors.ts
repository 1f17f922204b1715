import type { Context, Hono } from "hono";
import { z } from "zod";
import { startRetry } from "../../simulation/simulator.ts";
import type { Account } from "../../store/account.ts";
import { recordAudit } from "../../store/audit-log.ts";
import type { FlowDocument, FlowErrorRecord } from "../../store/resource-types.ts";
import type { ApiEnv } from "../api-env.ts";
import { ApiError, notFound } from "../api-error.ts";
import { parseDateFilter } from "../date-filter.ts";
import { flowExportIds, flowImportIds } from "../dependency-graph.ts";
import { largestPageSize, readPagingParameter } from "../paging.ts";
import { readValidBody } from "../request-body.ts";

/** Error Management 2.0 page size; the real one is not public (celigo-api.md). */
const errorPageSize = largestPageSize;

/** The error as integrator.io shows it: the sandbox's own fields (step, cause, record) stay inside. */
export function publicError(error: FlowErrorRecord): Record<string, unknown> {
  const { _flowId, _stepId, cause, retryData, tags, assignedToEmail, ...visible } = error;
  return {
    ...visible,
    ...(tags.length > 0 ? { tags } : {}),
    ...(assignedToEmail === undefined ? {} : { assignedToEmail }),
  };
}

function stepOf(account: Account, flowId: string, stepId: string): FlowDocument {
  const flow = account.data.flows.get(flowId);
  if (flow === undefined) throw notFound("flow", flowId);
  if (!flowExportIds(flow).includes(stepId) && !flowImportIds(flow).includes(stepId)) {
    throw new ApiError(
      404,
      "not_found",
      `${stepId} is not an export or import of flow ${flowId}. Use an id from GET /v1/flows/${flowId}/descendants.`,
    );
  }
  return flow;
}

function errorsOfStep(
  account: Account,
  flowId: string,
  stepId: string,
  resolved: boolean,
): FlowErrorRecord[] {
  return [...account.data.errors.values()].filter(
    (error) =>
      error._flowId === flowId &&
      error._stepId === stepId &&
      (error.resolvedAt !== undefined) === resolved,
  );
}

/** Pages a list in the body, with `nextPageURL` while more remain (error lists page this way). */
function pagedBody(c: Context, key: string, items: Record<string, unknown>[]) {
  const url = new URL(c.req.url);
  const page = readPagingParameter(c, {
    name: "page",
    fallback: 0,
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
  });
  const pageSize = readPagingParameter(c, {
    name: "pageSize",
    fallback: errorPageSize,
    minimum: 1,
    maximum: errorPageSize,
  });
  const slice = items.slice(page * pageSize, (page + 1) * pageSize);
  if ((page + 1) * pageSize >= items.length) return c.json({ [key]: slice });
  url.searchParams.set("page", String(page + 1));
  return c.json({ [key]: slice, nextPageURL: `${url.pathname}${url.search}` });
}

const idList = z.array(z.string()).min(1, "list at least one error id");

export function registerFlowErrorRoutes(api: Hono<ApiEnv>): void {
  api.get("/flows/:flowId/:stepId/errors", (c) => {
    const account = c.get("account");
    const { flowId, stepId } = c.req.param();
    stepOf(account, flowId, stepId);
    const from = parseDateFilter(c.req.query("occurredAt_gte"), "occurredAt_gte");
    const to = parseDateFilter(c.req.query("occurredAt_lte"), "occurredAt_lte");
    const { source, classification, _flowJobId } = c.req.query();
    const errors = errorsOfStep(account, flowId, stepId, false).filter((error) => {
      const time = Date.parse(error.occurredAt);
      return (
        (from === undefined || time >= from) &&
        (to === undefined || time <= to) &&
        (source === undefined || error.source === source) &&
        (classification === undefined || error.classification === classification) &&
        (_flowJobId === undefined || error._flowJobId === _flowJobId)
      );
    });
    return pagedBody(
      c,
      "errors",
      errors.sort((a, b) => b.occurredAt.localeCompare(a.occurredAt)).map(publicError),
    );
  });
  api.get("/flows/:flowId/:stepId/resolved", (c) => {
    const account = c.get("account");
    const { flowId, stepId } = c.req.param();
    stepOf(account, flowId, stepId);
    const from = parseDateFilter(c.req.query("resolvedAt_gte"), "resolvedAt_gte");
    const to = parseDateFilter(c.req.query("resolvedAt_lte"), "resolvedAt_lte");
    const resolved = errorsOfStep(account, flowId, stepId, true).filter((error) => {
      const time = Date.parse(error.resolvedAt ?? "");
      return (from === undefined || time >= from) && (to === undefined || time <= to);
    });
    return pagedBody(
      c,
      "resolved",
      resolved
        .sort((a, b) => (b.resolvedAt ?? "").localeCompare(a.resolvedAt ?? ""))
        .map(publicError),
    );
  });
  api.put("/flows/:flowId/:stepId/resolved", async (c) => {
    const account = c.get("account");
    const { flowId, stepId } = c.req.param();
    stepOf(account, flowId, stepId);
    const { errors } = await readValidBody(c, z.object({ errors: idList }));
    const atMs = account.clock.now();
    for (const error of pick(account, flowId, stepId, errors, false)) {
      error.resolvedAt = new Date(atMs).toISOString();
      error.resolvedBy = account.owner._id;
      adjustJobCounters(account, error);
    }
    recordAudit(account, {
      collection: "flows",
      resourceId: flowId,
      event: "update",
      atMs,
      fieldChanges: [{ fieldPath: "errors.resolved", newValue: errors }],
    });
    return c.body(null, 204);
  });
  api.delete("/flows/:flowId/:stepId/resolved", async (c) => {
    const account = c.get("account");
    const { flowId, stepId } = c.req.param();
    stepOf(account, flowId, stepId);
    const { errors } = await readValidBody(c, z.object({ errors: idList }));
    for (const error of pick(account, flowId, stepId, errors, true))
      account.data.errors.delete(error.errorId);
    recordAudit(account, {
      collection: "flows",
      resourceId: flowId,
      event: "delete",
      atMs: account.clock.now(),
      fieldChanges: [{ fieldPath: "errors.resolved", oldValue: errors }],
    });
    return c.body(null, 204);
  });
  api.post("/flows/:flowId/:stepId/retry", async (c) => {
    const account = c.get("account");
    const { flowId, stepId } = c.req.param();
    stepOf(account, flowId, stepId);
    const body = await readValidBody(
      c,
      z.object({ retryDataKeys: idList.optional(), errorIds: idList.optional() }),
    );
    const keys = new Set([...(body.retryDataKeys ?? []), ...(body.errorIds ?? [])]);
    if (keys.size === 0)
      throw new ApiError(
        422,
        "missing_required_field",
        "Send retryDataKeys (or errorIds) listing the errors to retry.",
        "retryDataKeys",
      );
    const targets = errorsOfStep(account, flowId, stepId, false).filter(
      (error) => keys.has(error.retryDataKey) || keys.has(error.errorId),
    );
    if (targets.length === 0)
      throw new ApiError(
        422,
        "invalid_ref",
        "None of the listed keys matches an open error of this step. Read them from GET .../errors (retryDataKey or errorId).",
        "retryDataKeys",
      );
    const jobId = startRetry(
      account,
      flowId,
      stepId,
      targets.map((error) => error.errorId),
    );
    recordAudit(account, {
      collection: "flows",
      resourceId: flowId,
      event: "update",
      atMs: account.clock.now(),
      fieldChanges: [
        { fieldPath: "errors.retried", newValue: targets.map((error) => error.errorId) },
      ],
    });
    return c.json({ _jobId: jobId });
  });
  api.put("/flows/:flowId/:stepId/errors/assign", async (c) => {
    const account = c.get("account");
    const { flowId, stepId } = c.req.param();
    stepOf(account, flowId, stepId);
    const body = await readValidBody(
      c,
      z.object({ errorIds: idList, email: z.email("must be an email address") }),
    );
    const emails = [
      account.owner.email,
      ...[...account.data.documents.ashares.values()].map(
        (share) => (share.sharedWithUser as { email?: string }).email,
      ),
    ];
    if (!emails.includes(body.email))
      throw new ApiError(
        422,
        "invalid_ref",
        `${body.email} is not a user of this account. Invite them first (POST /v1/invite).`,
        "email",
      );
    for (const error of pick(account, flowId, stepId, body.errorIds, false))
      error.assignedToEmail = body.email;
    recordAudit(account, {
      collection: "flows",
      resourceId: flowId,
      event: "update",
      atMs: account.clock.now(),
      fieldChanges: [{ fieldPath: "errors.assignedToEmail", newValue: body.email }],
    });
    return c.body(null, 204);
  });
  api.put("/flows/:flowId/:stepId/tags", async (c) => {
    const account = c.get("account");
    const { flowId, stepId } = c.req.param();
    stepOf(account, flowId, stepId);
    const body = await readValidBody(
      c,
      z.object({
        errorIds: idList,
        tagIds: z.array(z.string()).max(3, "at most 3 tags per error"),
      }),
    );
    for (const [index, tagId] of body.tagIds.entries()) {
      if (!account.data.documents.tags.has(tagId))
        throw new ApiError(
          422,
          "invalid_ref",
          `Tag ${tagId} does not exist. Create it with POST /v1/tags.`,
          `tagIds.${index}`,
        );
    }
    for (const error of pick(account, flowId, stepId, body.errorIds, false))
      error.tags = [...body.tagIds];
    recordAudit(account, {
      collection: "flows",
      resourceId: flowId,
      event: "update",
      atMs: account.clock.now(),
      fieldChanges: [{ fieldPath: "errors.tags", newValue: body.tagIds }],
    });
    return c.body(null, 204);
  });
}

function pick(
  account: Account,
  flowId: string,
  stepId: string,
  ids: string[],
  resolved: boolean,
): FlowErrorRecord[] {
  const wanted = new Set(ids);
  const found = errorsOfStep(account, flowId, stepId, resolved).filter(
    (error) => wanted.has(error.errorId) || wanted.has(error.retryDataKey),
  );
  if (found.length === 0) {
    throw new ApiError(
      422,
      "invalid_ref",
      `None of the listed ids matches ${resolved ? "a resolved" : "an open"} error of step ${stepId}.`,
      "errors",
    );
  }
  return found;
}

function adjustJobCounters(account: Account, error: FlowErrorRecord): void {
  const job = account.data.jobs.get(error._flowJobId);
  if (job === undefined) return;
  job.numResolved += 1;
  job.numOpenError = Math.max(0, job.numError - job.numResolved);
}
