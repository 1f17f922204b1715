import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type RouterSandbox,
  startRouterSandbox,
} from "../composio/testing/start-router-sandbox.ts";
import { celigoTools } from "../toolkit/celigo-toolkit.ts";
import type { ComposioToolAnswer } from "../toolkit/tool-result.ts";

type Row = Record<string, unknown>;

let setup: RouterSandbox;
let client: Client;
const ids: Record<string, unknown> = {};

async function api(path: string): Promise<Row[] | Row> {
  const response = await setup.sandbox.directory.callApi(setup.sandbox.defaultAccount.accountId, {
    method: "GET",
    path,
  });
  return (response.body ?? []) as Row[] | Row;
}

async function call(name: string, args: Row): Promise<ComposioToolAnswer & { isError: boolean }> {
  const result = (await client.callTool({ name, arguments: args })) as unknown as {
    structuredContent: ComposioToolAnswer;
    isError?: boolean;
  };
  return { ...result.structuredContent, isError: result.isError === true };
}

/** Arguments that are not ids of the scenario, per tool. */
const specificArguments: Record<string, Row> = {
  CELIGO_LIST_JOBS: { created_at_gte: "2025-03-13T00:00:00Z", status: ["failed", "completed"] },
  CELIGO_PARSE_CSV_TO_JSON: { data: "a,b\n1,2\n" },
  CELIGO_PARSE_XML_TO_JSON: { data: "<r><i>1</i></r>" },
  CELIGO_PARSE_STRUCTURED_FILE: { data: "ST*850~", format: "delimited", row_delimiter: "~" },
  CELIGO_GENERATE_STRUCTURED_FILE: {
    data: '[{"a":1}]',
    format: "delimited",
    fields: [{ name: "a" }],
  },
  CELIGO_EVALUATE_VIRTUAL_IMPORT_MAP: {
    data: '[{"a":1}]',
    mappings: [{ extract: "a", generate: "b" }],
  },
  CELIGO_EXECUTE_VIRTUAL_EXPORT: { export: '{"http":{"relativeURI":"/orders"}}' },
  CELIGO_EXPORT_VIRTUAL_PAGED: { export: '{"http":{"relativeURI":"/orders"}}' },
  CELIGO_TEST_VIRTUAL_CONNECTION: { type: "http", name: "Probe" },
};

beforeAll(async () => {
  setup = await startRouterSandbox({ scenario: "acme-retail" });
  ({ client } = await setup.connect({ exposure: "direct" }));
  const first = async (path: string) => ((await api(path)) as Row[])[0]?._id;
  ids.integration_id = await first("/v1/integrations");
  ids.import_id = await first("/v1/imports");
  ids.user_id = await first("/v1/ashares");
  ids.script_id = await first("/v1/scripts");
  ids.iclient_id = await first("/v1/iClients");
  ids.tag_id = await first("/v1/tags");
  const connections = (await api("/v1/connections")) as Row[];
  ids.connection_id = connections.find((connection) => connection.offline !== true)?._id;
  const exportIds = new Set(((await api("/v1/exports")) as Row[]).map((row) => row._id));
  // A flow whose export holds open errors, so the error tools have something to read.
  for (const flow of (await api("/v1/flows")) as Row[]) {
    const { flowErrors } = (await api(`/v1/flows/${flow._id}/errors`)) as { flowErrors: Row[] };
    const step = flowErrors.find((entry) => exportIds.has(entry._expOrImpId));
    if (step !== undefined) {
      ids.flow_id = flow._id;
      ids.export_id = step._expOrImpId;
      break;
    }
  }
  const jobs = (await api(`/v1/jobs?_flowId=${ids.flow_id}`)) as Row[];
  ids.job_id = jobs.find((job) => Number(job.numError) > 0)?._id ?? jobs[0]?._id;
  ids.key = ((await api("/v1/state")) as { keys: string[] }).keys[0];
  const created = await call("CELIGO_CREATE_FILE_DEFINITION", {
    name: "Orders CSV",
    format: "delimited",
  });
  ids.file_definition_id = (created.data as Row)._id;
  const stateful = ((await api("/v1/exports")) as Row[]).find(
    (row) => row.name === "Get Shopify Orders",
  );
  specificArguments.CELIGO_LIST_RESOURCE_STATE = {
    resource_type: "exports",
    resource_id: stateful?._id,
  };
  specificArguments.CELIGO_GET_RESOURCE_STATE_VALUE = {
    resource_type: "exports",
    resource_id: stateful?._id,
    key: "lastProcessedOrderId",
  };
});

