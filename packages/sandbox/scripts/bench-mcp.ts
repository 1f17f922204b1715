/**
 * MCP `tools/call` latency through the Tool Router's direct exposure: 1, 10 and 50 concurrent MCP
 * sessions (official SDK client each), on loopback. Used by bench.ts; runs alone with
 * `pnpm --filter @celigo-agents/sandbox exec tsx scripts/bench-mcp.ts [callsPerLevel]`.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { ToolRouter } from "../src/composio/tool-router.ts";
import { type RunningSandbox, startSandbox } from "../src/server.ts";

/** Total calls per second shared by the sessions in the paced run. */
const pacedRate = 300;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

async function openClient(sandbox: RunningSandbox, router: ToolRouter): Promise<Client> {
  const account = sandbox.defaultAccount;
  const { mcpUrlPath } = router.createSession(account.accountId, { exposure: "direct" });
  const client = new Client({ name: "bench", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${sandbox.baseUrl}${mcpUrlPath}`), {
      requestInit: { headers: { "x-api-key": account.composioApiKey } },
    }),
  );
  return client;
}

/** Starts its own sandbox, so the figures are not skewed by the REST benchmark's accounts. */
export async function benchMcpToolCalls(callsPerLevel: number): Promise<void> {
  const sandbox = await startSandbox({ rateLimit: false, now: "2025-03-14T15:00:00Z" });
  const router = sandbox.toolRouter;
  const probe = await openClient(sandbox, router);
  const listed = (await probe.callTool({ name: "CELIGO_LIST_FLOWS", arguments: { limit: 5 } }))
    .structuredContent as { data: { flows: { _id: string }[] } };
  await probe.close();
  const flowIds = listed.data.flows.map((flow) => flow._id);
  const calls = [
    ...flowIds.map((flowId) => ({ name: "CELIGO_GET_FLOW", arguments: { flow_id: flowId } })),
    { name: "CELIGO_LIST_FLOWS", arguments: { limit: 10 } },
    { name: "CELIGO_GET_TOKEN_INFO", arguments: {} },
  ];

  const pick = (index: number) =>
    calls[index % calls.length] ?? { name: "CELIGO_GET_TOKEN_INFO", arguments: {} };
  const report = (label: string, latencies: number[], seconds: number, errors: number) => {
    latencies.sort((a, b) => a - b);
    console.log(
      `mcp tools/call ${label}: ${latencies.length} calls, p50 ${percentile(latencies, 0.5).toFixed(2)} ms, p99 ${percentile(latencies, 0.99).toFixed(2)} ms, ${(latencies.length / seconds).toFixed(0)} calls/s, ${errors} errors`,
    );
  };
  const timed = async (client: Client, index: number, latencies: number[]) => {
    const callStart = performance.now();
    let failed = false;
    try {
      failed = (await client.callTool(pick(index))).isError === true;
    } catch {
      failed = true;
    }
    latencies.push(performance.now() - callStart);
    return failed ? 1 : 0;
  };

  for (const sessions of [1, 10, 50]) {
    const clients = await Promise.all(
      Array.from({ length: sessions }, () => openClient(sandbox, router)),
    );
    // Saturated: every session calls back to back, which measures throughput (latency there is
    // mostly queueing: sessions / throughput).
    let latencies: number[] = [];
    let errors = 0;
    let next = 0;
    let started = performance.now();
    await Promise.all(
      clients.map(async (client) => {
        while (next < callsPerLevel) errors += await timed(client, next++, latencies);
      }),
    );
    report(
      `${String(sessions).padStart(2)} sessions saturated`,
      latencies,
      (performance.now() - started) / 1000,
      errors,
    );
    // Paced: the sessions share a steady load below capacity, which measures service latency.
    latencies = [];
    errors = 0;
    const pacedCalls = Math.min(callsPerLevel, pacedRate * 4);
    const perSession = Math.ceil(pacedCalls / sessions);
    const intervalMs = (1000 * sessions) / pacedRate;
    started = performance.now();
    await Promise.all(
      clients.map(async (client, clientIndex) => {
        await sleep((intervalMs * clientIndex) / sessions);
        for (let round = 0; round < perSession; round++) {
          const due = started + (intervalMs * clientIndex) / sessions + round * intervalMs;
          await sleep(due - performance.now());
          errors += await timed(client, clientIndex + round, latencies);
        }
      }),
    );
    report(
      `${String(sessions).padStart(2)} sessions at ${pacedRate} calls/s`,
      latencies,
      (performance.now() - started) / 1000,
      errors,
    );
    await Promise.all(clients.map((client) => client.close()));
  }
  await sandbox.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchMcpToolCalls(Number(process.argv[2] ?? 3000));
}
