import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxFixture, startTestSandbox } from "../testing/sandbox-fixture.ts";

let fixture: SandboxFixture;
let url: string;

beforeAll(async () => {
  fixture = await startTestSandbox();
  const ids = async (path: string) =>
    Object.fromEntries(
      ((await fixture.call("GET", path)).body as { _id: string; sandboxAction?: string }[]).map(
        (item) => [item.sandboxAction, item._id],
      ),
    );
  const tools = await ids("/v1/tools");
  const apis = await ids("/v1/apis");
  const created = await fixture.call("POST", "/v1/mcpservers", {
    name: "Ops tools",
    relativeURI: "/ops-tools",
    description: "Operations tools for the Acme account.",
    disabled: false,
    tools: [
      {
        _toolId: tools.get_failed_jobs,
        name: "get_failed_jobs",
        disabled: false,
        annotations: { title: "Failed jobs", readOnlyHint: true },
      },
      { _toolId: tools.retry_flow_errors, name: "retry_flow_errors", disabled: true },
    ],
    apis: [{ _apiId: apis.lookup_customer, name: "lookup_customer", disabled: false }],
    prompts: [
      {
        name: "test_prompt_with_arguments",
        description: "Conformance prompt",
        arguments: [{ name: "arg1" }, { name: "arg2" }],
        messagesTemplate: [
          { role: "user", template: "Prompt with arguments: arg1='{{arg1}}', arg2='{{arg2}}'" },
        ],
      },
      {
        name: "triage",
        title: "Triage a flow",
        arguments: [{ name: "flow" }, { name: "tone", required: false }],
        messagesTemplate: [
          { role: "user", template: "Triage {{flow}}{{tone}}." },
          { role: "assistant", contentType: "image", mimeType: "image/png", template: "aGk=" },
        ],
      },
    ],
  });
  expect(created.status).toBe(201);
  await fixture.call("POST", "/v1/mcpservers", { name: "Off", relativeURI: "/off" });
  url = `${fixture.sandbox.baseUrl}/mcp/ops-tools`;
});
afterAll(() => fixture.sandbox.close());

async function connect(token = fixture.sandbox.defaultAccount.celigoToken): Promise<Client> {
  const client = new Client({ name: "native-mcp-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

const initialize = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "t", version: "1" },
  },
};

async function post(target: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(target, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...headers,
    },
    body: JSON.stringify(initialize),
  });
}

