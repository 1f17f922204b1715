import { z } from "zod";
import { segment } from "./celigo-client.ts";
import {
  auditTool,
  cloneTool,
  createTool,
  deleteTool,
  dependenciesTool,
  listPage,
  patchTool,
  type ResourceDescriptor,
  readOneTool,
  replaceTool,
} from "./resource-tools.ts";
import { idArgument, pagingArguments } from "./tool-arguments.ts";
import { type CeligoTool, defineTool } from "./tool-definition.ts";

export const flow: ResourceDescriptor = { label: "flow", idName: "flow_id", path: "/v1/flows" };

const flowSettings = {
  description: z.string().optional().describe("What the flow does."),
  integration_id: idArgument("integration").optional().describe("Integration the flow belongs to."),
  schedule: z
    .string()
    .optional()
    .describe('6-field cron whose first (seconds) field is "?", e.g. "? 0,30 * ? * *".'),
  timezone: z
    .string()
    .optional()
    .describe('IANA time zone of the schedule, e.g. "America/Chicago".'),
  disabled: z.boolean().optional().describe("True to disable the flow (it will not run)."),
  export_ids: z
    .array(idArgument("export"))
    .optional()
    .describe("Exports that generate the flow's pages (its sources), in order."),
  import_ids: z
    .array(idArgument("import"))
    .optional()
    .describe("Imports that process each page (its destinations), in order."),
};

type FlowSettings = z.output<z.ZodObject<typeof flowSettings>> & { name?: string | undefined };

function flowBody(args: FlowSettings): Record<string, unknown> {
  return {
    name: args.name,
    description: args.description,
    _integrationId: args.integration_id,
    schedule: args.schedule,
    timezone: args.timezone,
    disabled: args.disabled,
    pageGenerators: args.export_ids?.map((id) => ({ _exportId: id })),
    pageProcessors: args.import_ids?.map((id) => ({ type: "import", _importId: id })),
  };
}

export const flowTools: CeligoTool[] = [
  defineTool({
    slug: "CELIGO_LIST_FLOWS",
    kind: "read",
    input: {
      integration_id: idArgument("integration")
        .optional()
        .describe("Only flows of this integration."),
      ...pagingArguments,
    },
    run: (args, celigo) =>
      listPage(
        celigo,
        args.integration_id === undefined
          ? flow.path
          : `/v1/integrations/${segment(args.integration_id)}/flows`,
        "flows",
        args,
      ),
  }),
  readOneTool("CELIGO_GET_FLOW", flow),
  createTool(
    "CELIGO_CREATE_FLOW",
    flow.path,
    { name: z.string().trim().min(1).describe("Flow name."), ...flowSettings },
    flowBody,
  ),
  replaceTool(
    "CELIGO_UPDATE_FLOW",
    flow,
    { name: z.string().trim().min(1).optional().describe("New flow name."), ...flowSettings },
    flowBody,
  ),
  patchTool(
    "CELIGO_PATCH_FLOW",
    flow,
    "Patchable: /name, /description, /schedule, /timezone, /disabled, /runPageGeneratorsInParallel, /pageGenerators/N/schedule, /skipRetries, router and branch names, /aliases. Example: [{op:'replace', path:'/disabled', value:'true'}].",
  ),
  deleteTool("CELIGO_DELETE_FLOW", flow),
  cloneTool(
    "CELIGO_CLONE_FLOW",
    flow,
    {
      name: z.string().optional().describe("Name of the copy."),
      integration_id: idArgument("integration")
        .optional()
        .describe("Integration to put the copy in (default: the same one)."),
    },
    (args) => ({ name: args.name, _integrationId: args.integration_id }),
  ),
  auditTool("CELIGO_GET_FLOW_AUDIT", flow),
  dependenciesTool("CELIGO_GET_FLOW_DEPENDENCIES", flow),
  readOneTool("CELIGO_GET_FLOW_DESCENDANTS", flow, "descendants"),
  readOneTool("CELIGO_GET_FLOW_LAST_EXPORT_DATETIME", flow, "lastExportDateTime"),
  readOneTool("CELIGO_GET_FLOW_LATEST_JOBS", flow, "jobs/latest"),
  readOneTool("CELIGO_GET_FLOW_TEMPLATE", flow, "template"),
];
