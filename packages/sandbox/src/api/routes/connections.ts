import type { Hono } from "hono";
import { z } from "zod";
import { connectionTypes } from "../../celigo-vocabulary.ts";
import { SeededRandom } from "../../scenarios/seeded-random.ts";
import { connectionFailureTemplate } from "../../simulation/run-outcome.ts";
import type { Account } from "../../store/account.ts";
import type { StoredDocument } from "../../store/resource-types.ts";
import type { ApiEnv } from "../api-env.ts";
import { ApiError } from "../api-error.ts";
import { readObjectBody } from "../request-body.ts";
import { findOrThrow, registerResourceRoutes } from "../resource-routes.ts";

const connectionSchema = z.looseObject({
  type: z.enum(connectionTypes),
  name: z.string().trim().min(1, "name is required"),
});
const connections = {
  label: "connection",
  store: (account: Account) => account.data.documents.connections,
};

/** A ping answers 200 either way; a failure carries the `errors[]` envelope (celigo-api.md). */
function pingResult(connection: StoredDocument | undefined, body: Record<string, unknown>) {
  const target = connection ?? body;
  if (target.offline === true) {
    const failure = connectionFailureTemplate(target);
    return { errors: [{ code: failure.code, message: failure.message }] };
  }
  // The success body is not documented; the sandbox answers a short confirmation.
  return { code: 200, message: "Connection is working." };
}

export function registerConnectionRoutes(api: Hono<ApiEnv>): void {
  // Before the generic routes so that `ping` is not taken for an id.
  api.post("/connections/ping", async (c) => {
    const body = await readObjectBody(c);
    const details = connectionSchema.safeParse(body);
    if (!details.success)
      return c.json({
        errors: [
          {
            code: "invalid_connection",
            message: "The connection needs a type and a name to be tested.",
          },
        ],
      });
    return c.json(pingResult(undefined, body));
  });
  registerResourceRoutes(api, {
    path: "/connections",
    collection: "connections",
    ...connections,
    schema: connectionSchema,
    listOptions: { summaryFields: ["type", "offline"] },
    patchWhitelist: [/^\/(name|description|debugDate)$/],
    beforeDelete: (account, id) => {
      const used = [
        ...account.data.documents.exports.values(),
        ...account.data.documents.imports.values(),
      ].some((step) => step._connectionId === id);
      if (used)
        throw new ApiError(
          422,
          "resource_in_use",
          `Connection ${id} is used by exports or imports. Delete or repoint them first (see /v1/connections/${id}/dependencies).`,
        );
    },
  });
  // Sources disagree on the method: both are accepted.
  api.on(["GET", "POST"], "/connections/:id/ping", (c) => {
    const connection = findOrThrow(connections, c.get("account"), c.req.param("id"));
    return c.json(pingResult(connection, {}));
  });
  api.get("/connections/:id/debug", (c) => {
    const account = c.get("account");
    const connection = findOrThrow(connections, account, c.req.param("id"));
    const resourceId = c.req.query("resource_id") ?? c.req.query("_resourceId");
    const now = account.clock.now();
    const lines = [0, 1, 2].map((index) => {
      const time = new Date(now - (index + 1) * 90_000).toISOString();
      const status = connection.offline === true ? "ETIMEDOUT" : "200 OK";
      return `${time} ${resourceId ?? connection._id} request ${connection.type === "ftp" ? "LIST /outbound" : "GET /"} -> ${status}`;
    });
    // Debug logs are plain text in integrator.io.
    return c.text(lines.join("\n"));
  });
  // Virtual exports and imports: run a resource model against the connection without saving it.
  // The real shapes are not public; the sandbox answers `{data:[…]}` from the simulated endpoint.
  api.post("/connections/:id/export", async (c) => {
    const account = c.get("account");
    const connection = findOrThrow(connections, account, c.req.param("id"));
    if (connection.offline === true) return c.json(pingResult(connection, {}), 422);
    const body = await readObjectBody(c);
    const random = new SeededRandom(
      `${account.seed}:virtual:${connection._id}:${JSON.stringify(body)}`,
    );
    const pageSize = 20;
    const page =
      typeof body.pagedExportState === "object" && body.pagedExportState !== null
        ? ((body.pagedExportState as { page?: unknown }).page ?? 0)
        : 0;
    if (typeof page !== "number" || !Number.isSafeInteger(page) || page < 0) {
      throw new ApiError(
        422,
        "invalid_field",
        `pagedExportState.page must be a whole number, 0 or more (send back the pagedExportState of the previous answer); got ${JSON.stringify(page)}.`,
        "pagedExportState.page",
      );
    }
    const total = random.integer(5, 45);
    const data = Array.from(
      { length: Math.max(0, Math.min(pageSize, total - page * pageSize)) },
      (_, index) => ({
        id: String(100000 + page * pageSize + index),
        name: `Sample record ${page * pageSize + index + 1}`,
        updatedAt: new Date(account.clock.now() - index * 60_000).toISOString(),
      }),
    );
    const more = (page + 1) * pageSize < total;
    return c.json({ data, ...(more ? { pagedExportState: { page: page + 1 } } : {}) });
  });
  api.post("/connections/:id/import", async (c) => {
    const account = c.get("account");
    const connection = findOrThrow(connections, account, c.req.param("id"));
    if (connection.offline === true) return c.json(pingResult(connection, {}), 422);
    const body = await readObjectBody(c);
    const records = Array.isArray(body.data) ? body.data : [];
    return c.json(
      records.map((_, index) => ({
        statusCode: 200,
        id: String(500000 + index),
        ignored: false,
        errors: [],
      })),
    );
  });
}