describe("native MCP servers at /mcp/<relativeURI>", () => {
  it("answers 401 with a WWW-Authenticate pointing at RFC 9728 metadata", async () => {
    const response = await post(url);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "Unauthorized" });
    const challenge = response.headers.get("www-authenticate") ?? "";
    const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1] ?? "";
    expect(metadataUrl).toBe(
      `${fixture.sandbox.baseUrl}/.well-known/oauth-protected-resource/mcp/ops-tools`,
    );
    const metadata = await (await fetch(metadataUrl)).json();
    expect(metadata).toMatchObject({ resource: url, bearer_methods_supported: ["header"] });
    const bad = await post(url, { authorization: "Bearer nope" });
    expect([bad.status, await bad.json()]).toEqual([
      401,
      { message: "Bearer Authentication Failed" },
    ]);
  });

  it("refuses another account's token and a disabled server", async () => {
    const other = fixture.sandbox.createAccount({ scenario: "small" });
    expect((await post(url, { authorization: `Bearer ${other.celigoToken}` })).status).toBe(404);
    const disabled = await post(`${fixture.sandbox.baseUrl}/mcp/off`, {
      authorization: `Bearer ${fixture.sandbox.defaultAccount.celigoToken}`,
    });
    expect(disabled.status).toBe(403);
    expect(await disabled.json()).toMatchObject({ errors: [{ code: "mcp_server_disabled" }] });
  });

  it("lets a custom-scope token reach only the servers it lists", async () => {
    const servers = (await fixture.call("GET", "/v1/mcpservers")).body as {
      _id: string;
      relativeURI: string;
    }[];
    const opsId = servers.find((server) => server.relativeURI === "/ops-tools")?._id;
    const offId = servers.find((server) => server.relativeURI === "/off")?._id;
    const custom = await fixture.call("POST", "/v1/accesstokens", {
      scope: "custom",
      _mcpServerIds: [offId],
    });
    expect(custom.status).toBe(201);
    const token = (custom.body as { token: string }).token;
    const refused = await post(url, { authorization: `Bearer ${token}` });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("www-authenticate")).toBe('Bearer error="insufficient_scope"');
    const listing = await fixture.call("POST", "/v1/accesstokens", {
      scope: "custom",
      _mcpServerIds: [opsId],
    });
    const client = await connect((listing.body as { token: string }).token);
    expect((await client.listTools()).tools).toHaveLength(2);
    await client.close();
    const full = await fixture.call("POST", "/v1/accesstokens", { scope: "full" });
    const fullToken = (full.body as { _id: string; token: string }).token;
    expect((await post(url, { authorization: `Bearer ${fullToken}` })).status).toBe(200);
    const listed = JSON.stringify((await fixture.call("GET", "/v1/accesstokens")).body);
    expect(listed).not.toContain(fullToken);
    expect(
      (await fixture.call("DELETE", `/v1/accesstokens/${(full.body as { _id: string })._id}`))
        .status,
    ).toBe(204);
    expect((await post(url, { authorization: `Bearer ${fullToken}` })).status).toBe(401);
    const unknownServer = await fixture.call("POST", "/v1/accesstokens", {
      scope: "custom",
      _mcpServerIds: ["0123456789abcdef01234567"],
    });
    expect(unknownServer.status).toBe(422);
  });

  it("lists the enabled tools and APIs with their annotations", async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["get_failed_jobs", "lookup_customer"]);
    expect(tools[0]).toMatchObject({
      title: "Failed jobs",
      annotations: { title: "Failed jobs", readOnlyHint: true },
      inputSchema: { type: "object" },
    });
    expect(client.getInstructions()).toBe("Operations tools for the Acme account.");
    await client.close();
  });

  it("runs tools against the account through its API", async () => {
    const client = await connect();
    const jobs = await client.callTool({
      name: "get_failed_jobs",
      arguments: { since: "2025-03-01T00:00:00Z" },
    });
    const expected = (
      await fixture.call("GET", "/v1/jobs", undefined, {
        type: "flow",
        createdAt_gte: "2025-03-01T00:00:00Z",
      })
    ).body as {
      status: string;
      numOpenError?: number;
    }[];
    const failed = expected.filter((job) => job.status === "failed" || (job.numOpenError ?? 0) > 0);
    expect(failed.length).toBeGreaterThan(0);
    expect(jobs.isError).toBeFalsy();
    expect(jobs.structuredContent).toMatchObject({ count: failed.length });

    // A record error: it has a trace key (an order or customer number) to look up.
    let wanted: { errorId: string; traceKey?: string } | undefined;
    for (const flow of (await fixture.call("GET", "/v1/flows")).body as { _id: string }[]) {
      const summary = (await fixture.call("GET", `/v1/flows/${flow._id}/errors`)).body as {
        flowErrors: { _expOrImpId: string; numError: number }[];
      };
      for (const step of summary.flowErrors.filter((item) => item.numError > 0)) {
        const page = (await fixture.call("GET", `/v1/flows/${flow._id}/${step._expOrImpId}/errors`))
          .body as {
          errors: { errorId: string; traceKey?: string }[];
        };
        wanted ??= page.errors.find((error) => error.traceKey !== undefined);
      }
    }
    expect(wanted?.traceKey).toBeDefined();
    const found = await client.callTool({
      name: "lookup_customer",
      arguments: { query: wanted?.traceKey },
    });
    const matches = (found.structuredContent as { matches: { error: { errorId: string } }[] })
      .matches;
    expect(matches.map((match) => match.error.errorId)).toContain(wanted?.errorId);
    const disabled = await client.callTool({
      name: "retry_flow_errors",
      arguments: { flowId: "x" },
    });
    expect(disabled.isError).toBe(true);
    const bad = await client.callTool({ name: "lookup_customer", arguments: {} });
    expect(bad).toMatchObject({
      isError: true,
      content: [{ type: "text", text: "query is required (a string)." }],
    });
    await client.close();
  });

  it("serves prompts with arguments substituted and required ones enforced", async () => {
    const client = await connect();
    const { prompts } = await client.listPrompts();
    expect(prompts.find((prompt) => prompt.name === "triage")).toEqual({
      name: "triage",
      title: "Triage a flow",
      description: "Triage a flow",
      arguments: [
        { name: "flow", required: true },
        { name: "tone", required: false },
      ],
    });
    const rendered = await client.getPrompt({
      name: "triage",
      arguments: { flow: "Shopify orders" },
    });
    expect(rendered.messages).toEqual([
      { role: "user", content: { type: "text", text: "Triage Shopify orders." } },
      { role: "assistant", content: { type: "image", data: "aGk=", mimeType: "image/png" } },
    ]);
    await expect(client.getPrompt({ name: "triage", arguments: {} })).rejects.toThrow(
      /needs the argument "flow"/,
    );
    await expect(client.getPrompt({ name: "nope" })).rejects.toThrow(/No prompt "nope"/);
    await client.close();
  });
});
