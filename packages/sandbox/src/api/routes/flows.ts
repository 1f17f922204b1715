import type { Hono } from "hono";
import { z } from "zod";
import { startFlowRun } from "../../simulation/flow-run.ts";
import { isActive } from "../../simulation/job-factory.ts";
import { isValidSchedule } from "../../simulation/schedule.ts";
import type { Account } from "../../store/account.ts";
import type { FlowDocument } from "../../store/resource-types.ts";
import type { ApiEnv } from "../api-env.ts";
import { ApiError } from "../api-error.ts";
import { flowExportIds, flowImportIds } from "../dependency-graph.ts";
import { flowPatchWhitelist } from "../json-patch.ts";
import { readJsonBody } from "../request-body.ts";
import { findOrThrow, registerResourceRoutes } from "../resource-routes.ts";

const flowSchema = z.looseObject({
  name: z.string().trim().min(1, "name is required"),
  _integrationId: z.string().optional(),
  disabled: z.boolean().optional(),
  schedule: z
    .string()
    .refine(
      isValidSchedule,
      'must be a 6-field cron whose first field is "?", e.g. "? 0,30 * ? * *"',
    )
    .optional(),
  timezone: z.string().optional(),
  pageGenerators: z.array(z.looseObject({ _exportId: z.string() })).optional(),
  pageProcessors: z
    .array(
      z.looseObject({
        type: z.enum(["import", "export"]),
        _importId: z.string().optional(),
        _exportId: z.string().optional(),
      }),
    )
    .optional(),
});

export const flows = {
  label: "flow",
  store: (account: Account) => account.data.flows,
};

function checkFlowReferences(account: Account, body: Record<string, unknown>): void {
  const flow = body as FlowDocument;
  const { documents } = account.data;
  if (flow._integrationId !== undefined && !documents.integrations.has(flow._integrationId)) {
    throw new ApiError(
      422,
      "invalid_ref",
      `_integrationId ${flow._integrationId} does not match any integration.`,
      "_integrationId",
    );
  }
  for (const [index, id] of flowExportIds(flow).entries()) {
    if (!documents.exports.has(id))
      throw new ApiError(
        422,
        "invalid_ref",
        `Export ${id} does not exist.`,
        `pageGenerators.${index}._exportId`,
      );
  }
  for (const [index, id] of flowImportIds(flow).entries()) {
    if (!documents.imports.has(id))
      throw new ApiError(
        422,
        "invalid_ref",
        `Import ${id} does not exist.`,
        `pageProcessors.${index}._importId`,
      );
  }
  if (body.routers !== undefined && body.pageProcessors !== undefined) {
    throw new ApiError(
      422,
      "invalid_field",
      "A flow has either routers or pageProcessors, not both.",
      "routers",
    );
  }
}

export function registerFlowRoutes(api: Hono<ApiEnv>): void {
  registerResourceRoutes(api, {
    path: "/flows",
    collection: "flows",
    ...flows,
    schema: flowSchema,
    checkReferences: checkFlowReferences,
    listOptions: { summaryFields: ["_integrationId", "disabled"] },
    patchWhitelist: flowPatchWhitelist,
    clone: true,
  });
  const flowOf = (account: Account, id: string) => findOrThrow(flows, account, id) as FlowDocument;

  // Starting a run is not a change to a resource, so like integrator.io it leaves no audit entry.
  api.post("/flows/:id/run", async (c) => {
    const account = c.get("account");
    const flow = flowOf(account, c.req.param("id"));
    await readJsonBody(c); // {"export":{"startDate"}} is accepted; the simulation has no delta window.
    if (flow.disabled === true) {
      throw new ApiError(
        422,
        "flow_disabled",
        `The flow "${flow.name}" is disabled. Enable it (PATCH /disabled to false) before running it.`,
      );
    }
    return c.json({ _jobId: startFlowRun(account, flow, { atMs: account.clock.now() }) }, 201);
  });
  api.get("/flows/:id/jobs/latest", (c) => {
    const account = c.get("account");
    const flow = flowOf(account, c.req.param("id"));
    const jobs = [...account.data.jobs.values()]
      .filter((job) => job._flowId === flow._id && (job.type === "flow" || job.type === "retry"))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const lastFinished = jobs.find((job) => !isActive(job));
    const latest = jobs.filter((job) => isActive(job) || job === lastFinished);
    return c.json(latest);
  });
  api.get("/flows/:id/lastExportDateTime", (c) => {
    const account = c.get("account");
    const flow = flowOf(account, c.req.param("id"));
    return c.json({ lastExportDateTime: account.data.lastExportDateTimes.get(flow._id) ?? null });
  });
  api.get("/flows/:id/descendants", (c) => {
    const account = c.get("account");
    const flow = flowOf(account, c.req.param("id"));
    const { exports, imports } = account.data.documents;
    return c.json({
      exports: flowExportIds(flow).flatMap((id) => exports.get(id) ?? []),
      imports: flowImportIds(flow).flatMap((id) => imports.get(id) ?? []),
    });
  });
  api.get("/flows/:id/errors", (c) => {
    const account = c.get("account");
    const flow = flowOf(account, c.req.param("id"));
    const flowErrors = [...flowExportIds(flow), ...flowImportIds(flow)].flatMap((stepId) => {
      const open = [...account.data.errors.values()].filter(
        (error) =>
          error._stepId === stepId && error._flowId === flow._id && error.resolvedAt === undefined,
      );
      if (open.length === 0) return [];
      const lastErrorAt = open
        .map((error) => error.occurredAt)
        .sort()
        .at(-1);
      return [{ _expOrImpId: stepId, numError: open.length, lastErrorAt }];
    });
    return c.json({ flowErrors });
  });
  api.get("/flows/:id/template", (c) => {
    const flow = flowOf(c.get("account"), c.req.param("id"));
    return c.json({ signedURL: templateUrl("flows", flow._id) });
  });
}

/** A stand-in for the signed S3 URL integrator.io answers; it is not downloadable offline. */
export function templateUrl(resourceType: string, id: string): string {
  return `https://integrator-templates.sandbox.invalid/${resourceType}/${id}.zip?X-Amz-Expires=900`;
}
