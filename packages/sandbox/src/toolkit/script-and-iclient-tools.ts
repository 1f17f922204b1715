import { z } from "zod";
import {
  createTool,
  deleteTool,
  listTool,
  patchTool,
  type ResourceDescriptor,
  readOneTool,
  replaceTool,
  subListTool,
} from "./resource-tools.ts";
import { jsonText, parseJsonObject } from "./tool-arguments.ts";
import type { CeligoTool } from "./tool-definition.ts";

const script: ResourceDescriptor = { label: "script", idName: "script_id", path: "/v1/scripts" };
const iClient: ResourceDescriptor = {
  label: "iClient",
  idName: "iclient_id",
  path: "/v1/iClients",
};

const scriptFields = {
  description: z.string().optional().describe("What the script does."),
  content: z
    .string()
    .optional()
    .describe(
      "JavaScript source, e.g. function preSavePage(options) { return { data: options.data } }",
    ),
  sandbox: z.boolean().optional().describe("True for a sandbox-environment script."),
};

const iClientFields = {
  provider: z.string().optional().describe('Provider the credentials are for, e.g. "shopify".'),
  published: z.boolean().optional().describe("Whether the iClient is published for reuse."),
  form_type: z.enum(["assistant", "http", "graph"]).optional().describe("Form used to edit it."),
  settings: jsonText(
    'Provider-specific settings as a JSON object, e.g. {"oauth2":{"clientId":"…","scope":["read"]}}.',
  ).optional(),
};

type IClientArgs = {
  name?: string | undefined;
  provider?: string | undefined;
  published?: boolean | undefined;
  form_type?: string | undefined;
  settings?: string | undefined;
};

function iClientBody(args: IClientArgs): Record<string, unknown> {
  return {
    ...(args.settings === undefined ? {} : parseJsonObject(args.settings, "settings")),
    name: args.name,
    provider: args.provider,
    published: args.published,
    formType: args.form_type,
  };
}

const name = (label: string) => z.string().trim().min(1).describe(`${label} name.`);

export const scriptAndIClientTools: CeligoTool[] = [
  createTool(
    "CELIGO_CREATE_SCRIPT",
    script.path,
    { name: name("Script"), ...scriptFields },
    (args) => args,
  ),
  readOneTool("CELIGO_GET_SCRIPT", script),
  replaceTool(
    "CELIGO_UPDATE_SCRIPT",
    script,
    { name: name("Script").optional(), ...scriptFields },
    (args) => args,
  ),
  deleteTool("CELIGO_DELETE_SCRIPT", script),
  subListTool("CELIGO_GET_SCRIPT_LOGS", script, "logs", "logs"),
  listTool("CELIGO_LIST_I_CLIENTS", { key: "iclients", path: iClient.path }),
  readOneTool("CELIGO_GET_I_CLIENT", iClient),
  createTool(
    "CELIGO_CREATE_I_CLIENT",
    iClient.path,
    { name: name("iClient"), ...iClientFields },
    iClientBody,
  ),
  replaceTool(
    "CELIGO_UPDATE_I_CLIENT",
    iClient,
    { name: name("iClient").optional(), ...iClientFields },
    iClientBody,
  ),
  patchTool("CELIGO_PATCH_ICLIENT", iClient, "Only /name is patchable on iClients."),
  deleteTool("CELIGO_DELETE_ICLIENT", iClient),
];
