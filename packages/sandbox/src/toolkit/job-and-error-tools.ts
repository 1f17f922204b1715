import { z } from "zod";
import type { QueryValue } from "../account-directory.ts";
import { errorSources, jobStatuses } from "../celigo-vocabulary.ts";
import { segment } from "./celigo-client.ts";
import { withoutUndefined } from "./resource-tools.ts";
import { idArgument, pagingArguments, ToolArgumentError } from "./tool-arguments.ts";
import { type CeligoTool, defineTool } from "./tool-definition.ts";

const dateText = (meaning: string) =>
  z
    .string()
    .min(1)
    .describe(
      `${meaning}: ISO 8601 time (e.g. 2026-11-20T00:00:00Z), a plain date, or epoch milliseconds.`,
    );

/** The flow step whose errors a tool reads or changes: Error Management 2.0 is per step. */
const stepArguments = {
  flow_id: idArgument("flow"),
  export_id: idArgument("export or import").describe(
    "Id of the flow step (an export or import of the flow) that holds the errors.",
  ),
};
const errorIds = z.array(z.string().min(1)).min(1).describe("Ids (errorId) of the errors.");

function stepPath(args: { flow_id: string; export_id: string }, suffix: string): string {
  return `/v1/flows/${segment(args.flow_id)}/${segment(args.export_id)}/${suffix}`;
}

const defaultJobLimit = 100;
const defaultErrorLimit = 50;

/** Slices a list the API answered whole, with `next_offset` and a note while more remain. */
function sliced(key: string, items: unknown[], limit: number, offset: number, apiHasMore: boolean) {
  const page = items.slice(offset, offset + limit);
  const more = offset + limit < items.length;
  return {
    [key]: page,
    count: page.length,
    total: items.length,
    offset,
    ...(more
      ? {
          next_offset: offset + limit,
          note: `${items.length - offset - limit} more ${key}: call again with offset=${offset + limit}.`,
        }
      : apiHasMore
        ? { note: `More ${key} exist than one API page holds; narrow the date filters.` }
        : {}),
  };
}

function errorList(key: "errors" | "resolved") {
  return async (body: unknown, limit: number | undefined, offset: number | undefined) => {
    const answer = (body ?? {}) as Record<string, unknown>;
    const items = Array.isArray(answer[key]) ? (answer[key] as unknown[]) : [];
    return sliced(
      key,
      items,
      limit ?? defaultErrorLimit,
      offset ?? 0,
      typeof answer.nextPageURL === "string",
    );
  };
}

