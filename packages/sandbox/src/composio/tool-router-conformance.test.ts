/**
 * The official MCP conformance suite's server scenarios that apply to a tools-only server,
 * against both Tool Router exposures. The suite's client sends no credentials, so it talks to a
 * loopback proxy that adds the account's `x-api-key` and forwards everything else untouched
 * (Host and Origin included, so the DNS-rebinding scenario still reaches the sandbox's guard).
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, request as httpRequest, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mcpPathOf } from "./router-session.ts";
import { type RouterSandbox, startRouterSandbox } from "./testing/start-router-sandbox.ts";

const run = promisify(execFile);
const conformanceCli = createRequire(import.meta.url).resolve(
  "@modelcontextprotocol/conformance/dist/index.js",
);
let setup: RouterSandbox;
let proxy: Server;
let resultsDirectory: string;
const urls: Record<string, string> = {};

beforeAll(async () => {
  setup = await startRouterSandbox({ scenario: "small" });
  resultsDirectory = await mkdtemp(join(tmpdir(), "tool-router-conformance-"));
  const target = new URL(setup.sandbox.baseUrl);
  const apiKey = setup.sandbox.defaultAccount.composioApiKey;
  proxy = createServer((incoming, outgoing) => {
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, "x-api-key": apiKey },
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
  const origin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  for (const exposure of ["router", "direct"] as const) {
    const { sessionId } = setup.router.createSession(setup.sandbox.defaultAccount.accountId, {
      exposure,
    });
    urls[exposure] = `${origin}${mcpPathOf(sessionId)}`;
  }
});

afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await setup.close();
  await rm(resultsDirectory, { recursive: true, force: true });
});

const cases = ["router", "direct"].flatMap((exposure) =>
  ["server-initialize", "ping", "tools-list", "dns-rebinding-protection"].map(
    (scenario) => [exposure, scenario] as const,
  ),
);

describe("MCP conformance of the Tool Router session endpoints", () => {
  it.concurrent.each(cases)("%s exposure: %s passes", async (exposure, scenario) => {
    const result = await run(
      process.execPath,
      [
        conformanceCli,
        "server",
        "--url",
        urls[exposure] ?? "",
        "--scenario",
        scenario,
        "--output-dir",
        join(resultsDirectory, `${exposure}-${scenario}`),
      ],
      { timeout: 30_000 },
    ).catch((error: { stdout?: string; stderr?: string }) => error);
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
    expect(output).toMatch(/Passed: [1-9]\d*\/\d+, 0 failed/);
  });
});
