import { Composio } from "@composio/core";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComposioToolAnswer } from "../toolkit/tool-result.ts";
import { type RouterSandbox, startRouterSandbox } from "./testing/start-router-sandbox.ts";

let setup: RouterSandbox;
let composio: Composio;
const clients: Client[] = [];

type Answer = ComposioToolAnswer & { isError: boolean };

async function connect(url: string, headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: "composio-sdk-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }),
  );
  clients.push(client);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<Answer> {
  const result = (await client.callTool({ name, arguments: args })) as unknown as {
    structuredContent: ComposioToolAnswer;
    isError?: boolean;
  };
  return { ...result.structuredContent, isError: result.isError === true };
}

beforeAll(async () => {
  setup = await startRouterSandbox({ scenario: "small" });
  composio = new Composio({
    apiKey: setup.sandbox.defaultAccount.composioApiKey,
    baseURL: setup.sandbox.baseUrl,
    allowTracking: false,
    disableVersionCheck: true,
  });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await setup.close();
});

describe("the real @composio/core SDK against the sandbox", () => {
  it("router exposure: searches, then runs a Celigo tool through multi-execute", async () => {
    const session = await composio.create("user-1", { toolkits: ["celigo"], mcp: true });
    expect(session.mcp.url.startsWith(setup.sandbox.baseUrl)).toBe(true);
    expect(session.mcp.headers).toEqual({
      "x-api-key": setup.sandbox.defaultAccount.composioApiKey,
    });
    const client = await connect(session.mcp.url, session.mcp.headers ?? {});
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      "COMPOSIO_GET_TOOL_SCHEMAS",
      "COMPOSIO_MANAGE_CONNECTIONS",
      "COMPOSIO_MULTI_EXECUTE_TOOL",
      "COMPOSIO_SEARCH_TOOLS",
    ]);
    const search = await call(client, "COMPOSIO_SEARCH_TOOLS", {
      queries: [
        { use_case: "list the jobs of flows that failed today" },
        { use_case: "ping a connection" },
      ],
    });
    const data = search.data as {
      results: { primary_tool_slugs: string[] }[];
      tool_schemas: Record<string, { input_schema: unknown }>;
      toolkit_connection_statuses: { has_active_connection: boolean }[];
      session: { id: string };
    };
    expect(data.results[0]?.primary_tool_slugs).toContain("CELIGO_LIST_JOBS");
    expect(data.results[1]?.primary_tool_slugs[0]).toBe("CELIGO_PING_CONNECTION");
    expect(data.tool_schemas.CELIGO_LIST_JOBS?.input_schema).toMatchObject({ type: "object" });
    expect(data.toolkit_connection_statuses[0]?.has_active_connection).toBe(true);
    expect(data.session.id).toBe(session.sessionId);

    const executed = await call(client, "COMPOSIO_MULTI_EXECUTE_TOOL", {
      tools: [
        { tool_slug: "CELIGO_LIST_FLOWS", arguments: { limit: 2 } },
        { tool_slug: "CELIGO_GET_FLOW", arguments: {} },
      ],
      sync_response_to_workbench: false,
    });
    const results = (executed.data as { results: { tool_slug: string; response: Answer }[] })
      .results;
    expect(executed.successful).toBe(true);
    expect(results[0]?.response.successful).toBe(true);
    expect(results[0]?.response.data).toMatchObject({ count: 2 });
    expect(results[1]?.response.error).toContain('"flow_id" is required');
  });

  it("direct exposure (sessionPreset DIRECT_TOOLS): serves the Celigo tools themselves", async () => {
    const session = await composio.create("user-2", {
      toolkits: ["celigo"],
      sessionPreset: "direct_tools",
      mcp: true,
    });
    const client = await connect(session.mcp.url, session.mcp.headers ?? {});
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(117);
    const answer = await call(client, "CELIGO_LIST_INTEGRATIONS", {});
    expect(answer.successful).toBe(true);
    expect((answer.data as { integrations: unknown[] }).integrations.length).toBeGreaterThan(0);
  });

  it("limits a direct session to the tools it was given", async () => {
    const session = await composio.create("user-3", {
      toolkits: ["celigo"],
      tools: { celigo: ["CELIGO_LIST_FLOWS", "CELIGO_GET_FLOW"] },
      sessionPreset: "direct_tools",
      mcp: true,
    });
    const client = await connect(session.mcp.url, session.mcp.headers ?? {});
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["CELIGO_GET_FLOW", "CELIGO_LIST_FLOWS"]);
    const refused = await call(client, "CELIGO_DELETE_FLOW", { flow_id: "x" });
    expect(refused.isError).toBe(true);
  });

  it("resumes and deletes sessions; a deleted session's MCP endpoint is gone", async () => {
    const session = await composio.create("user-4", { toolkits: ["celigo"], mcp: true });
    const resumed = await composio.use(session.sessionId, { mcp: true });
    expect(resumed.mcp.url).toBe(session.mcp.url);
    await composio.toolRouter.delete(session.sessionId);
    const answer = await fetch(session.mcp.url, {
      method: "POST",
      headers: { ...session.mcp.headers, "content-type": "application/json" },
      body: "{}",
    });
    expect(answer.status).toBe(404);
  });
});

describe("the session API's errors, in Composio's shape", () => {
  const post = (body: unknown, apiKey?: string) =>
    fetch(`${setup.sandbox.baseUrl}/api/v3.1/tool_router/session`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(apiKey === undefined ? {} : { "x-api-key": apiKey }),
      },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("401 without a valid key, 400 for bad bodies and unknown toolkits", async () => {
    const key = setup.sandbox.defaultAccount.composioApiKey;
    const missing = await post({ user_id: "u" });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { status: 401, slug: "unauthorized" } });
    expect((await post({ user_id: "u" }, "ak_wrong")).status).toBe(401);
    const badJson = await post("{", key);
    expect(badJson.status).toBe(400);
    const gmail = await post({ user_id: "u", toolkits: { enable: ["gmail"] } }, key);
    expect(gmail.status).toBe(400);
    expect(((await gmail.json()) as { error: { message: string } }).error.message).toContain(
      "gmail",
    );
    const unknownTool = await post(
      { user_id: "u", tools: { celigo: { enable: ["CELIGO_NOPE"] } } },
      key,
    );
    expect(unknownTool.status).toBe(400);
  });

  it("never shows one account's session to another", async () => {
    const session = await composio.create("user-5", { toolkits: ["celigo"], mcp: true });
    const other = setup.sandbox.createAccount({ scenario: "small" });
    const answer = await fetch(
      `${setup.sandbox.baseUrl}/api/v3.1/tool_router/session/${session.sessionId}`,
      { headers: { "x-api-key": other.composioApiKey } },
    );
    expect(answer.status).toBe(404);
    const mcp = await fetch(session.mcp.url, {
      method: "POST",
      headers: { "x-api-key": other.composioApiKey, "content-type": "application/json" },
      body: "{}",
    });
    expect(mcp.status).toBe(404);
  });
});
