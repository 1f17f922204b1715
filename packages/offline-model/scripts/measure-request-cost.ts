/**
 * Measures what one model call costs with the full Celigo toolkit offered: the 117 tool slugs and
 * descriptions from the shared seed, each with a small object schema. Prints input tokens and
 * request latency (p50/p99 over sequential Chat Completions calls).
 * Run: pnpm --filter @celigo-agents/offline-model exec tsx scripts/measure-request-cost.ts [seed-file]
 */
import { readFileSync } from "node:fs";
import OpenAI from "openai";
import { startOfflineModel } from "../src/index.ts";

const seedPath = process.argv[2] ?? "/work/shared/seeds/000_7cb4028332496f56.txt";
const rows = [
  ...readFileSync(seedPath, "utf8").matchAll(/^\| `(CELIGO_[A-Z0-9_]+)` \| [^|]+ \| ([^|]+) \|$/gm),
];
const tools = rows.map((row) => ({
  type: "function" as const,
  function: {
    name: row[1] ?? "",
    description: (row[2] ?? "").trim(),
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
