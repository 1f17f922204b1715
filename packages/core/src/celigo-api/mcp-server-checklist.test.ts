import { describe, expect, it } from "vitest";
import { checkMcpServer } from "./mcp-server-checklist.ts";

const toolId = "64a1f0c2e4b0a1b2c3d4e5f6";
const otherToolId = "64a1f0c2e4b0a1b2c3d4e5f7";
const apiId = "64a1f0c2e4b0a1b2c3d4e601";

const valid = {
  name: "Ops tools",
  relativeURI: "/ops-tools",
  disabled: false,
  tools: [{ _toolId: toolId, name: "get_failed_jobs", disabled: false }],
  apis: [{ _apiId: apiId, name: "lookup_customer" }],
};

function paths(input: unknown, context = {}) {
  return checkMcpServer(input, context).problems.map((problem) => problem.path);
}

describe("checkMcpServer", () => {
  it("accepts a valid server and drops read-only fields", () => {
    const result = checkMcpServer({ ...valid, _id: "x", createdAt: "2026-01-01T00:00:00Z" });
    expect(result.problems).toEqual([]);
    expect(result.server).toEqual(valid);
  });

  it("requires name and relativeURI", () => {
    const result = checkMcpServer({});
    expect(result.server).toBeUndefined();
    expect(result.problems).toEqual([
      { path: "name", message: "is required" },
      { path: "relativeURI", message: 'is required, e.g. "/ops-tools"' },
    ]);
  });

  it.each(["ops", "/ops/tools", "/ops tools", "/", "/ops.tools"])(
    "rejects the relativeURI %j",
    (relativeURI) => {
      expect(paths({ ...valid, relativeURI })).toEqual(["relativeURI"]);
    },
  );

  it("takes the relativeURI from url when relativeURI is absent", () => {
    const { relativeURI: _, ...withoutUri } = valid;
    expect(paths({ ...withoutUri, url: "https://api.integrator.io/ops-tools" })).toEqual([]);
    expect(paths({ ...withoutUri, url: "https://api.integrator.io/a/b" })).toEqual(["relativeURI"]);
  });

  it("rejects tool names outside the MCP alphabet or over 128 characters", () => {
    const tools = [
      { _toolId: toolId, name: "get jobs", disabled: false },
      { _toolId: otherToolId, name: "x".repeat(129) },
    ];
    expect(paths({ ...valid, tools })).toEqual(["tools.0.name", "tools.1.name"]);
  });

  it("rejects a name used twice across tools[] and apis[]", () => {
    const result = checkMcpServer({ ...valid, apis: [{ _apiId: apiId, name: "get_failed_jobs" }] });
    expect(result.problems).toEqual([
      {
        path: "apis.0.name",
        message:
          '"get_failed_jobs" is already used by tools.0; tool names must be unique across tools[] and apis[]',
      },
    ]);
  });

  it("rejects the same tool referenced twice", () => {
    const tools = [
      { _toolId: toolId, name: "a", disabled: false },
      { _toolId: toolId, name: "b" },
    ];
    expect(paths({ ...valid, tools })).toEqual(["tools.1._toolId"]);
  });

  it("rejects malformed ids", () => {
    expect(paths({ ...valid, tools: [{ _toolId: "nope", name: "a", disabled: false }] })).toEqual([
      "tools.0._toolId",
    ]);
  });

  it("needs an enabled entry when the server is enabled (entries default to disabled)", () => {
    const tools = [{ _toolId: toolId, name: "get_failed_jobs" }];
    expect(paths({ ...valid, tools })).toEqual(["disabled"]);
    expect(paths({ ...valid, tools, disabled: true })).toEqual([]);
    expect(paths({ ...valid, tools, apis: [], disabled: undefined })).toEqual([]);
  });

  it("rejects duplicate prompt names and image or audio messages without mimeType", () => {
    const prompts = [
      { name: "triage", messagesTemplate: [{ role: "user", template: "Triage {{flow}}" }] },
      {
        name: "triage",
        messagesTemplate: [
          { role: "user", contentType: "image", template: "..." },
          { role: "assistant", contentType: "audio", mimeType: "audio/wav", template: "..." },
          { role: "user", contentType: "resource", template: "..." },
        ],
      },
    ];
    expect(paths({ ...valid, prompts })).toEqual([
      "prompts.1.name",
      "prompts.1.messagesTemplate.0.mimeType",
    ]);
  });

  it("rejects a system role and unknown content types", () => {
    const prompts = [
      {
        name: "p",
        messagesTemplate: [
          { role: "system", template: "x" },
          { role: "user", contentType: "pdf", template: "x" },
        ],
      },
    ];
    expect(paths({ ...valid, prompts })).toEqual([
      "prompts.0.messagesTemplate.0.role",
      "prompts.0.messagesTemplate.1.contentType",
    ]);
  });

  it("checks oauth: audience required, issuer with a scheme, scopes, clientId for introspection", () => {
    const result = checkMcpServer({
      ...valid,
      oauth: { issuerURL: "login.example.com", useIntrospection: true, scopes: ["mcp:admin"] },
    });
    expect(result.problems.map((problem) => problem.path).sort()).toEqual([
      "oauth.audience",
      "oauth.clientId",
      "oauth.issuerURL",
      "oauth.scopes.0",
    ]);
    expect(result.problems.find((problem) => problem.path === "oauth.audience")?.message).toBe(
      "is required",
    );
  });

  it("reads the oauth Celigo answers for a server without OAuth as no OAuth", () => {
    const result = checkMcpServer({ ...valid, oauth: { useIntrospection: false } });
    expect(result.problems).toEqual([]);
    expect(result.server).not.toHaveProperty("oauth");
    expect(
      paths({ ...valid, oauth: { useIntrospection: false, issuerURL: "https://id.example" } }),
    ).toEqual(["oauth.audience"]);
  });

  it("reports every problem at once", () => {
    const result = checkMcpServer({
      name: "",
      relativeURI: "bad",
      disabled: false,
      tools: [{ _toolId: toolId, name: "same" }],
      apis: [{ _apiId: apiId, name: "same" }],
      prompts: [{ name: "p" }, { name: "p" }],
    });
    expect(result.problems.map((problem) => problem.path)).toEqual([
      "name",
      "relativeURI",
      "apis.0.name",
      "disabled",
      "prompts.1.name",
    ]);
  });

  describe("with the account's resources", () => {
    const context = {
      servers: [
        { _id: "64a1f0c2e4b0a1b2c3d4e700", relativeURI: "/ops-tools" },
        {
          _id: "64a1f0c2e4b0a1b2c3d4e701",
          relativeURI: "/gone",
          deletedAt: "2026-01-01T00:00:00Z",
        },
      ],
      tools: [{ _id: toolId, input: { schema: { type: "object", properties: {} } } }],
      apis: [{ _id: apiId, type: "builder" }],
      connections: [{ _id: "64a1f0c2e4b0a1b2c3d4e800" }],
    };

    it("rejects a relativeURI another live server uses, but not its own or a deleted one's", () => {
      expect(paths(valid, context)).toEqual(["relativeURI"]);
      expect(paths(valid, { ...context, serverId: "64a1f0c2e4b0a1b2c3d4e700" })).toEqual([]);
      expect(paths({ ...valid, relativeURI: "/gone" }, context)).toEqual([]);
    });

    it("rejects unknown tools, tools whose input root is not an object, unknown and script APIs", () => {
      const server = {
        ...valid,
        relativeURI: "/new",
        tools: [
          { _toolId: toolId, name: "a", disabled: false },
          { _toolId: otherToolId, name: "b" },
        ],
        apis: [{ _apiId: apiId, name: "c" }],
      };
      expect(paths(server, context)).toEqual(["tools.1._toolId"]);
      const arrayRoot = [
        { _id: toolId, input: { schema: { type: "array" } } },
        { _id: otherToolId, input: { schema: { type: "object" } } },
      ];
      const scriptApi = [{ _id: apiId, type: "script" }];
      expect(paths(server, { ...context, tools: arrayRoot, apis: scriptApi })).toEqual([
        "tools.0._toolId",
        "apis.0._apiId",
      ]);
      expect(paths(server, { ...context, apis: [] })).toEqual(["tools.1._toolId", "apis.0._apiId"]);
    });

    it("rejects connection overrides that name no connection", () => {
      const tools = [
        {
          _toolId: toolId,
          name: "a",
          disabled: false,
          overrides: {
            connections: [
              { _abstractId: "shopify", _id: "64a1f0c2e4b0a1b2c3d4e800" },
              { _abstractId: "netsuite", _id: "64a1f0c2e4b0a1b2c3d4e899" },
            ],
          },
        },
      ];
      expect(paths({ ...valid, relativeURI: "/new", tools }, context)).toEqual([
        "tools.0.overrides.connections.1._id",
      ]);
    });
  });
});
