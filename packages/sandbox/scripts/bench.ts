/**
 * Sandbox benchmark: memory per account of the default scenario, REST latency on loopback
 * at 1, 10 and 50 concurrent clients, and MCP tools/call latency at 1, 10 and 50 sessions.
 * Run: pnpm --filter @celigo-agents/sandbox bench
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { startSandbox } from "../src/index.ts";
import { benchMcpToolCalls } from "./bench-mcp.ts";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

function heapAfterGc(): number {
  for (let round = 0; round < 3; round++) collectGarbage();
  return process.memoryUsage().heapUsed;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

const accountsToMeasure = Number(process.argv[2] ?? 10);
const requestsPerLevel = Number(process.argv[3] ?? 3000);
// Throttling would turn the latency run into a rate-limit test; it is measured off.
const sandbox = await startSandbox({ rateLimit: false, now: "2025-03-14T15:00:00Z" });

const before = heapAfterGc();
const createStart = performance.now();
const created = [];
for (let index = 0; index < accountsToMeasure; index++)
  created.push(sandbox.createAccount({ scenario: "acme-retail" }));
const createMs = (performance.now() - createStart) / accountsToMeasure;
const after = heapAfterGc();
const perAccountMb = (after - before) / accountsToMeasure / 1024 / 1024;
console.log(
  `memory: ${accountsToMeasure} acme-retail accounts, ${perAccountMb.toFixed(2)} MB/account (heap after GC), ${createMs.toFixed(0)} ms to create each`,
);
for (const account of created) sandbox.deleteAccount(account.accountId);

const headers = { authorization: `Bearer ${sandbox.defaultAccount.celigoToken}` };
const flows = (await (await fetch(`${sandbox.baseUrl}/v1/flows`, { headers })).json()) as {
  _id: string;
  _integrationId: string;
}[];
const paths = flows
  .slice(0, 5)
  .flatMap((flow) => [
    `/v1/flows/${flow._id}`,
    `/v1/jobs?_flowId=${flow._id}&createdAt_gte=2025-03-14`,
    `/v1/integrations/${flow._integrationId}/errors`,
  ]);
paths.push("/v1/flows?include=schedule,disabled", "/v1/tokenInfo");

for (const clients of [1, 10, 50]) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < requestsPerLevel) {
        const path = paths[next++ % paths.length] ?? "/v1/tokenInfo";
        const requestStart = performance.now();
        const response = await fetch(`${sandbox.baseUrl}${path}`, { headers });
        await response.arrayBuffer();
        latencies.push(performance.now() - requestStart);
        if (response.status >= 400) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    `rest: ${String(clients).padStart(2)} clients, ${latencies.length} requests, p50 ${percentile(latencies, 0.5).toFixed(2)} ms, p99 ${percentile(latencies, 0.99).toFixed(2)} ms, ${(latencies.length / seconds).toFixed(0)} req/s, ${errors} errors`,
  );
}
await sandbox.close();
await benchMcpToolCalls(requestsPerLevel);