afterAll(async () => {
  await setup.close();
});

describe("the Celigo toolkit over MCP (direct exposure, official client)", () => {
  it("lists the 117 tools with annotations and object schemas", async () => {
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(117);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.annotations?.readOnlyHint, tool.name).toBeTypeOf("boolean");
      expect(tool.annotations?.destructiveHint, tool.name).toBeTypeOf("boolean");
    }
  });

  it("answers every read-only tool on the default scenario without an error", async () => {
    for (const [name, value] of Object.entries(ids)) expect(value, name).toBeTypeOf("string");
    const readOnly = celigoTools.filter((tool) => tool.annotations.readOnlyHint);
    expect(readOnly.length).toBeGreaterThan(50);
    for (const tool of readOnly) {
      const required = tool.inputSchema.required ?? [];
      const args: Row = Object.fromEntries(
        required.filter((name) => name in ids).map((name) => [name, ids[name]]),
      );
      const answer = await call(tool.slug, { ...args, ...specificArguments[tool.slug] });
      expect(answer.error, tool.slug).toBeNull();
      expect(answer.isError, tool.slug).toBe(false);
      expect(answer.successful, tool.slug).toBe(true);
    }
  });

  it("changes the account state through write tools, with an audit entry", async () => {
    const accountId = setup.sandbox.defaultAccount.accountId;
    const before = JSON.stringify(setup.sandbox.accountState(accountId));
    const patched = await call("CELIGO_PATCH_FLOW", {
      flow_id: ids.flow_id,
      operations: [{ op: "replace", path: "/disabled", value: "true" }],
    });
    expect(patched.successful).toBe(true);
    const flow = await call("CELIGO_GET_FLOW", { flow_id: ids.flow_id });
    expect((flow.data as Row).disabled).toBe(true);
    const audit = await call("CELIGO_GET_FLOW_AUDIT", { flow_id: ids.flow_id });
    expect(JSON.stringify(audit.data)).toContain("disabled");

    const errors = await call("CELIGO_GET_EXPORT_ERRORS", {
      flow_id: ids.flow_id,
      export_id: ids.export_id,
    });
    const open = (errors.data as { errors: Row[] }).errors;
    expect(open.length).toBeGreaterThan(0);
    const resolved = await call("CELIGO_RESOLVE_ERRORS", {
      flow_id: ids.flow_id,
      export_id: ids.export_id,
      error_ids: [open[0]?.errorId],
    });
    expect(resolved.successful).toBe(true);
    const after = await call("CELIGO_GET_EXPORT_ERRORS", {
      flow_id: ids.flow_id,
      export_id: ids.export_id,
    });
    expect((after.data as { errors: Row[] }).errors).toHaveLength(open.length - 1);

    const tag = await call("CELIGO_CREATE_TAG", { tag: "Escalated" });
    expect((tag.data as Row).tag).toBe("Escalated");
    expect(JSON.stringify(setup.sandbox.accountState(accountId))).not.toBe(before);
  });

  it("answers API failures as isError results carrying Celigo's errors", async () => {
    const answer = await call("CELIGO_DELETE_CONNECTION", { connection_id: ids.connection_id });
    expect(answer.isError).toBe(true);
    expect((answer.data as { errors: Row[] }).errors[0]?.code).toBe("resource_in_use");
    const jobs = await call("CELIGO_LIST_JOBS", {});
    expect(jobs.isError).toBe(true);
    expect(jobs.error).toContain("createdAt_gte");
  });
});
