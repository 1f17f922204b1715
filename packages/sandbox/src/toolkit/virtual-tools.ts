import { z } from "zod";
import { segment } from "./celigo-client.ts";
import { applyMappings, fieldMapping } from "./field-mapping.ts";
import { parseRecordsArgument } from "./file-processing-tools.ts";
import { idArgument, jsonText, parseJsonObject } from "./tool-arguments.ts";
import { type CeligoTool, defineTool } from "./tool-definition.ts";

/**
 * Virtual exports and imports run a resource model against a saved connection without saving
 * the model; in the sandbox they reach the scenario's simulated endpoint behind the connection.
 */

const connectionId = idArgument("connection").describe(
  "Connection to run the export or import on.",
);
const exportModel = jsonText(
  'The export model as a JSON object, e.g. {"http":{"relativeURI":"/orders","method":"GET"}}.',
);
const importModel = jsonText(
  'The import model as a JSON object, e.g. {"http":{"relativeURI":"/customers","method":"POST"}}.',
);
const records = jsonText(
  'The records as a JSON array of objects, e.g. [{"id":"1","email":"a@b.c"}].',
);
const mappings = z.array(fieldMapping).describe("Field mappings applied to each record.");

function pagedState(body: unknown) {
  const state = (body as { pagedExportState?: unknown } | undefined)?.pagedExportState;
  return state === undefined
    ? {}
    : {
        paged_export_state: JSON.stringify(state),
        note: "More pages: call again with paged_export_state set to this value.",
      };
}

export const virtualTools: CeligoTool[] = [
  defineTool({
    slug: "CELIGO_EXECUTE_VIRTUAL_EXPORT",
    kind: "read",
    openWorld: true,
    input: { connection_id: connectionId, export: exportModel },
    run: async (args, celigo) => {
      const body = await celigo.post(`/v1/connections/${segment(args.connection_id)}/export`, {
        export: parseJsonObject(args.export, "export"),
      });
      return { ...(body as object), ...pagedState(body) };
    },
  }),
  defineTool({
    slug: "CELIGO_EXPORT_VIRTUAL_PAGED",
    kind: "read",
    openWorld: true,
    input: {
      connection_id: connectionId,
      export: exportModel,
      paged_export_state: jsonText(
        "The paged_export_state of the previous answer, for the next page; leave out for the first.",
      ).optional(),
    },
    run: async (args, celigo) => {
      const body = (await celigo.post(`/v1/connections/${segment(args.connection_id)}/export`, {
        export: parseJsonObject(args.export, "export"),
        ...(args.paged_export_state === undefined
          ? {}
          : { pagedExportState: parseJsonObject(args.paged_export_state, "paged_export_state") }),
      })) as { data?: unknown[] };
      return { data: body.data ?? [], ...pagedState(body) };
    },
  }),
  defineTool({
    slug: "CELIGO_EXECUTE_VIRTUAL_IMPORT",
    kind: "write",
    openWorld: true,
    input: {
      connection_id: connectionId,
      import: importModel,
      data: records,
      mappings: mappings.optional(),
    },
    run: async (args, celigo) => {
      const input = parseRecordsArgument(args.data, "data");
      const mapped = args.mappings === undefined ? input : applyMappings(input, args.mappings);
      const results = await celigo.post(`/v1/connections/${segment(args.connection_id)}/import`, {
        import: parseJsonObject(args.import, "import"),
        data: mapped,
      });
      return { sent: mapped, results };
    },
  }),
  defineTool({
    slug: "CELIGO_EVALUATE_VIRTUAL_IMPORT_MAP",
    kind: "read",
    input: { data: records, mappings: mappings.min(1) },
    run: async (args) => ({
      mapped: applyMappings(parseRecordsArgument(args.data, "data"), args.mappings),
    }),
  }),
];
