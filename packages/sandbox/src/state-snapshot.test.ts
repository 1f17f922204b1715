/** What graders see of an account's MCP servers, Tools, APIs and tokens in its snapshot. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxFixture, startTestSandbox } from "./testing/sandbox-fixture.ts";

interface Snapshot {
  mcpservers: Record<string, unknown>[];
  tools: { _id: string; name: string }[];
  apis: { _id: string; name: string; type?: string }[];
  accesstokens: Record<string, unknown>[];
}

let fixture: SandboxFixture;
const snapshot = () => fixture.sandbox.accountState(fixture.accountId) as Snapshot;

beforeAll(async () => {
  fixture = await startTestSandbox();
});
afterAll(() => fixture.sandbox.close());

describe("accountSnapshot, MCP servers", () => {
  it("lists the ready-made Tools and APIs and no server before any is defined", () => {
    const state = snapshot();
    expect(state.mcpservers).toEqual([]);
    expect(state.accesstokens).toEqual([]);
    expect(state.tools.map((tool) => tool.name).sort()).toEqual([
      "Get failed jobs",
      "Retry flow errors",
    ]);
    expect(state.apis.map((api) => api.type).sort()).toEqual(["builder", "script"]);
    // Seeded ids: the same account gives the same snapshot.
    expect(snapshot()).toEqual(state);
  });

  it("shows servers and tokens as they change, with every secret masked", async () => {
    const { tools } = snapshot();
    const toolId = tools.find((tool) => tool.name === "Get failed jobs")?._id;
    const created = await fixture.call("POST", "/v1/mcpservers", {
      name: "Ops tools",
      relativeURI: "/ops-tools",
      disabled: false,
      tools: [{ _toolId: toolId, name: "get_failed_jobs", disabled: false }],
      oauth: {
        issuerURL: "https://id.example",
        audience: "ops",
        clientId: "c1",
        clientSecret: "s3cret-value",
      },
    });
    expect(created.status).toBe(201);
    const serverId = (created.body as { _id: string })._id;
    const token = await fixture.call("POST", "/v1/accesstokens", {
      scope: "custom",
      _mcpServerIds: [serverId],
    });
    const tokenValue = (token.body as { token: string }).token;

    const afterCreate = snapshot();
    expect(afterCreate.mcpservers).toEqual([
      expect.objectContaining({
        _id: serverId,
        name: "Ops tools",
        disabled: false,
        tools: [expect.objectContaining({ name: "get_failed_jobs", _toolId: toolId })],
        oauth: expect.objectContaining({ clientId: "c1", clientSecret: "******" }),
      }),
    ]);
    expect(afterCreate.accesstokens).toEqual([
      expect.objectContaining({ scope: "custom", _mcpServerIds: [serverId], token: "******" }),
    ]);
    const text = JSON.stringify(afterCreate);
    expect(text).not.toContain("s3cret-value");
    expect(text).not.toContain(tokenValue);

    await fixture.call("PATCH", `/v1/mcpservers/${serverId}`, [
      { op: "replace", path: "/disabled", value: true },
    ]);
    expect(snapshot().mcpservers[0]).toMatchObject({ disabled: true });

    await fixture.call("DELETE", `/v1/mcpservers/${serverId}`);
    expect(snapshot().mcpservers[0]).toMatchObject({
      _id: serverId,
      deletedAt: expect.any(String),
    });
  });
});
