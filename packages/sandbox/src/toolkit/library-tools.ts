import { z } from "zod";
import { segment } from "./celigo-client.ts";
import {
  createTool,
  deleteTool,
  listTool,
  type ResourceDescriptor,
  readOneTool,
  withoutUndefined,
} from "./resource-tools.ts";
import { idArgument, jsonText, parseJsonObject } from "./tool-arguments.ts";
import { type CeligoTool, defineTool } from "./tool-definition.ts";

const tag: ResourceDescriptor = { label: "tag", idName: "tag_id", path: "/v1/tags" };
const fileDefinition: ResourceDescriptor = {
  label: "file definition",
  idName: "file_definition_id",
  path: "/v1/filedefinitions",
};

const auditFilters = {
  resource_type: z
    .enum(["integration", "flow", "export", "import", "connection", "script", "iClient", "state"])
    .optional()
    .describe("Only changes to this type of resource."),
  resource_id: idArgument("resource").optional().describe("Only changes to this resource."),
  by_user_id: idArgument("user").optional().describe("Only changes made by this user."),
  source: z.enum(["ui", "api", "connector", "stack", "system", "sso"]).optional(),
  action: z.enum(["create", "update", "delete"]).optional().describe("Only this kind of change."),
  from: z.string().optional().describe("Changes at or after this ISO time."),
  to: z.string().optional().describe("Changes at or before this ISO time."),
};

export const libraryTools: CeligoTool[] = [
  listTool("CELIGO_GET_TAGS", { key: "tags", path: tag.path }),
  readOneTool("CELIGO_GET_TAG", tag),
  createTool(
    "CELIGO_CREATE_TAG",
    tag.path,
    { tag: z.string().trim().min(1).max(100).describe("The tag's name.") },
    (args) => ({ tag: args.tag }),
  ),
  defineTool({
    slug: "CELIGO_UPDATE_TAG",
    kind: "overwrite",
    input: {
      tag_id: idArgument("tag"),
      tag: z.string().trim().min(1).max(100).describe("New name."),
    },
    run: (args, celigo) => celigo.put(`${tag.path}/${segment(args.tag_id)}`, { tag: args.tag }),
  }),
  deleteTool("CELIGO_DELETE_TAG", tag),
  listTool("CELIGO_GET_FILE_DEFINITIONS", { key: "file_definitions", path: fileDefinition.path }),
  readOneTool("CELIGO_GET_FILE_DEFINITION", fileDefinition),
  createTool(
    "CELIGO_CREATE_FILE_DEFINITION",
    fileDefinition.path,
    {
      name: z.string().trim().min(1).describe("File definition name."),
      description: z.string().optional(),
      format: z.enum(["delimited", "fixed"]).describe("Delimited (CSV-style) or fixed-width."),
      rules: jsonText(
        'The file\'s rules as a JSON object, e.g. {"fileDefinition":{"delimited":{"rowDelimiter":"\\n","colDelimiter":","}}}.',
      ).optional(),
    },
    (args) => ({
      ...(args.rules === undefined ? {} : parseJsonObject(args.rules, "rules")),
      name: args.name,
      description: args.description,
      format: args.format,
    }),
  ),
  listTool("CELIGO_GET_EDI_PROFILES", { key: "edi_profiles", path: "/v1/ediprofiles" }),
  listTool("CELIGO_LIST_LICENSES", { key: "licenses", path: "/v1/licenses" }),
  listTool("CELIGO_LIST_AUDIT_LOGS", {
    key: "audit_logs",
    path: "/v1/audit",
    filters: auditFilters,
    query: (args) =>
      withoutUndefined({
        resourceType: args.resource_type,
        _resourceId: args.resource_id,
        _byUserId: args.by_user_id,
        source: args.source,
        action: args.action,
        from: args.from,
        to: args.to,
      }) as Record<string, string>,
  }),
];
