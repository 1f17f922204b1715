import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountRegistry } from "../account-registry.ts";
import { type SandboxFixture, startTestSandbox } from "../testing/sandbox-fixture.ts";
import { mcpServerCollections } from "./mcp-server-collections.ts";

let fixture: SandboxFixture;
let toolIds: Record<string, string>;
let apiIds: Record<string, string>;

beforeAll(async () => {
  fixture = await startTestSandbox();
  const tools = (await fixture.call("GET", "/v1/tools")).body as {
    _id: string;
    sandboxAction?: string;
  }[];
  const apis = (await fixture.call("GET", "/v1/apis")).body as {
    _id: string;
    sandboxAction?: string;
    type: string;
  }[];
  toolIds = Object.fromEntries(tools.map((tool) => [tool.sandboxAction ?? "", tool._id]));
  apiIds = Object.fromEntries(apis.map((api) => [api.sandboxAction ?? api.type, api._id]));
});
afterAll(() => fixture.sandbox.close());

const server = (overrides: Record<string, unknown> = {}) => ({
  name: "Ops tools",
  relativeURI: "/ops-tools",
  disabled: false,
  tools: [
    {
      _toolId: toolIds.get_failed_jobs,
      name: "get_failed_jobs",
      disabled: false,
      annotations: { readOnlyHint: true },
    },
  ],
  apis: [{ _apiId: apiIds.lookup_customer, name: "lookup_customer" }],
  ...overrides,
});

async function errorsOf(body: unknown, method: "POST" | "PUT" = "POST", path = "/v1/mcpservers") {
  const response = await fixture.call(method, path, body);
  expect(response.status).toBe(422);
  return (response.body as { errors: { code: string; field?: string }[] }).errors.map(
    (error) => `${error.field} ${error.code}`,
  );
}

