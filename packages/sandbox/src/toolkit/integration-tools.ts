import { z } from "zod";
import { segment } from "./celigo-client.ts";
import {
  auditTool,
  cloneTool,
  createTool,
  deleteTool,
  dependenciesTool,
  idOf,
  listTool,
  patchTool,
  type ResourceDescriptor,
  readOneTool,
  replaceTool,
  resourcePath,
  subListTool,
} from "./resource-tools.ts";
import { idArgument } from "./tool-arguments.ts";
import { type CeligoTool, defineTool } from "./tool-definition.ts";

export const integration: ResourceDescriptor = {
  label: "integration",
  idName: "integration_id",
  path: "/v1/integrations",
};

const integrationFields = {
  name: z.string().trim().min(1).max(300).describe("Integration name."),
  description: z.string().max(10240).optional().describe("What the integration is for."),
  readme: z.string().optional().describe("Markdown notes shown on the integration's page."),
};

const connectionId = idArgument("connection");

export const integrationTools: CeligoTool[] = [
  listTool("CELIGO_LIST_INTEGRATIONS", { key: "integrations", path: integration.path }),
  createTool("CELIGO_CREATE_INTEGRATION", integration.path, integrationFields, (args) => args),
  replaceTool(
    "CELIGO_UPDATE_INTEGRATION",
    integration,
    {
      ...integrationFields,
      name: integrationFields.name.optional(),
      version: z.string().optional().describe("Version label, e.g. 1.2.0."),
    },
    (args) => args,
  ),
  patchTool(
    "CELIGO_PATCH_INTEGRATION",
    integration,
    "Patchable: /name, /description, /readme, /version and /flowGroupings.",
  ),
  deleteTool("CELIGO_DELETE_INTEGRATION", integration),
  cloneTool(
    "CELIGO_CLONE_INTEGRATION",
    integration,
    { name: z.string().optional().describe('Name of the copy (default "Clone - <name>").') },
    (args) => ({ name: args.name }),
  ),
  defineTool({
    slug: "CELIGO_CREATE_INTEGRATION_REVISION",
    kind: "write",
    input: {
      integration_id: idArgument("integration"),
      description: z.string().max(1000).optional().describe("What this snapshot captures."),
    },
    run: (args, celigo) =>
      celigo.post(`${resourcePath(integration, args.integration_id)}/revisions`, {
        type: "snapshot",
        ...(args.description === undefined ? {} : { description: args.description }),
      }),
  }),
  auditTool("CELIGO_GET_INTEGRATION_AUDIT", integration),
  subListTool("CELIGO_GET_INTEGRATION_CONNECTIONS", integration, "connections", "connections"),
  dependenciesTool("CELIGO_GET_INTEGRATION_DEPENDENCIES", integration),
  defineTool({
    slug: "CELIGO_GET_INTEGRATION_ERRORS",
    kind: "read",
    input: { integration_id: idArgument("integration") },
    run: async (args, celigo) => ({
      flows_with_open_errors:
        (await celigo.get(`${resourcePath(integration, args.integration_id)}/errors`)) ?? [],
    }),
  }),
  subListTool("CELIGO_GET_INTEGRATION_EXPORTS", integration, "exports", "exports"),
  subListTool("CELIGO_GET_INTEGRATION_FLOWS", integration, "flows", "flows"),
  subListTool("CELIGO_GET_INTEGRATION_IMPORTS", integration, "imports", "imports"),
  readOneTool("CELIGO_GET_INTEGRATION_TEMPLATE", integration, "template"),
  subListTool("CELIGO_GET_INTEGRATION_USERS", integration, "ashares", "users"),
  defineTool({
    slug: "CELIGO_REGISTER_CONNECTION",
    kind: "write",
    input: { integration_id: idArgument("integration"), connection_id: connectionId },
    run: (args, celigo) =>
      celigo.put(
        `${resourcePath(integration, args.integration_id)}/connections/${segment(args.connection_id)}/register`,
      ),
  }),
  defineTool({
    slug: "CELIGO_REGISTER_CONNECTIONS_BULK",
    kind: "overwrite",
    input: {
      integration_id: idArgument("integration"),
      connection_ids: z
        .array(connectionId)
        .describe("Every connection the integration should have registered; replaces the list."),
    },
    run: (args, celigo) =>
      celigo.put(`${resourcePath(integration, args.integration_id)}/connections/register`, {
        connectionIds: args.connection_ids,
      }),
  }),
  defineTool({
    slug: "CELIGO_UNREGISTER_CONNECTION",
    kind: "overwrite",
    input: { integration_id: idArgument("integration"), connection_id: connectionId },
    run: async (args, celigo) => {
      const id = idOf(args, integration);
      await celigo.put(
        `${resourcePath(integration, id)}/connections/${segment(args.connection_id)}/unregister`,
      );
      return { unregistered: true, integration_id: id, connection_id: args.connection_id };
    },
  }),
];
