/**
 * Wire behaviour of the client against a real loopback HTTP server that answers the way
 * integrator.io does (204 lists, Link pages, 429 with Retry-After, error envelopes). The whole
 * resource against the emulated API is covered by the CLI tests on the sandbox.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { retryDelay } from "./celigo-answers.ts";
import { CeligoApi } from "./celigo-api.ts";
import { CeligoApiError, McpServerChecklistError } from "./celigo-api-errors.ts";

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

const token = "secret-token-123";
const serverId = "64a1f0c2e4b0a1b2c3d4e5f6";
let handlers: Handler[] = [];
const seen: { method: string; url: string; authorization: string | undefined; body: string }[] = [];
const server = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk: Buffer) => {
    body += chunk.toString();
  });
  request.on("end", () => {
    seen.push({
      method: request.method ?? "",
      url: request.url ?? "",
      authorization: request.headers.authorization,
      body,
    });
    const handler = handlers.shift();
    if (handler) handler(request, response, body);
    else response.writeHead(500).end("no handler left");
  });
});
let baseUrl = "";

function json(status: number, value: unknown, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(JSON.stringify(value));
  };
}

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  handlers = [];
  seen.length = 0;
});

const record = {
  _id: serverId,
  name: "Ops",
  relativeURI: "/ops",
  disabled: true,
  tools: [],
  apis: [],
};

describe("CeligoApi", () => {
  const api = () => new CeligoApi({ token, baseUrl, maxRetryDelayMs: 50 });

  it("sends the bearer token and reads 204 as an empty list", async () => {
    handlers.push((_request, response) => response.writeHead(204).end());
    expect(await api().listMcpServers()).toEqual([]);
    expect(seen[0]).toMatchObject({
      method: "GET",
      url: "/v1/mcpservers",
      authorization: `Bearer ${token}`,
    });
  });

  it("follows Link rel=next on the same origin only", async () => {
    handlers.push(json(200, [record], { link: `<${baseUrl}/v1/mcpservers?page=2>; rel="next"` }));
    handlers.push(
      json(200, [{ ...record, _id: "64a1f0c2e4b0a1b2c3d4e5f7" }], {
        link: '<https://elsewhere.example/v1/mcpservers?page=3>; rel="next"',
      }),
    );
    const servers = await api().listMcpServers();
    expect(servers.map((item) => item._id)).toEqual([serverId, "64a1f0c2e4b0a1b2c3d4e5f7"]);
    expect(seen.map((request) => request.url)).toEqual(["/v1/mcpservers", "/v1/mcpservers?page=2"]);
  });

  it("passes include or exclude, and refuses both", async () => {
    handlers.push(json(200, [{ _id: serverId, name: "Ops", relativeURI: "/ops" }]));
    await api().listMcpServers({ include: ["relativeURI", "tools.name"] });
    expect(seen[0]?.url).toBe("/v1/mcpservers?include=relativeURI%2Ctools.name");
    await expect(api().listMcpServers({ include: ["name"], exclude: ["tools"] })).rejects.toThrow(
      /either include or exclude/,
    );
    await expect(api().listMcpServers({ exclude: ["tools[]"] })).rejects.toThrow(/tools\[\]/);
  });

  it("retries a 429 after Retry-After, then succeeds", async () => {
    const throttled = json(
      429,
      { errors: [{ code: "rate_limited", message: "Too many requests." }] },
      {
        "retry-after": "0",
      },
    );
    handlers.push(throttled, throttled, json(200, record));
    const started = Date.now();
    expect((await api().getMcpServer(serverId)).name).toBe("Ops");
    expect(seen).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("gives up after maxRetries with Celigo's errors[] on the error", async () => {
    const throttled = json(
      429,
      { errors: [{ code: "rate_limited", message: "Too many requests." }] },
      {
        "retry-after": "0",
      },
    );
    handlers.push(throttled, throttled);
    const error = await new CeligoApi({ token, baseUrl, maxRetries: 1 })
      .getMcpServer(serverId)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CeligoApiError);
    expect(error).toMatchObject({
      status: 429,
      errors: [{ code: "rate_limited", message: "Too many requests." }],
    });
    expect(seen).toHaveLength(2);
  });

  it("keeps 422 errors[] and 401 messages, and never puts the token in a message", async () => {
    handlers.push(
      json(422, {
        errors: [{ code: "invalid_ref", message: "_toolId not found", field: "tools.0._toolId" }],
      }),
    );
    const invalid = await api()
      .deleteMcpServer(serverId)
      .catch((caught: unknown) => caught);
    expect(invalid).toBeInstanceOf(CeligoApiError);
    expect((invalid as CeligoApiError).message).toBe(
      `Celigo answered 422 to DELETE /v1/mcpservers/${serverId}: tools.0._toolId: _toolId not found (invalid_ref).`,
    );

    handlers.push(json(401, { message: "Bearer Authentication Failed" }));
    const unauthorized = (await api()
      .getMcpServer(serverId)
      .catch((caught: unknown) => caught)) as CeligoApiError;
    expect(unauthorized.errors).toEqual([{ message: "Bearer Authentication Failed" }]);
    expect(unauthorized.message).toMatch(/CELIGO_API_TOKEN/);
    expect(unauthorized.message).not.toContain(token);
  });

  it("runs the checklist before create and sends nothing when it fails", async () => {
    handlers.push((_request, response) => response.writeHead(204).end());
    const error = await api()
      .createMcpServer({ name: "Ops", relativeURI: "ops", disabled: false })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(McpServerChecklistError);
    expect((error as McpServerChecklistError).problems.map((problem) => problem.path)).toEqual([
      "relativeURI",
      "disabled",
    ]);
    expect(seen.map((request) => request.method)).toEqual(["GET"]);
  });

  it("checks references against the account, then posts the parsed body", async () => {
    const toolId = "64a1f0c2e4b0a1b2c3d4e5aa";
    handlers.push(json(200, [{ _id: serverId, name: "Other", relativeURI: "/other" }]));
    handlers.push(json(200, [{ _id: toolId, input: { schema: { type: "object" } } }]));
    handlers.push(json(201, { ...record, relativeURI: "/ops" }));
    await api().createMcpServer({
      name: "Ops",
      relativeURI: "/ops",
      tools: [{ _toolId: toolId, name: "get_failed_jobs" }],
      createdAt: "dropped",
    });
    expect(seen.map((request) => `${request.method} ${request.url}`)).toEqual([
      "GET /v1/mcpservers?include=relativeURI%2CdeletedAt",
      "GET /v1/tools",
      "POST /v1/mcpservers",
    ]);
    expect(JSON.parse(seen[2]?.body ?? "")).toEqual({
      name: "Ops",
      relativeURI: "/ops",
      tools: [{ _toolId: toolId, name: "get_failed_jobs" }],
    });
  });

  it("validates patches locally: replace on /name or /disabled only", async () => {
    await expect(
      api().patchMcpServer(serverId, [
        { op: "replace", path: "/relativeURI", value: "/x" },
      ] as never),
    ).rejects.toBeInstanceOf(McpServerChecklistError);
    handlers.push((_request, response) => response.writeHead(204).end());
    await api().patchMcpServer(serverId, [{ op: "replace", path: "/disabled", value: false }]);
    expect(seen.map((request) => [request.method, JSON.parse(request.body)])).toEqual([
      ["PATCH", [{ op: "replace", path: "/disabled", value: false }]],
    ]);
  });

  it("rejects ids that are not object ids before sending", async () => {
    await expect(api().getMcpServer("../tokens")).rejects.toThrow(/24 hexadecimal characters/);
    expect(seen).toHaveLength(0);
  });
});

describe("retryDelay", () => {
  it("reads seconds and HTTP dates, and caps the wait", () => {
    expect(retryDelay("2", 10_000)).toBe(2000);
    expect(retryDelay("120", 10_000)).toBe(10_000);
    expect(retryDelay(null, 10_000)).toBe(1000);
    const inFiveSeconds = new Date(Date.now() + 5000).toUTCString();
    expect(retryDelay(inFiveSeconds, 10_000)).toBeGreaterThan(3000);
    expect(retryDelay("Thu, 01 Jan 1970 00:00:00 GMT", 10_000)).toBe(0);
  });
});