export const jobAndErrorTools: CeligoTool[] = [
  defineTool({
    slug: "CELIGO_LIST_JOBS",
    kind: "read",
    input: {
      integration_id: idArgument("integration").optional().describe("Jobs of this integration."),
      flow_id: idArgument("flow").optional().describe("Jobs of this flow."),
      export_id: idArgument("export").optional().describe("Jobs of this export."),
      import_id: idArgument("import").optional().describe("Jobs of this import."),
      flow_job_id: idArgument("flow job").optional().describe("Child jobs of this flow job."),
      created_at_gte: dateText("Jobs created at or after").optional(),
      created_at_lte: dateText(
        "Jobs created at or before; pass the previous answer's next_cursor here for the next page",
      ).optional(),
      status: z.array(z.enum(jobStatuses)).optional().describe("Only jobs in these statuses."),
      type: z
        .enum(["flow", "export", "import", "retry", "bulk_retry"])
        .optional()
        .describe("Job type; parent (flow, retry) jobs when left out."),
      num_error_gte: z
        .number()
        .int()
        .min(0)
        .optional()
        .describe("Jobs with at least this many errors."),
      retriable: z
        .boolean()
        .optional()
        .describe("Only jobs whose errors can (or cannot) be retried."),
      limit: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .optional()
        .describe(`Most jobs to return, newest first (default ${defaultJobLimit}).`),
    },
    run: async (args, celigo) => {
      const query: Record<string, QueryValue> = withoutUndefined({
        _integrationId: args.integration_id,
        _flowId: args.flow_id,
        _exportId: args.export_id,
        _importId: args.import_id,
        _flowJobId: args.flow_job_id,
        createdAt_gte: args.created_at_gte,
        createdAt_lte: args.created_at_lte,
        status: args.status,
        type: args.type,
        numError_gte: args.num_error_gte,
        retriable: args.retriable,
      }) as Record<string, QueryValue>;
      const body = await celigo.get("/v1/jobs", query);
      const jobs = Array.isArray(body) ? (body as { createdAt?: string }[]) : [];
      const limit = args.limit ?? defaultJobLimit;
      const page = jobs.slice(0, limit);
      const last = page.at(-1)?.createdAt;
      // Keyset paging (https://developer.celigo.com/api/api-reference/jobs): the next page ends
      // 1 ms before this page's oldest job.
      const more = (jobs.length > limit || jobs.length >= 1000) && last !== undefined;
      const nextCursor = more ? new Date(Date.parse(last) - 1).toISOString() : undefined;
      return {
        jobs: page,
        count: page.length,
        ...(nextCursor === undefined
          ? {}
          : {
              next_cursor: nextCursor,
              note: `More jobs match: call again with the same filters and created_at_lte="${nextCursor}".`,
            }),
      };
    },
  }),
  defineTool({
    slug: "CELIGO_GET_JOB_ERRORS",
    kind: "read",
    input: {
      job_id: idArgument("job"),
      page: z.number().int().min(1).optional().describe("Page number, from 1 (default 1)."),
      page_size: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .optional()
        .describe("Errors per page (default 100)."),
    },
    run: async (args, celigo) => {
      const page = args.page ?? 1;
      const body = ((await celigo.get(`/v1/jobs/${segment(args.job_id)}/errors`, {
        page,
        page_size: args.page_size ?? 100,
      })) ?? {}) as { errors?: unknown[]; total?: number; nextPageURL?: string };
      return {
        errors: body.errors ?? [],
        total: body.total ?? body.errors?.length ?? 0,
        page,
        ...(body.nextPageURL === undefined
          ? {}
          : { next_page: page + 1, note: `More errors: call again with page=${page + 1}.` }),
      };
    },
  }),
  defineTool({
    slug: "CELIGO_GET_EXPORT_ERRORS",
    kind: "read",
    input: {
      ...stepArguments,
      occurred_at_gte: dateText("Errors that occurred at or after").optional(),
      occurred_at_lte: dateText("Errors that occurred at or before").optional(),
      source: z.enum(errorSources).optional().describe("Only errors from this source."),
      classification: z
        .string()
        .optional()
        .describe('Only errors of this classification, e.g. "missing".'),
      flow_job_id: idArgument("flow job").optional().describe("Only errors of this run."),
      ...pagingArguments,
    },
    run: async (args, celigo) =>
      errorList("errors")(
        await celigo.get(
          stepPath(args, "errors"),
          withoutUndefined({
            occurredAt_gte: args.occurred_at_gte,
            occurredAt_lte: args.occurred_at_lte,
            source: args.source,
            classification: args.classification,
            _flowJobId: args.flow_job_id,
          }) as Record<string, string>,
        ),
        args.limit,
        args.offset,
      ),
  }),
  defineTool({
    slug: "CELIGO_GET_RESOLVED_ERRORS",
    kind: "read",
    input: {
      ...stepArguments,
      resolved_at_gte: dateText("Errors resolved at or after").optional(),
      resolved_at_lte: dateText("Errors resolved at or before").optional(),
      ...pagingArguments,
    },
    run: async (args, celigo) =>
      errorList("resolved")(
        await celigo.get(
          stepPath(args, "resolved"),
          withoutUndefined({
            resolvedAt_gte: args.resolved_at_gte,
            resolvedAt_lte: args.resolved_at_lte,
          }) as Record<string, string>,
        ),
        args.limit,
        args.offset,
      ),
  }),
  defineTool({
    slug: "CELIGO_RESOLVE_ERRORS",
    kind: "write",
    input: { ...stepArguments, error_ids: errorIds },
    run: async (args, celigo) => {
      await celigo.put(stepPath(args, "resolved"), { errors: args.error_ids });
      return { resolved: args.error_ids };
    },
  }),
  defineTool({
    slug: "CELIGO_DELETE_RESOLVED_ERRORS",
    kind: "delete",
    input: { ...stepArguments, error_ids: errorIds.describe("Ids of resolved errors to purge.") },
    run: async (args, celigo) => {
      await celigo.delete(stepPath(args, "resolved"), { errors: args.error_ids });
      return { deleted: args.error_ids };
    },
  }),
  defineTool({
    slug: "CELIGO_RETRY_ERRORS",
    kind: "write",
    input: {
      ...stepArguments,
      retry_data_keys: z
        .array(z.string().min(1))
        .optional()
        .describe("retryDataKey values of the errors to retry."),
      error_ids: errorIds.optional().describe("Or the errors' ids (errorId)."),
    },
    run: async (args, celigo) => {
      if ((args.retry_data_keys?.length ?? 0) === 0 && (args.error_ids?.length ?? 0) === 0) {
        throw new ToolArgumentError(
          "retry_data_keys",
          "Give retry_data_keys or error_ids: the errors to retry (read them with CELIGO_GET_EXPORT_ERRORS).",
        );
      }
      return celigo.post(
        stepPath(args, "retry"),
        withoutUndefined({ retryDataKeys: args.retry_data_keys, errorIds: args.error_ids }),
      );
    },
  }),
  defineTool({
    slug: "CELIGO_ASSIGN_EXPORT_ERROR",
    kind: "write",
    input: {
      ...stepArguments,
      error_ids: errorIds,
      email: z.email().describe("Email of the account user who should handle the errors."),
    },
    run: async (args, celigo) => {
      await celigo.put(stepPath(args, "errors/assign"), {
        errorIds: args.error_ids,
        email: args.email,
      });
      return { assigned: args.error_ids, email: args.email };
    },
  }),
  defineTool({
    slug: "CELIGO_UPDATE_FLOW_ERROR_TAGS",
    kind: "write",
    input: {
      ...stepArguments,
      error_ids: errorIds,
      tag_ids: z
        .array(z.string().min(1))
        .max(3)
        .describe("Up to 3 tag ids to set on the errors; an empty array removes their tags."),
    },
    run: async (args, celigo) => {
      await celigo.put(stepPath(args, "tags"), { errorIds: args.error_ids, tagIds: args.tag_ids });
      return { tagged: args.error_ids, tag_ids: args.tag_ids };
    },
  }),
];
