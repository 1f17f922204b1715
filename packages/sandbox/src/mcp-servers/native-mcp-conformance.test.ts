/**
 * The official MCP conformance suite's server scenarios against a native MCP server. The suite's
 * client sends no credentials, so it talks to a loopback proxy that adds the account's
 * `Authorization` header and forwards everything else untouched (Host and Origin included, so
 * the DNS-rebinding scenario still reaches the sandbox's own guard).
 */
import { execFile } from "node:child_process";
import { createServer, request as httpRequest, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxFixture, startTestSandbox } from "../testing/sandbox-fixture.ts";

const run = promisify(execFile);
const conformanceCli = createRequire(import.meta.url).resolve(
  "@modelcontextprotocol/conformance/dist/index.js",
);
let fixture: SandboxFixture;
let proxy: Server;
let proxyUrl: string;

beforeAll(async () => {
  fixture = await startTestSandbox();
  const tools = (await fixture.call("GET", "/v1/tools")).body as { _id: string }[];
  const created = await fixture.call("POST", "/v1/mcpservers", {
    name: "Conformance",
    relativeURI: "/conformance",
    disabled: false,
    tools: [{ _toolId: tools[0]?._id, name: "get_failed_jobs", disabled: false }],
    prompts: [
      {
        name: "test_prompt_with_arguments",
        description: "A prompt with two required arguments",
        arguments: [{ name: "arg1" }, { name: "arg2" }],
        messagesTemplate: [
          { role: "user", template: "Prompt with arguments: arg1='{{arg1}}', arg2='{{arg2}}'" },
        ],
      },
    ],
  });
  expect(created.status).toBe(201);
  const target = new URL(fixture.sandbox.baseUrl);
  const authorization = `Bearer ${fixture.sandbox.defaultAccount.celigoToken}`;
  proxy = createServer((incoming, outgoing) => {
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, authorization },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on("error", () => outgoing.writeHead(502).end());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/mcp/conformance`;
});

afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await fixture.sandbox.close();
});

describe("MCP conformance of a native server", () => {
  it.concurrent.each([
    "server-initialize",
    "ping",
    "tools-list",
    "prompts-list",
    "prompts-get-with-args",
    "dns-rebinding-protection",
  ])("%s passes", async (scenario) => {
    const result = await run(
      process.execPath,
      [conformanceCli, "server", "--url", proxyUrl, "--scenario", scenario],
      {
        timeout: 30_000,
      },
    ).catch((error: { stdout?: string; stderr?: string }) => error);
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
    expect(output).toMatch(/Passed: [1-9]\d*\/\d+, 0 failed/);
  });
});
