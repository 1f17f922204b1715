import type { Hono } from "hono";
import { jobStatuses, jobTypes } from "../../celigo-vocabulary.ts";
import { childJobsOf, isActive } from "../../simulation/job-factory.ts";
import type { Account } from "../../store/account.ts";
import type { JobDocument } from "../../store/resource-types.ts";
import type { ApiEnv } from "../api-env.ts";
import { ApiError, notFound } from "../api-error.ts";
import { parseDateFilter } from "../date-filter.ts";
import { largestPageSize, readOffsetPaging, readPagingParameter } from "../paging.ts";
import { publicError } from "./flow-errors.ts";

const idFilters = ["_integrationId", "_flowId", "_exportId", "_importId", "_flowJobId"] as const;
const counters = ["numError", "numSuccess", "numIgnore", "numResolved"] as const;

function jobOf(account: Account, id: string): JobDocument {
  const job = account.data.jobs.get(id);
  if (job === undefined) throw notFound("job", id);
  return job;
}

export function registerJobRoutes(api: Hono<ApiEnv>): void {
  api.get("/jobs", (c) => {
    const account = c.get("account");
    const query = c.req.query();
    // Jobs have no cursor (celigo-api.md): newest first, about 1000 a page, the next page by
    // createdAt_lte; so no Link header, but skip and pageSize are read like every list's.
    const { skip, pageSize } = readOffsetPaging(c);
    const type = query.type;
    if (type !== undefined && !(jobTypes as readonly string[]).includes(type)) {
      throw new ApiError(
        400,
        "invalid_query",
        `type must be one of ${jobTypes.join(", ")}; got "${type}".`,
        "type",
      );
    }
    const hasId = idFilters.some((name) => query[name] !== undefined);
    const hasDate = query.createdAt_gte !== undefined || query.createdAt_lte !== undefined;
    if (
      (type === "export" || type === "import") &&
      !(
        query._flowJobId !== undefined ||
        query._exportId !== undefined ||
        query._importId !== undefined
      )
    ) {
      throw new ApiError(
        400,
        "invalid_query",
        `Listing ${type} jobs needs _flowJobId or _${type}Id.`,
      );
    }
    if (!hasId && !hasDate) {
      throw new ApiError(
        400,
        "invalid_query",
        "Add one of _integrationId, _flowId, _exportId, _importId, _flowJobId, createdAt_gte or createdAt_lte to the query.",
      );
    }
    const statuses = c.req.queries("status") ?? [];
    for (const status of statuses) {
      if (!(jobStatuses as readonly string[]).includes(status))
        throw new ApiError(
          400,
          "invalid_query",
          `status must be one of ${jobStatuses.join(", ")}; got "${status}".`,
          "status",
        );
    }
    const from = parseDateFilter(query.createdAt_gte, "createdAt_gte");
    const to = parseDateFilter(query.createdAt_lte, "createdAt_lte");
    const bounds = counters.map((name) => ({
      name,
      min: readNumber(query[`${name}_gte`], `${name}_gte`),
      max: readNumber(query[`${name}_lte`], `${name}_lte`),
    }));
    const retriable = query.retriable === undefined ? undefined : query.retriable === "true";
    const parentTypes = type === undefined ? ["flow", "retry", "bulk_retry"] : [type];
    const jobs = [...account.data.jobs.values()].filter((job) => {
      if (!parentTypes.includes(job.type)) return false;
      if (idFilters.some((name) => query[name] !== undefined && job[name] !== query[name]))
        return false;
      const created = Date.parse(job.createdAt);
      if ((from !== undefined && created < from) || (to !== undefined && created > to))
        return false;
      if (statuses.length > 0 && !statuses.includes(job.status)) return false;
      if (retriable !== undefined && (job.retriable ?? false) !== retriable) return false;
      return bounds.every(
        ({ name, min, max }) =>
          (min === undefined || job[name] >= min) && (max === undefined || job[name] <= max),
      );
    });
    jobs.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b._id.localeCompare(a._id));
    const page = jobs.slice(skip, skip + pageSize);
    if (page.length === 0) return c.body(null, 204);
    return c.json(page);
  });
  api.get("/jobs/:id", (c) => c.json(jobOf(c.get("account"), c.req.param("id"))));
  api.get("/jobs/:id/family", (c) => {
    const account = c.get("account");
    const job = jobOf(account, c.req.param("id"));
    const parent = job._flowJobId === undefined ? job : jobOf(account, job._flowJobId);
    return c.json({ ...parent, children: childJobsOf(account, parent._id) });
  });
  api.put("/jobs/:id/cancel", (c) => {
    const account = c.get("account");
    const job = jobOf(account, c.req.param("id"));
    if (!isActive(job)) {
      throw new ApiError(
        422,
        "invalid_job_state",
        `Job ${job._id} is ${job.status}; only queued or running jobs can be canceled.`,
      );
    }
    const time = account.clock.nowIso();
    for (const target of [job, ...childJobsOf(account, job._id)]) {
      if (!isActive(target)) continue;
      target.status = "canceled";
      target.endedAt = time;
      target.lastModified = time;
    }
    account.pendingRuns.delete(job._id);
    return c.json(job);
  });
  // The old job-level error route: every error the job (or its children) produced.
  api.get("/jobs/:id/joberrors", (c) => {
    const account = c.get("account");
    const job = jobOf(account, c.req.param("id"));
    const flowJobId = job._flowJobId ?? job._id;
    const stepId = job._exportId ?? job._importId;
    const errors = [...account.data.errors.values()].filter(
      (error) =>
        error._flowJobId === flowJobId &&
        (job._flowJobId === undefined || error._stepId === stepId),
    );
    if (errors.length === 0) return c.body(null, 204);
    return c.json(errors.map(publicError));
  });
  // `/jobs/{id}/errors` is not public; the sandbox pages like the error lists (`nextPageURL`).
  api.get("/jobs/:id/errors", (c) => {
    const account = c.get("account");
    const job = jobOf(account, c.req.param("id"));
    const flowJobId = job._flowJobId ?? job._id;
    const all = [...account.data.errors.values()]
      .filter((error) => error._flowJobId === flowJobId)
      .map(publicError);
    const url = new URL(c.req.url);
    const page = readPagingParameter(c, {
      name: "page",
      fallback: 1,
      minimum: 1,
      maximum: Number.MAX_SAFE_INTEGER,
    });
    const pageSize = readPagingParameter(c, {
      name: "page_size",
      fallback: 100,
      minimum: 1,
      maximum: largestPageSize,
    });
    const slice = all.slice((page - 1) * pageSize, page * pageSize);
    if (page * pageSize >= all.length) return c.json({ errors: slice, total: all.length });
    url.searchParams.set("page", String(page + 1));
    return c.json({
      errors: slice,
      total: all.length,
      nextPageURL: `${url.pathname}${url.search}`,
    });
  });
}

function readNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (Number.isNaN(number))
    throw new ApiError(400, "invalid_query", `${name} must be a number; got "${value}".`, name);
  return number;
}
