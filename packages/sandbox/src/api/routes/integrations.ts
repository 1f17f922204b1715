import type { Hono } from "hono";
import { z } from "zod";
import type { Account } from "../../store/account.ts";
import type { StoredDocument } from "../../store/resource-types.ts";
import type { ApiEnv } from "../api-env.ts";
import { ApiError } from "../api-error.ts";
import { flowConnectionIds, flowExportIds, flowImportIds } from "../dependency-graph.ts";
import { listResponse } from "../list-response.ts";
import { readValidBody } from "../request-body.ts";
import { findOrThrow, namedResource, registerResourceRoutes } from "../resource-routes.ts";
import { createDocument, deleteDocument, replaceDocument } from "../resource-writes.ts";
import { templateUrl } from "./flows.ts";

const integrations = {
  label: "integration",
  store: (account: Account) => account.data.documents.integrations,
};

function flowsOf(account: Account, integrationId: string) {
  return [...account.data.flows.values()].filter((flow) => flow._integrationId === integrationId);
}

function registeredConnectionIds(integration: StoredDocument): string[] {
  return Array.isArray(integration._registeredConnectionIds)
    ? (integration._registeredConnectionIds as string[])
    : [];
}

export function registerIntegrationRoutes(api: Hono<ApiEnv>): void {
  registerResourceRoutes(api, {
    path: "/integrations",
    collection: "integrations",
    ...integrations,
    schema: namedResource,
    patchWhitelist: [/^\/(name|description|readme|version)$/, /^\/flowGroupings(\/.*)?$/],
    // Deleting an integration deletes its flows, as in integrator.io; exports and imports stay.
    beforeDelete: (account, id) => {
      for (const flow of flowsOf(account, id))
        deleteDocument(account, "flows", account.data.flows, flow._id);
    },
  });
  const integrationOf = (account: Account, id: string) => findOrThrow(integrations, account, id);

  api.post("/integrations/:id/clone", async (c) => {
    const account = c.get("account");
    const source = integrationOf(account, c.req.param("id"));
    const body = await readValidBody(c, z.looseObject({ name: z.string().optional() }).optional());
    const copy = createDocument(account, "integrations", account.data.documents.integrations, {
      ...structuredClone(source),
      name: body?.name ?? `Clone - ${String(source.name)}`,
    });
    for (const flow of flowsOf(account, source._id)) {
      createDocument(account, "flows", account.data.flows, {
        ...structuredClone(flow),
        _integrationId: copy._id,
        disabled: true,
      });
    }
    return c.json(copy, 201);
  });
  api.get("/integrations/:id/flows", (c) => {
    const account = c.get("account");
    return listResponse(c, flowsOf(account, integrationOf(account, c.req.param("id"))._id), {
      summaryFields: ["_integrationId", "disabled"],
    });
  });
  for (const kind of ["exports", "imports"] as const) {
    api.get(`/integrations/:id/${kind}`, (c) => {
      const account = c.get("account");
      const integration = integrationOf(account, c.req.param("id"));
      const ids = new Set(
        flowsOf(account, integration._id).flatMap((flow) =>
          kind === "exports" ? flowExportIds(flow) : flowImportIds(flow),
        ),
      );
      const steps = [...account.data.documents[kind].values()].filter(
        (step) => ids.has(step._id) || step._integrationId === integration._id,
      );
      return listResponse(c, steps, { summaryFields: ["adaptorType", "_connectionId"] });
    });
  }
  api.get("/integrations/:id/connections", (c) => {
    const account = c.get("account");
    const integration = integrationOf(account, c.req.param("id"));
    const ids = new Set([
      ...registeredConnectionIds(integration),
      ...flowsOf(account, integration._id).flatMap((flow) => flowConnectionIds(account, flow)),
    ]);
    return listResponse(
      c,
      [...account.data.documents.connections.values()].filter((connection) =>
        ids.has(connection._id),
      ),
      { summaryFields: ["type", "offline"] },
    );
  });
  // Users who can see the integration: account-wide shares plus integration-level ones.
  api.get("/integrations/:id/ashares", (c) => {
    const account = c.get("account");
    const integration = integrationOf(account, c.req.param("id"));
    const shares = [...account.data.documents.ashares.values()].filter((share) => {
      if (typeof share.accessLevel === "string") return true;
      const levels = (share.integrationAccessLevel ?? []) as { _integrationId?: string }[];
      return levels.some((level) => level._integrationId === integration._id);
    });
    return listResponse(c, shares);
  });
  api.get("/integrations/:id/errors", (c) => {
    const account = c.get("account");
    const integration = integrationOf(account, c.req.param("id"));
    const summary = flowsOf(account, integration._id).flatMap((flow) => {
      const open = [...account.data.errors.values()].filter(
        (error) => error._flowId === flow._id && error.resolvedAt === undefined,
      );
      if (open.length === 0) return [];
      return [
        {
          _flowId: flow._id,
          numError: open.length,
          lastErrorAt: open
            .map((error) => error.occurredAt)
            .sort()
            .at(-1),
        },
      ];
    });
    return c.json(summary);
  });
  api.get("/integrations/:id/template", (c) => {
    const integration = integrationOf(c.get("account"), c.req.param("id"));
    return c.json({ signedURL: templateUrl("integrations", integration._id) });
  });
  // Revisions snapshot the integration; integrator.io's revision payload is richer than this.
  api.post("/integrations/:id/revisions", async (c) => {
    const account = c.get("account");
    const integration = integrationOf(account, c.req.param("id"));
    const body = await readValidBody(
      c,
      z.looseObject({ description: z.string().optional() }).optional(),
    );
    const revision = createDocument(account, "revisions", account.data.documents.revisions, {
      _integrationId: integration._id,
      type: "snapshot",
      status: "completed",
      description: body?.description ?? `Snapshot of ${String(integration.name)}`,
      snapshot: {
        integration: structuredClone(integration),
        flows: flowsOf(account, integration._id).map((flow) => structuredClone(flow)),
      },
    });
    return c.json(revision, 201);
  });
  // Registering connections is an integration update; the exact routes are not public.
  const setRegistered = (account: Account, integration: StoredDocument, ids: string[]) => {
    for (const [index, id] of ids.entries()) {
      if (!account.data.documents.connections.has(id))
        throw new ApiError(
          422,
          "invalid_ref",
          `Connection ${id} does not exist.`,
          `connectionIds.${index}`,
        );
    }
    return replaceDocument(
      account,
      "integrations",
      account.data.documents.integrations,
      integration,
      { ...integration, _registeredConnectionIds: [...new Set(ids)] },
    );
  };
  api.put("/integrations/:id/connections/register", async (c) => {
    const account = c.get("account");
    const integration = integrationOf(account, c.req.param("id"));
    const body = await readValidBody(c, z.object({ connectionIds: z.array(z.string()) }));
    return c.json(setRegistered(account, integration, body.connectionIds));
  });
  api.put("/integrations/:id/connections/:connectionId/register", (c) => {
    const account = c.get("account");
    const integration = integrationOf(account, c.req.param("id"));
    return c.json(
      setRegistered(account, integration, [
        ...registeredConnectionIds(integration),
        c.req.param("connectionId"),
      ]),
    );
  });
  api.on(["PUT", "DELETE"], "/integrations/:id/connections/:connectionId/unregister", (c) => {
    const account = c.get("account");
    const integration = integrationOf(account, c.req.param("id"));
    const connectionId = c.req.param("connectionId");
    if (!registeredConnectionIds(integration).includes(connectionId)) {
      throw new ApiError(
        404,
        "not_found",
        `Connection ${connectionId} is not registered to integration ${integration._id}.`,
      );
    }
    setRegistered(
      account,
      integration,
      registeredConnectionIds(integration).filter((id) => id !== connectionId),
    );
    return c.body(null, 204);
  });
}
