import { z } from "zod";
import { connectionTypes } from "../celigo-vocabulary.ts";
import {
  auditTool,
  createTool,
  deleteTool,
  dependenciesTool,
  listTool,
  patchTool,
  type ResourceDescriptor,
  readOneTool,
  replaceTool,
  resourcePath,
  withoutUndefined,
} from "./resource-tools.ts";
import { idArgument, jsonText, parseJsonObject } from "./tool-arguments.ts";
import { type CeligoTool, defineTool } from "./tool-definition.ts";

export const connection: ResourceDescriptor = {
  label: "connection",
  idName: "connection_id",
  path: "/v1/connections",
};

const connectionFields = {
  description: z.string().optional().describe("What the connection is for."),
  settings: jsonText(
    'Type-specific settings as a JSON object keyed by the type, e.g. {"http":{"baseURI":"https://api.example.com","auth":{"type":"token"}}}.',
  ).optional(),
};

type ConnectionArgs = {
  type?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
  settings?: string | undefined;
};

function connectionBody(args: ConnectionArgs): Record<string, unknown> {
  return {
    ...(args.settings === undefined ? {} : parseJsonObject(args.settings, "settings")),
    type: args.type,
    name: args.name,
    description: args.description,
  };
}

/** A ping answers 200 either way; a failure carries `errors[]` in the body (see connections.ts). */
function pingOutcome(body: unknown): Record<string, unknown> {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) && errors.length > 0
    ? { operational: false, errors }
    : { operational: true, response: body ?? null };
}

export const connectionTools: CeligoTool[] = [
  listTool("CELIGO_LIST_CONNECTIONS", { key: "connections", path: connection.path }),
  readOneTool("CELIGO_GET_CONNECTION", connection),
  createTool(
    "CELIGO_CREATE_CONNECTION",
    connection.path,
    {
      type: z.enum(connectionTypes).describe("Connection type."),
      name: z.string().trim().min(1).describe("Connection name."),
      ...connectionFields,
    },
    connectionBody,
  ),
  replaceTool(
    "CELIGO_UPDATE_CONNECTION",
    connection,
    {
      type: z
        .enum(connectionTypes)
        .describe("Connection type (required: PUT replaces the object)."),
      name: z.string().trim().min(1).optional().describe("New connection name."),
      ...connectionFields,
    },
    connectionBody,
  ),
  patchTool(
    "CELIGO_PATCH_CONNECTION",
    connection,
    "Patchable: /name, /description, /debugDate (ISO time until which debug logging is on).",
  ),
  deleteTool("CELIGO_DELETE_CONNECTION", connection),
  auditTool("CELIGO_GET_CONNECTION_AUDIT", connection),
  defineTool({
    slug: "CELIGO_GET_CONNECTION_DEBUG_LOGS",
    kind: "read",
    input: {
      connection_id: idArgument("connection"),
      resource_id: idArgument("export or import")
        .optional()
        .describe("Only log lines of this export or import."),
    },
    run: async (args, celigo) => ({
      connection_id: args.connection_id,
      logs: await celigo.get(
        `${resourcePath(connection, args.connection_id)}/debug`,
        withoutUndefined({ resource_id: args.resource_id }) as Record<string, string>,
      ),
    }),
  }),
  dependenciesTool("CELIGO_GET_CONNECTION_DEPENDENCIES", connection),
  defineTool({
    slug: "CELIGO_PING_CONNECTION",
    kind: "read",
    openWorld: true,
    input: { connection_id: idArgument("connection") },
    run: async (args, celigo) => ({
      connection_id: args.connection_id,
      ...pingOutcome(await celigo.post(`${resourcePath(connection, args.connection_id)}/ping`)),
    }),
  }),
  defineTool({
    slug: "CELIGO_TEST_VIRTUAL_CONNECTION",
    kind: "read",
    openWorld: true,
    input: {
      type: z.enum(connectionTypes).describe("Connection type."),
      name: z.string().trim().min(1).describe("A name for the unsaved connection."),
      settings: connectionFields.settings,
    },
    run: async (args, celigo) =>
      pingOutcome(await celigo.post(`${connection.path}/ping`, connectionBody(args))),
  }),
];
