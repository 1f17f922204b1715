/**
 * One read-only question through this project's runner, with the Celigo source and the model
 * your configuration names (the environment, then .env): the check that the wiring works end to
 * end. Skipped, saying what to set, until both are configured; README.md ("Try it without an
 * account") shows how to point it at a local sandbox and offline model.
 */
import { describe, expect, it } from "vitest";
import { loadConfig, openAgentContext, type RunEvent } from "./celigo/index.ts";
import { createRunner } from "./runner.ts";

const config = loadConfig();
const missing = [
  ...(config.source === "sandbox"
    ? ["a Celigo source (COMPOSIO_API_KEY, or CELIGO_MCP_URL and CELIGO_API_TOKEN)"]
    : []),
  ...(config.model.startsWith("offline")
    ? ["a model (OPENAI_API_KEY, or OPENAI_BASE_URL with MODEL=openai/<model>)"]
    : []),
];
if (missing.length > 0) {
  // Vitest lists a skipped test without its reason; this says what to set.
  console.warn(
    `src/runner.test.ts is skipped: set ${missing.join(" and ")}. README.md ("Try it without an account") shows how to use the celigo-agents sandbox and offline model.`,
  );
}

describe.skipIf(missing.length > 0)(`runner on ${config.source} with ${config.model}`, () => {
  it("answers a read-only question through tool calls, asking no approval", async () => {
    const context = await openAgentContext(config);
    try {
      const runner = await createRunner(context.runnerOptions);
      try {
        const events: RunEvent[] = [];
        const approvalsAsked: string[] = [];
        const result = await runner.run("Which flows failed today?", {
          onEvent: (event) => events.push(event),
          approve: async (request) => {
            approvalsAsked.push(request.reason);
            return false;
          },
        });

        expect(result.error, result.error?.message).toBeUndefined();
        expect(result.text.trim()).not.toBe("");
        expect(result.toolCalls.length).toBeGreaterThan(0);
        // At least one model call asked for tools and another answered.
        expect(result.steps).toBeGreaterThanOrEqual(2);
        expect(approvalsAsked).toEqual([]);
        // The events a front end streams tell the same run as the result.
        const ended = events.flatMap((event) => (event.type === "tool-call-end" ? [event] : []));
        expect(ended.map((event) => event.call)).toEqual(result.toolCalls);
        const streamed = events.flatMap((event) => (event.type === "text-delta" ? [event] : []));
        if (streamed.length > 0) {
          expect(streamed.map((event) => event.text).join("")).toContain(result.text.trim());
        }
      } finally {
        await runner.close();
      }
    } finally {
      await context.close();
    }
  }, 120_000);
});
