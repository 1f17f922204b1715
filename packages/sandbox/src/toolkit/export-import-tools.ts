import { z } from "zod";
import {
  auditTool,
  cloneTool,
  createTool,
  deleteTool,
  dependenciesTool,
  listTool,
  patchTool,
  type ResourceDescriptor,
  readOneTool,
  replaceTool,
  resourcePath,
} from "./resource-tools.ts";
import { idArgument, jsonText, parseJsonObject } from "./tool-arguments.ts";
import { type CeligoTool, defineTool } from "./tool-definition.ts";

export const exportResource: ResourceDescriptor = {
  label: "export",
  idName: "export_id",
  path: "/v1/exports",
};
export const importResource: ResourceDescriptor = {
  label: "import",
  idName: "import_id",
  path: "/v1/imports",
};

const adaptorTypes = {
  export: [
    "HTTPExport",
    "RESTExport",
    "NetSuiteExport",
    "SalesforceExport",
    "FTPExport",
    "S3Export",
    "RDBMSExport",
    "WebhookExport",
    "SimpleExport",
  ],
  import: [
    "HTTPImport",
    "RESTImport",
    "NetSuiteImport",
    "NetSuiteDistributedImport",
    "SalesforceImport",
    "FTPImport",
    "S3Import",
    "RDBMSImport",
  ],
} as const;

/** Fields create and update share; adaptor details travel as one JSON object (no open maps). */
function stepFields(kind: "export" | "import") {
  return {
    description: z.string().optional().describe(`What the ${kind} does.`),
    connection_id: idArgument("connection")
      .optional()
      .describe(`Connection the ${kind} uses (not needed for webhook exports).`),
    adaptor_type: z.enum(adaptorTypes[kind]).optional().describe(`The ${kind}'s adaptor type.`),
    ...(kind === "export"
      ? {
          type: z
            .enum(["delta", "test", "once", "webhook", "all"])
            .optional()
            .describe(
              "What the export picks up: all records, changes since the last run (delta), …",
            ),
          page_size: z.number().int().min(1).max(1000).optional().describe("Records per page."),
        }
      : {}),
    settings: jsonText(
      `Adaptor-specific settings as a JSON object, e.g. {"http":{"relativeURI":"/orders","method":"GET"}}.`,
    ).optional(),
  };
}

/** Builds the API body; the argument names are the schema's, so each is read by name. */
function stepBody(args: Record<string, unknown>): Record<string, unknown> {
  const settings = args.settings as string | undefined;
  return {
    ...(settings === undefined ? {} : parseJsonObject(settings, "settings")),
    name: args.name,
    description: args.description,
    _connectionId: args.connection_id,
    adaptorType: args.adaptor_type,
    type: args.type,
    pageSize: args.page_size,
  };
}

function stepTools(kind: "export" | "import", resource: ResourceDescriptor) {
  const name = z.string().trim().min(1).describe(`${kind} name.`);
  return {
    list: (slug: Parameters<typeof listTool>[0]) =>
      listTool(slug, { key: `${kind}s`, path: resource.path }),
    get: (slug: Parameters<typeof readOneTool>[0]) => readOneTool(slug, resource),
    create: (slug: Parameters<typeof createTool>[0]) =>
      createTool(slug, resource.path, { name, ...stepFields(kind) }, stepBody),
    update: (slug: Parameters<typeof replaceTool>[0]) =>
      replaceTool(slug, resource, { name: name.optional(), ...stepFields(kind) }, stepBody),
    patch: (slug: Parameters<typeof patchTool>[0]) =>
      patchTool(
        slug,
        resource,
        "Only /aiDescription/summary, /aiDescription/detailed, /description and mock data (/mockOutput, /mockResponse) are patchable; change anything else with the update tool.",
      ),
    remove: (slug: Parameters<typeof deleteTool>[0]) => deleteTool(slug, resource),
    clone: (slug: Parameters<typeof cloneTool>[0]) =>
      cloneTool(
        slug,
        resource,
        {
          name: z.string().optional().describe("Name of the copy."),
          connection_id: idArgument("connection")
            .optional()
            .describe("Connection the copy should use instead (remaps the connection)."),
        },
        (args) => ({ name: args.name, _connectionId: args.connection_id }),
      ),
  };
}

const exports = stepTools("export", exportResource);
const imports = stepTools("import", importResource);

export const exportAndImportTools: CeligoTool[] = [
  exports.list("CELIGO_LIST_EXPORTS"),
  exports.get("CELIGO_GET_EXPORT"),
  exports.create("CELIGO_CREATE_EXPORT"),
  exports.update("CELIGO_UPDATE_EXPORT"),
  exports.patch("CELIGO_PATCH_EXPORT"),
  exports.remove("CELIGO_DELETE_EXPORT"),
  exports.clone("CELIGO_CLONE_EXPORT"),
  auditTool("CELIGO_GET_EXPORT_AUDIT", exportResource),
  imports.list("CELIGO_LIST_IMPORTS"),
  imports.get("CELIGO_GET_IMPORT"),
  imports.create("CELIGO_CREATE_IMPORT"),
  imports.update("CELIGO_UPDATE_IMPORT"),
  imports.patch("CELIGO_PATCH_IMPORT"),
  imports.remove("CELIGO_DELETE_IMPORT"),
  imports.clone("CELIGO_CLONE_IMPORT"),
  auditTool("CELIGO_GET_IMPORT_AUDIT", importResource),
  dependenciesTool("CELIGO_GET_IMPORT_DEPENDENCIES", importResource),
  defineTool({
    slug: "CELIGO_INVOKE_IMPORT",
    kind: "write",
    openWorld: true,
    input: { import_id: idArgument("import") },
    run: (args, celigo) => celigo.post(`${resourcePath(importResource, args.import_id)}/invoke`),
  }),
];
