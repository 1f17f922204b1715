import type { Hono } from "hono";
import { z } from "zod";
import { startInvoke } from "../../simulation/simulator.ts";
import type { Account } from "../../store/account.ts";
import type { ApiEnv } from "../api-env.ts";
import { ApiError } from "../api-error.ts";
import { flowExportIds, flowImportIds } from "../dependency-graph.ts";
import { findOrThrow, registerResourceRoutes } from "../resource-routes.ts";

const stepSchema = z.looseObject({
  name: z.string().trim().min(1, "name is required"),
  _connectionId: z.string().optional(),
});

function checkConnection(account: Account, body: Record<string, unknown>): void {
  const connectionId = body._connectionId;
  if (typeof connectionId === "string" && !account.data.documents.connections.has(connectionId)) {
    throw new ApiError(
      422,
      "invalid_ref",
      `_connectionId ${connectionId} does not match any connection of this account.`,
      "_connectionId",
    );
  }
}

/**
 * integrator.io allows PATCH on a few whitelisted fields of a step (Composio's CELIGO_PATCH_EXPORT
 * names /aiDescription/summary: https://composio.dev/toolkits/celigo/framework/mastra-ai); the
 * sandbox allows AI descriptions, the description and mock data. Everything else needs a PUT.
 */
const stepPatchWhitelist = [
  /^\/aiDescription(\/(summary|detailed))?$/,
  /^\/description$/,
  /^\/(mockOutput|mockResponse)(\/.*)?$/,
];

/** `/exports` and `/imports`: the two flow steps share their routes. */
export function registerExportAndImportRoutes(api: Hono<ApiEnv>): void {
  for (const kind of ["export", "import"] as const) {
    const collection = kind === "export" ? "exports" : "imports";
    const config = {
      label: kind,
      store: (account: Account) => account.data.documents[collection],
    };
    registerResourceRoutes(api, {
      path: `/${collection}`,
      collection,
      ...config,
      schema: stepSchema,
      checkReferences: checkConnection,
      listOptions: {
        summaryFields: ["adaptorType", "_connectionId"],
        protectedFields: ["adaptorType"],
      },
      patchWhitelist: stepPatchWhitelist,
      clone: true,
      beforeDelete: (account, id) => {
        const usedBy = [...account.data.flows.values()].find((flow) =>
          (kind === "export" ? flowExportIds(flow) : flowImportIds(flow)).includes(id),
        );
        if (usedBy !== undefined) {
          throw new ApiError(
            422,
            "resource_in_use",
            `This ${kind} is used by the flow "${usedBy.name}" (${usedBy._id}). Remove it from the flow first.`,
          );
        }
      },
    });
    api.post(`/${collection}/:id/invoke`, (c) => {
      const account = c.get("account");
      const step = findOrThrow(config, account, c.req.param("id"));
      return c.json({ _jobId: startInvoke(account, kind, step._id) }, 201);
    });
  }
}