describe("/v1/mcpservers", () => {
  it("answers 204 while the account has no server, and ships ready-made tools and APIs", async () => {
    const fresh = fixture.sandbox.createAccount({ scenario: "small" });
    const list = await fixture.sandbox.directory.callApi(fresh.accountId, {
      method: "GET",
      path: "/v1/mcpservers",
    });
    expect(list.status).toBe(204);
    expect(Object.keys(toolIds).sort()).toEqual(["get_failed_jobs", "retry_flow_errors"]);
    expect(Object.keys(apiIds).sort()).toEqual(["lookup_customer", "script"]);
  });

  it("creates with the server's defaults, then lists, projects and gets it", async () => {
    const created = await fixture.call(
      "POST",
      "/v1/mcpservers",
      server({ url: "ignored", _id: "x" }),
    );
    expect(created.status).toBe(201);
    const body = created.body as Record<string, unknown>;
    expect(body).toMatchObject({
      name: "Ops tools",
      relativeURI: "/ops-tools",
      disabled: false,
      prompts: [],
      oauth: { useIntrospection: false },
      apis: [{ name: "lookup_customer", disabled: true }],
    });
    expect(body._id).toMatch(/^[a-f0-9]{24}$/);
    const included = await fixture.call("GET", "/v1/mcpservers", undefined, {
      include: "disabled",
    });
    expect(included.body).toEqual([
      { _id: body._id, name: "Ops tools", relativeURI: "/ops-tools", disabled: false },
    ]);
    const excluded = await fixture.call("GET", "/v1/mcpservers", undefined, {
      exclude: "tools,apis",
    });
    expect((excluded.body as Record<string, unknown>[])[0]).not.toHaveProperty("tools");
    const both = await fixture.call("GET", "/v1/mcpservers", undefined, {
      include: "name",
      exclude: "tools",
    });
    expect(both.status).toBe(400);
    expect((await fixture.call("GET", `/v1/mcpservers/${body._id}`)).body).toEqual(body);
    expect((await fixture.call("GET", `/v1/mcpservers/${body._id}/dependencies`)).body).toEqual({});
    await fixture.call("DELETE", `/v1/mcpservers/${body._id}`);
  });

  it.each([
    ["a missing name", { name: undefined }, "name missing_required_field"],
    ["a missing relativeURI", { relativeURI: undefined }, "relativeURI missing_required_field"],
    ["a relativeURI with two segments", { relativeURI: "/a/b" }, "relativeURI invalid_field"],
    ["a relativeURI without a slash", { relativeURI: "ops" }, "relativeURI invalid_field"],
    [
      "an unknown _toolId",
      { tools: [{ _toolId: "0123456789abcdef01234567", name: "x", disabled: false }] },
      "tools.0._toolId invalid_ref",
    ],
    [
      "an unknown _apiId",
      { apis: [{ _apiId: "0123456789abcdef01234567", name: "x", disabled: false }] },
      "apis.0._apiId invalid_ref",
    ],
    [
      "a bad tool name",
      { apis: [], tools: [{ _toolId: "", name: "get jobs", disabled: false }] },
      "tools.0.name invalid_field",
    ],
    [
      "an enabled server without an enabled entry",
      { tools: [], apis: [] },
      "disabled mcp_server_no_enabled_tools",
    ],
    [
      "a duplicate prompt name",
      { prompts: [{ name: "p" }, { name: "p" }] },
      "prompts.1.name mcp_server_duplicate_prompt_name",
    ],
    [
      "an image message without mimeType",
      {
        prompts: [
          { name: "p", messagesTemplate: [{ role: "user", contentType: "image", template: "x" }] },
        ],
      },
      "prompts.0.messagesTemplate.0.mimeType mcp_server_prompt_mimetype_required",
    ],
    [
      "a system role",
      { prompts: [{ name: "p", messagesTemplate: [{ role: "system", template: "x" }] }] },
      "prompts.0.messagesTemplate.0.role enum",
    ],
    [
      "a pdf content type",
      {
        prompts: [
          { name: "p", messagesTemplate: [{ role: "user", contentType: "pdf", template: "x" }] },
        ],
      },
      "prompts.0.messagesTemplate.0.contentType enum",
    ],
    [
      "oauth without audience",
      { oauth: { issuerURL: "https://id.example" } },
      "oauth.audience missing_required_field",
    ],
    [
      "oauth with a bare host as issuer",
      { oauth: { issuerURL: "id.example", audience: "a" } },
      "oauth.issuerURL invalid_uri",
    ],
    [
      "an unknown oauth scope",
      { oauth: { issuerURL: "https://id.example", audience: "a", scopes: ["mcp:admin"] } },
      "oauth.scopes.0 enum",
    ],
  ])("refuses %s with 422", async (_case, overrides, expected) => {
    const body = server(overrides);
    if (expected.startsWith("tools.0.name"))
      (body.tools as Record<string, unknown>[])[0] = {
        _toolId: toolIds.get_failed_jobs,
        name: "get jobs",
        disabled: false,
      };
    expect(await errorsOf(body)).toEqual([expected]);
  });

  it("refuses a name used in both tools[] and apis[]", async () => {
    const apis = [{ _apiId: apiIds.lookup_customer, name: "get_failed_jobs" }];
    expect(await errorsOf(server({ apis }))).toEqual([
      "apis.0.name mcp_server_duplicate_tool_name",
    ]);
  });

  it("refuses script APIs and tools whose input root is not an object", async () => {
    const arrayTool = await fixture.call("POST", "/v1/tools", {
      name: "Rows",
      input: { schema: { type: "array" } },
    });
    const body = server({
      tools: [{ _toolId: (arrayTool.body as { _id: string })._id, name: "rows", disabled: false }],
      apis: [{ _apiId: apiIds.script, name: "status" }],
    });
    expect(await errorsOf(body)).toEqual([
      "tools.0._toolId mcp_server_invalid_tool_input_schema",
      "apis.0._apiId mcp_server_invalid_api_type",
    ]);
  });

  it("refuses a relativeURI in use, frees it on (soft) delete", async () => {
    const first = (await fixture.call("POST", "/v1/mcpservers", server({ relativeURI: "/taken" })))
      .body as { _id: string };
    expect(await errorsOf(server({ relativeURI: "/taken" }))).toEqual([
      "relativeURI mcp_server_relative_uri_in_use",
    ]);
    expect((await fixture.call("DELETE", `/v1/mcpservers/${first._id}`)).status).toBe(204);
    const deleted = await fixture.call("GET", `/v1/mcpservers/${first._id}`);
    expect((deleted.body as { deletedAt?: string }).deletedAt).toMatch(/^\d{4}-/);
    expect((await fixture.call("DELETE", `/v1/mcpservers/${first._id}`)).status).toBe(404);
    const again = await fixture.call("POST", "/v1/mcpservers", server({ relativeURI: "/taken" }));
    expect(again.status).toBe(201);
    await fixture.call("DELETE", `/v1/mcpservers/${(again.body as { _id: string })._id}`);
  });

  it("patches only /name and /disabled with replace, and re-checks the rules", async () => {
    const created = (
      await fixture.call("POST", "/v1/mcpservers", server({ relativeURI: "/patched" }))
    ).body as { _id: string };
    const path = `/v1/mcpservers/${created._id}`;
    expect(
      (await fixture.call("PATCH", path, [{ op: "replace", path: "/name", value: "Renamed" }]))
        .status,
    ).toBe(204);
    expect((await fixture.call("GET", path)).body).toMatchObject({ name: "Renamed" });
    expect(
      (await fixture.call("PATCH", path, [{ op: "replace", path: "/relativeURI", value: "/x" }]))
        .status,
    ).toBe(422);
    expect(
      (await fixture.call("PATCH", path, [{ op: "add", path: "/name", value: "x" }])).status,
    ).toBe(422);
    await fixture.call(
      "PUT",
      path,
      server({
        relativeURI: "/patched",
        disabled: true,
        tools: [{ _toolId: toolIds.get_failed_jobs, name: "a" }],
      }),
    );
    expect(
      (await fixture.call("PATCH", path, [{ op: "replace", path: "/disabled", value: false }]))
        .status,
    ).toBe(422);
    await fixture.call("DELETE", path);
  });

  it("masks clientSecret and keeps it when the masked value comes back", async () => {
    const oauth = {
      issuerURL: "https://id.example",
      audience: "ops",
      useIntrospection: true,
      clientId: "c1",
      clientSecret: "s3cret",
    };
    const created = await fixture.call(
      "POST",
      "/v1/mcpservers",
      server({ relativeURI: "/oauth", oauth }),
    );
    const body = created.body as { _id: string; oauth: Record<string, unknown> };
    expect(body.oauth.clientSecret).toBe("******");
    expect(JSON.stringify((await fixture.call("GET", "/v1/mcpservers")).body)).not.toContain(
      "s3cret",
    );
    const put = await fixture.call("PUT", `/v1/mcpservers/${body._id}`, {
      ...body,
      name: "Still secret",
    });
    expect(put.status).toBe(200);
    expect((await fixture.call("GET", `/v1/mcpservers/${body._id}`)).body).toMatchObject({
      name: "Still secret",
      oauth: { clientSecret: "******" },
    });
    const rotated = { ...body, oauth: { ...oauth, clientSecret: "n3w-secret" } };
    expect((await fixture.call("PUT", `/v1/mcpservers/${body._id}`, rotated)).status).toBe(200);
    const audit = JSON.stringify((await fixture.call("GET", "/v1/audit")).body);
    expect(audit).toContain("oauth.clientSecret");
    expect(audit).not.toContain("s3cret");
    expect(audit).not.toContain("n3w-secret");
    // Sent back masked after the rotation: the new secret stays.
    await fixture.call("PUT", `/v1/mcpservers/${body._id}`, { ...body, name: "Still secret" });
    const account = (fixture.sandbox.directory as AccountRegistry).runtime(fixture.accountId);
    const stored = account && mcpServerCollections(account).mcpservers.get(body._id);
    expect(stored?.oauth).toMatchObject({ clientSecret: "n3w-secret" });
    expect(
      await errorsOf(
        { ...body, oauth: { ...oauth, clientId: undefined } },
        "PUT",
        `/v1/mcpservers/${body._id}`,
      ),
    ).toEqual(["oauth.clientId missing_required_field"]);
    await fixture.call("DELETE", `/v1/mcpservers/${body._id}`);
  });
});
