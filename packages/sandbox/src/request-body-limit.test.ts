/**
 * Issue 11, item 1: a 413 must leave a keep-alive connection usable. One socket (an agent with
 * maxSockets 1) carries the oversized POST and then the next request, as fetch's pool does.
 */
import { Agent, request as httpRequest } from "node:http";
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxFixture, startTestSandbox } from "./testing/sandbox-fixture.ts";

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  socket: Socket;
}

function send(
  agent: Agent,
  url: string,
  options: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    /** Send the body without a Content-Length. */
    chunked?: boolean;
    /** Send only the body's first bytes and wait for the answer (Content-Length set by the caller). */
    partial?: boolean;
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { agent, method: options.method, headers: options.headers });
    request.on("response", (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body,
          socket: response.socket,
        }),
      );
    });
    request.on("error", reject);
    if (options.body === undefined) {
      request.end();
      return;
    }
    if (options.partial) {
      request.write(options.body.slice(0, 1000));
      return;
    }
    if (options.chunked) {
      // No Content-Length: node sends Transfer-Encoding: chunked, the limit is found by counting.
      const half = Math.floor(options.body.length / 2);
      request.write(options.body.slice(0, half));
      request.end(options.body.slice(half));
      return;
    }
    request.setHeader("content-length", Buffer.byteLength(options.body));
    request.end(options.body);
  });
}

describe("request body limit", () => {
  let fixture: SandboxFixture;
  let agent: Agent;
  const headers = () => ({
    authorization: `Bearer ${fixture.sandbox.defaultAccount.celigoToken}`,
    "content-type": "application/json",
  });
  beforeAll(async () => {
    fixture = await startTestSandbox();
  });
  afterAll(async () => {
    agent?.destroy();
    await fixture.sandbox.close();
  });

  it.each([
    ["with Content-Length", false],
    ["chunked", true],
  ])(
    "answers an oversized body (%s) with 413 and keeps the connection for the next call",
    async (_name, chunked) => {
      agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const oversized = await send(agent, `${fixture.sandbox.baseUrl}/v1/tags`, {
        method: "POST",
        headers: headers(),
        body: JSON.stringify({ tag: "x".repeat(1_100_000) }),
        chunked,
      });
      expect(oversized.status).toBe(413);
      expect(JSON.parse(oversized.body).errors[0].code).toBe("payload_too_large");
      expect(oversized.headers.connection).toBe("keep-alive");
      const next = await send(agent, `${fixture.sandbox.baseUrl}/v1/tags`, {
        method: "GET",
        headers: headers(),
      });
      expect(next.status).toBe(200);
      // The same socket carried both: the 413 did not cost the client its connection.
      expect(next.socket).toBe(oversized.socket);
      agent.destroy();
    },
  );

  it("still accepts a chunked body under the limit", async () => {
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const created = await send(agent, `${fixture.sandbox.baseUrl}/v1/tags`, {
      method: "POST",
      headers: headers(),
      body: JSON.stringify({ tag: "chunked-tag" }),
      chunked: true,
    });
    expect(created.status).toBe(201);
    const tags = (await fixture.call("GET", "/v1/tags")).body as { tag: string }[];
    expect(tags.map((tag) => tag.tag)).toContain("chunked-tag");
    agent.destroy();
  });

  it("tells the client to close the connection when the body is too large to read off", async () => {
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const huge = await send(agent, `${fixture.sandbox.baseUrl}/v1/tags`, {
      method: "POST",
      headers: { ...headers(), "content-length": String(64 * 1024 * 1024) },
      body: "x".repeat(1000),
      partial: true,
    });
    // The client sent 1 KB of the 64 MB it announced: the sandbox answers at once and says close.
    expect(huge.status).toBe(413);
    expect(huge.headers.connection).toBe("close");
    const next = await send(agent, `${fixture.sandbox.baseUrl}/v1/tags`, {
      method: "GET",
      headers: headers(),
    });
    expect(next.status).toBe(200);
    agent.destroy();
  });
});
