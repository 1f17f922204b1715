import { parse as parseCsv } from "csv-parse/sync";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { ToolArgumentError } from "./tool-arguments.ts";

/**
 * The pure processors behind the parsing tools: integrator.io runs these without touching an
 * account, so the sandbox runs them in process with the well-kept parsers.
 */

export interface CsvOptions {
  columnDelimiter: string;
  rowDelimiter?: string | undefined;
  hasHeaderRow: boolean;
  trimSpaces: boolean;
  skipLines: number;
}

export function csvToRecords(text: string, options: CsvOptions): Record<string, unknown>[] {
  try {
    const rows = parseCsv(text, {
      delimiter: options.columnDelimiter,
      ...(options.rowDelimiter === undefined ? {} : { record_delimiter: options.rowDelimiter }),
      trim: options.trimSpaces,
      from_line: options.skipLines + 1,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as string[][];
    if (!options.hasHeaderRow) {
      return rows.map((row) =>
        Object.fromEntries(row.map((value, index) => [`Column${index + 1}`, value])),
      );
    }
    const [header = [], ...body] = rows;
    return body.map((row) =>
      Object.fromEntries(header.map((name, index) => [name, row[index] ?? ""])),
    );
  } catch (error) {
    throw new ToolArgumentError("data", `data is not valid CSV: ${(error as Error).message}`);
  }
}

export interface XmlOptions {
  resourcePath?: string | undefined;
  attributePrefix: string;
  stripNamespaces: boolean;
  parseValues: boolean;
}

/** Parses XML; `resourcePath` (e.g. `/Orders/Order`) picks the nodes that are the records. */
export function xmlToJson(text: string, options: XmlOptions): unknown[] {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new ToolArgumentError(
      "data",
      `data is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col}).`,
    );
  }
  const document = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: options.attributePrefix,
    removeNSPrefix: options.stripNamespaces,
    parseTagValue: options.parseValues,
    parseAttributeValue: options.parseValues,
  }).parse(text) as Record<string, unknown>;
  if (options.resourcePath === undefined) return [document];
  let nodes: unknown[] = [document];
  for (const name of options.resourcePath.split("/").filter(Boolean)) {
    nodes = nodes.flatMap((node) => {
      const child = (node as Record<string, unknown> | undefined)?.[name];
      if (child === undefined) return [];
      return Array.isArray(child) ? child : [child];
    });
  }
  return nodes;
}

export interface FixedWidthField {
  name: string;
  /** 1-based first column. */
  start: number;
  length: number;
}

export function fixedWidthToRecords(
  text: string,
  rowDelimiter: string,
  fields: readonly FixedWidthField[],
): Record<string, string>[] {
  return text
    .split(rowDelimiter)
    .filter((line) => line.trim().length > 0)
    .map((line) =>
      Object.fromEntries(
        fields.map((field) => [
          field.name,
          line.slice(field.start - 1, field.start - 1 + field.length).trim(),
        ]),
      ),
    );
}

/** Delimited rows (EDI segments, pipe files) with named or numbered fields. */
export function delimitedToRecords(
  text: string,
  rowDelimiter: string,
  columnDelimiter: string,
  fieldNames: readonly string[],
): Record<string, string>[] {
  const rows = parseCsv(text, {
    delimiter: columnDelimiter,
    record_delimiter: rowDelimiter,
    quote: false,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  }) as string[][];
  return rows.map((row) =>
    Object.fromEntries(
      row.map((value, index) => [fieldNames[index] ?? `Field${index + 1}`, value]),
    ),
  );
}

export interface GeneratedField {
  name: string;
  length?: number | undefined;
  align?: "left" | "right" | undefined;
  pad?: string | undefined;
}

function valueText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function quoted(value: string, columnDelimiter: string, rowDelimiter: string): string {
  const needsQuotes =
    value.includes(columnDelimiter) ||
    value.includes(rowDelimiter) ||
    value.includes('"') ||
    value.includes("\n");
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes records as a delimited file (RFC 4180 quoting) or a fixed-width file. */
export function recordsToFile(
  records: readonly Record<string, unknown>[],
  options: {
    format: "delimited" | "fixed_width";
    fields: readonly GeneratedField[];
    columnDelimiter: string;
    rowDelimiter: string;
    includeHeader: boolean;
  },
): string {
  const { fields, columnDelimiter, rowDelimiter } = options;
  if (options.format === "fixed_width") {
    return records
      .map((record) =>
        fields
          .map((field) => {
            const length = field.length ?? 10;
            const text = valueText(record[field.name]).slice(0, length);
            const pad = (field.pad ?? " ").charAt(0) || " ";
            return field.align === "right" ? text.padStart(length, pad) : text.padEnd(length, pad);
          })
          .join(""),
      )
      .join(rowDelimiter);
  }
  const lines = records.map((record) =>
    fields
      .map((field) => quoted(valueText(record[field.name]), columnDelimiter, rowDelimiter))
      .join(columnDelimiter),
  );
  const header = fields.map((field) => quoted(field.name, columnDelimiter, rowDelimiter));
  return (options.includeHeader ? [header.join(columnDelimiter), ...lines] : lines).join(
    rowDelimiter,
  );
}
