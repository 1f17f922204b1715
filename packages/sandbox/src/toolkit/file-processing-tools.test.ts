import { describe, expect, it } from "vitest";
import type { AccountDirectory } from "../account-directory.ts";
import { executeTool } from "./execute-tool.ts";

// The parsing tools never reach the API; a directory that fails loudly proves it.
const noApi: AccountDirectory = {
  findByComposioKey: () => undefined,
  findByCeligoToken: () => undefined,
  get: () => undefined,
  callApi: () => Promise.reject(new Error("the parsing tools must not call the API")),
};

const run = async (slug: string, args: unknown) => {
  const result = await executeTool(noApi, "account", slug, args);
  return result.structuredContent;
};

describe("parsing tools", () => {
  it("parses quoted CSV with a header row", async () => {
    const answer = await run("CELIGO_PARSE_CSV_TO_JSON", {
      data: 'sku,name,qty\nA1,"Widget, large",2\nB2,"Say ""hi""",5\n',
    });
    expect(answer.data).toMatchObject({
      records: [
        { sku: "A1", name: "Widget, large", qty: "2" },
        { sku: "B2", name: 'Say "hi"', qty: "5" },
      ],
      total: 2,
    });
  });

  it("reports broken CSV as a tool error naming data", async () => {
    const answer = await run("CELIGO_PARSE_CSV_TO_JSON", { data: 'a,b\n"unterminated,1\n' });
    expect(answer.successful).toBe(false);
    expect(answer.error).toContain("data is not valid CSV");
  });

  it("parses XML records at a resource path, with attributes and typed values", async () => {
    const answer = await run("CELIGO_PARSE_XML_TO_JSON", {
      data: '<Orders><Order id="7"><Total>12.5</Total></Order><Order id="8"><Total>3</Total></Order></Orders>',
      resource_path: "/Orders/Order",
    });
    expect(answer.data).toMatchObject({
      records: [
        { "@_id": 7, Total: 12.5 },
        { "@_id": 8, Total: 3 },
      ],
    });
    const broken = await run("CELIGO_PARSE_XML_TO_JSON", { data: "<a><b></a>" });
    expect(broken.error).toContain("not well-formed XML");
  });

  it("parses X12-style delimited segments and fixed-width rows", async () => {
    const edi = await run("CELIGO_PARSE_STRUCTURED_FILE", {
      data: "ST*850*0001~BEG*00*SA*PO123~",
      format: "delimited",
      row_delimiter: "~",
      fields: [{ name: "segment" }, { name: "e1" }],
    });
    expect(edi.data).toMatchObject({
      records: [
        { segment: "ST", e1: "850", Field3: "0001" },
        { segment: "BEG", e1: "00", Field3: "SA", Field4: "PO123" },
      ],
    });
    const fixed = await run("CELIGO_PARSE_STRUCTURED_FILE", {
      data: "A1   0002\nB22  0010",
      format: "fixed_width",
      fields: [
        { name: "sku", start: 1, length: 5 },
        { name: "qty", start: 6, length: 4 },
      ],
    });
    expect(fixed.data).toMatchObject({
      records: [
        { sku: "A1", qty: "0002" },
        { sku: "B22", qty: "0010" },
      ],
    });
  });

  it("generates files that parse back to the same records", async () => {
    const records = [
      { sku: "A1", name: "Widget, large" },
      { sku: "B2", name: "Gadget" },
    ];
    const generated = await run("CELIGO_GENERATE_STRUCTURED_FILE", {
      data: JSON.stringify(records),
      format: "delimited",
      fields: [{ name: "sku" }, { name: "name" }],
      include_header: true,
    });
    const file = (generated.data as { file: string }).file;
    const parsed = await run("CELIGO_PARSE_CSV_TO_JSON", { data: file });
    expect((parsed.data as { records: unknown }).records).toEqual(records);
    const fixed = await run("CELIGO_GENERATE_STRUCTURED_FILE", {
      data: records,
      format: "fixed_width",
      fields: [
        { name: "sku", length: 4, align: "right", pad: "0" },
        { name: "name", length: 6 },
      ],
    });
    expect((fixed.data as { file: string }).file).toBe("00A1Widget\n00B2Gadget");
  });

  it("evaluates import mappings: extract, hard-coded values and types", async () => {
    const answer = await run("CELIGO_EVALUATE_VIRTUAL_IMPORT_MAP", {
      data: JSON.stringify([{ id: "5", billing: { email: "a@b.c" } }]),
      mappings: [
        { extract: "billing.email", generate: "customer.email" },
        { extract: "id", generate: "externalId", data_type: "number" },
        { generate: "subsidiary", hard_coded_value: "US" },
      ],
    });
    expect(answer.data).toEqual({
      mapped: [{ customer: { email: "a@b.c" }, externalId: 5, subsidiary: "US" }],
    });
  });
});
