import { z } from "zod";
import {
  csvToRecords,
  delimitedToRecords,
  fixedWidthToRecords,
  recordsToFile,
  xmlToJson,
} from "./file-processing.ts";
import { jsonText, parseJsonText, ToolArgumentError } from "./tool-arguments.ts";
import { type CeligoTool, defineTool } from "./tool-definition.ts";

/** Parsed output beyond this many records is cut, with a note on how to see the rest. */
const recordLimit = 500;

function limited(records: unknown[], offset = 0) {
  const page = records.slice(offset, offset + recordLimit);
  const rest = records.length - offset - page.length;
  return {
    records: page,
    count: page.length,
    total: records.length,
    ...(rest > 0
      ? {
          next_offset: offset + page.length,
          note: `${rest} more records: call again with offset=${offset + page.length}.`,
        }
      : {}),
  };
}

const offset = z.number().int().min(0).optional().describe("Records to skip in the answer.");
const rowDelimiter = z
  .string()
  .min(1)
  .optional()
  .describe('Row (segment) delimiter; default a line break ("\\n"), "~" for X12 EDI.');

export function parseRecordsArgument(text: string, argument: string): Record<string, unknown>[] {
  const value = parseJsonText(text);
  const records = Array.isArray(value) ? value : [value];
  if (!records.every((record) => typeof record === "object" && record !== null)) {
    throw new ToolArgumentError(
      argument,
      `${argument} must be a JSON array of objects, e.g. [{"id":1,"name":"A"}].`,
    );
  }
  return records as Record<string, unknown>[];
}

export const fileProcessingTools: CeligoTool[] = [
  defineTool({
    slug: "CELIGO_PARSE_CSV_TO_JSON",
    kind: "read",
    input: {
      data: z.string().min(1).describe("The CSV text."),
      column_delimiter: z.string().min(1).max(4).optional().describe('Default ",".'),
      row_delimiter: rowDelimiter,
      has_header_row: z
        .boolean()
        .optional()
        .describe("First row holds column names (default true)."),
      trim_spaces: z.boolean().optional().describe("Trim spaces around values (default false)."),
      skip_lines: z.number().int().min(0).optional().describe("Lines to skip before the data."),
      offset,
    },
    run: async (args) =>
      limited(
        csvToRecords(args.data, {
          columnDelimiter: args.column_delimiter ?? ",",
          rowDelimiter: args.row_delimiter,
          hasHeaderRow: args.has_header_row ?? true,
          trimSpaces: args.trim_spaces ?? false,
          skipLines: args.skip_lines ?? 0,
        }),
        args.offset,
      ),
  }),
  defineTool({
    slug: "CELIGO_PARSE_XML_TO_JSON",
    kind: "read",
    input: {
      data: z.string().min(1).describe("The XML text."),
      resource_path: z
        .string()
        .optional()
        .describe(
          'Path of the elements that are records, e.g. "/Orders/Order" (default: the whole document).',
        ),
      attribute_prefix: z
        .string()
        .optional()
        .describe('Prefix for attribute names (default "@_").'),
      strip_namespaces: z.boolean().optional().describe("Drop namespace prefixes (default false)."),
      parse_values: z
        .boolean()
        .optional()
        .describe("Turn numbers and booleans into JSON types (default true)."),
      offset,
    },
    run: async (args) =>
      limited(
        xmlToJson(args.data, {
          resourcePath: args.resource_path,
          attributePrefix: args.attribute_prefix ?? "@_",
          stripNamespaces: args.strip_namespaces ?? false,
          parseValues: args.parse_values ?? true,
        }),
        args.offset,
      ),
  }),
  defineTool({
    slug: "CELIGO_PARSE_STRUCTURED_FILE",
    kind: "read",
    input: {
      data: z.string().min(1).describe("The file content."),
      format: z.enum(["delimited", "fixed_width"]).describe("How fields are separated."),
      row_delimiter: rowDelimiter,
      column_delimiter: z
        .string()
        .min(1)
        .optional()
        .describe('Field delimiter for delimited files (default "*", the X12 element separator).'),
      fields: z
        .array(
          z.object({
            name: z.string().min(1),
            start: z
              .number()
              .int()
              .min(1)
              .optional()
              .describe("First column, from 1 (fixed width)."),
            length: z.number().int().min(1).optional().describe("Width (fixed width)."),
          }),
        )
        .optional()
        .describe("Field names in order; fixed-width files also need start and length."),
      offset,
    },
    run: async (args) => {
      const rows = args.row_delimiter ?? "\n";
      if (args.format === "delimited") {
        const names = (args.fields ?? []).map((field) => field.name);
        return limited(
          delimitedToRecords(args.data, rows, args.column_delimiter ?? "*", names),
          args.offset,
        );
      }
      const fields = (args.fields ?? []).map((field, index) => {
        if (field.start === undefined || field.length === undefined) {
          throw new ToolArgumentError(
            `fields.${index}`,
            `fields.${index} ("${field.name}") needs start and length for a fixed-width file.`,
          );
        }
        return { name: field.name, start: field.start, length: field.length };
      });
      if (fields.length === 0) {
        throw new ToolArgumentError(
          "fields",
          "A fixed-width file needs fields with start and length.",
        );
      }
      return limited(fixedWidthToRecords(args.data, rows, fields), args.offset);
    },
  }),
  defineTool({
    slug: "CELIGO_GENERATE_STRUCTURED_FILE",
    kind: "read",
    input: {
      data: jsonText('The records as a JSON array of objects, e.g. [{"sku":"A1","qty":2}].'),
      format: z.enum(["delimited", "fixed_width"]).describe("File layout to write."),
      fields: z
        .array(
          z.object({
            name: z.string().min(1).describe("Record field to write."),
            length: z.number().int().min(1).optional().describe("Width (fixed width; default 10)."),
            align: z.enum(["left", "right"]).optional().describe("Padding side (fixed width)."),
            pad: z.string().max(1).optional().describe('Pad character (default " ").'),
          }),
        )
        .min(1)
        .describe("The columns, in order."),
      column_delimiter: z.string().min(1).optional().describe('Default ",".'),
      row_delimiter: rowDelimiter,
      include_header: z
        .boolean()
        .optional()
        .describe("Write a header row (delimited; default false)."),
    },
    run: async (args) => {
      const records = parseRecordsArgument(args.data, "data");
      const file = recordsToFile(records, {
        format: args.format,
        fields: args.fields,
        columnDelimiter: args.column_delimiter ?? ",",
        rowDelimiter: args.row_delimiter ?? "\n",
        includeHeader: args.include_header ?? false,
      });
      return { file, records: records.length };
    },
  }),
];
