/**
 * Measures what one model call costs with the full Celigo toolkit offered: the 117 tool slugs and
 * descriptions of Composio's Celigo toolkit, as the sandbox serves them in direct exposure, each
 * with a small object schema (so the number is about names and descriptions, not the sandbox's
 * own schemas). Prints input tokens and request latency (p50/p99 over sequential Chat
 * Completions calls).
 * Run: pnpm --filter @celigo-agents/offline-model exec tsx scripts/measure-request-cost.ts
 */
import { startSandbox } from "@celigo-agents/sandbox";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import OpenAI from "openai";
import { startOfflineModel } from "../src/index.ts";

const sandbox = await startSandbox({ rateLimit: false });
const { mcpUrlPath } = sandbox.toolRouter.createSession(sandbox.defaultAccount.accountId, {
  exposure: "direct",
});
const mcp = new Client({ name: "measure-request-cost", version: "1.0.0" });
await mcp.connect(
  new StreamableHTTPClientTransport(new URL(`${sandbox.baseUrl}${mcpUrlPath}`), {
    requestInit: { headers: { "x-api-key": sandbox.defaultAccount.composioApiKey } },
  }),
);
const { tools: served } = await mcp.listTools();
await mcp.close();
await sandbox.close();
const tools = served.map((tool) => ({
  type: "function" as const,
  function: {
    name: tool.name,
    description: tool.description ?? "",
    parameters: {
      type: "object",
      properties: {
        flow_id: { type: "string", description: "The flow's _id" },
        created_at_gte: { type: "string", description: "ISO 8601 lower bound" },
      },
    },
  },
}));

const model = await startOfflineModel();
const client = new OpenAI({ baseURL: model.baseURL, apiKey: "offline", maxRetries: 0 });
const messages = [
  {
    role: "system" as const,
    content: "You operate Celigo.\nCurrent time: 2026-11-21T10:00:00.000Z",
  },
  { role: "user" as const, content: "Which flows failed today?" },
];
const durations: number[] = [];
let inputTokens = 0;
let withoutToolsTokens = 0;
for (let round = 0; round < 200; round++) {
  const started = performance.now();
  const completion = await client.chat.completions.create({
    model: model.modelId,
    messages,
    tools,
  });
  durations.push(performance.now() - started);
  inputTokens = completion.usage?.prompt_tokens ?? 0;
}
withoutToolsTokens =
  (await client.chat.completions.create({ model: model.modelId, messages })).usage?.prompt_tokens ??
  0;
await model.close();
durations.sort((left, right) => left - right);
const percentile = (share: number) =>
  durations[Math.min(durations.length - 1, Math.floor(share * durations.length))] ?? 0;
process.stdout.write(
  `${tools.length} tools offered: ${inputTokens} input tokens (${withoutToolsTokens} without tools)\n` +
    `request latency over ${durations.length} calls: p50 ${percentile(0.5).toFixed(2)} ms, p99 ${percentile(0.99).toFixed(2)} ms\n`,
);
