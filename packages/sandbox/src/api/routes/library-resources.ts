import type { Hono } from "hono";
import { z } from "zod";
import type { ApiEnv } from "../api-env.ts";
import { findOrThrow, namedResource, registerResourceRoutes } from "../resource-routes.ts";

/** Account-level building blocks: tags, scripts, iClients, file definitions and EDI profiles. */
export function registerLibraryRoutes(api: Hono<ApiEnv>): void {
  // The tag shape is not public: `{_id, tag}`, consistent with the rest of the API.
  registerResourceRoutes(api, {
    path: "/tags",
    collection: "tags",
    label: "tag",
    store: (account) => account.data.documents.tags,
    schema: z.looseObject({
      tag: z.string().trim().min(1, "tag (the tag's name) is required").max(100),
    }),
    patchWhitelist: [/^\/tag$/],
    listOptions: { rejectsProjection: "tags" },
  });
  const scripts = {
    label: "script",
    store: (account: Parameters<typeof findOrThrow>[1]) => account.data.documents.scripts,
  };
  registerResourceRoutes(api, {
    path: "/scripts",
    collection: "scripts",
    ...scripts,
    schema: namedResource,
    patchWhitelist: [/^\/(name|description|content|sandbox)$/],
    clone: true,
  });
  api.get("/scripts/:id/logs", (c) => {
    const account = c.get("account");
    const script = findOrThrow(scripts, account, c.req.param("id"));
    const logs = account.data.scriptLogs.get(script._id) ?? [];
    return logs.length === 0 ? c.body(null, 204) : c.json(logs);
  });
  registerResourceRoutes(api, {
    path: "/iClients",
    collection: "iClients",
    label: "iClient",
    store: (account) => account.data.documents.iClients,
    schema: namedResource,
    // integrator.io whitelists very little on iClients.
    patchWhitelist: [/^\/name$/],
    listOptions: { rejectsProjection: "iClients" },
  });
  registerResourceRoutes(api, {
    path: "/filedefinitions",
    collection: "filedefinitions",
    label: "file definition",
    store: (account) => account.data.documents.filedefinitions,
    schema: namedResource,
    patchWhitelist: [/^\/(name|description)$/],
  });
  registerResourceRoutes(api, {
    path: "/ediprofiles",
    collection: "ediprofiles",
    label: "EDI profile",
    store: (account) => account.data.documents.ediprofiles,
    schema: namedResource,
    listOptions: { rejectsProjection: "ediprofiles" },
  });
}
