/** Running one prompt and reading its result, as every shared app suite does. */
import { expect } from "vitest";
import type { ToolExposure } from "../kernel/config.ts";
import type { AgentRunner, RunEvent, RunOptions, RunResult } from "../kernel/runner.ts";
import type { FlowSummary } from "./account-facts.ts";

export const failedFlowsPrompt = "Which flows failed today?";

export interface RecordedRun {
  result: RunResult;
  events: RunEvent[];
}

/** Runs one prompt and keeps every event the runner emitted. */
export async function recordRun(
  runner: AgentRunner,
  prompt: string,
  options: RunOptions = {},
): Promise<RecordedRun> {
  const events: RunEvent[] = [];
  const result = await runner.run(prompt, {
    ...options,
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
  });
  return { result, events };
}

/** Router sessions offer Composio's meta-tools; direct ones the CELIGO_* tools themselves. */
export function expectToolCallsToUse(result: RunResult, exposure: ToolExposure): void {
  const prefix = exposure === "router" ? "COMPOSIO_" : "CELIGO_";
  for (const call of result.toolCalls) {
    expect(call.slug.startsWith(prefix), `${call.slug} in ${exposure} exposure`).toBe(true);
    expect(call.name.toUpperCase().endsWith(call.slug)).toBe(true);
    expect(call.durationMs).toBeGreaterThanOrEqual(0);
    expect(call.result).toBeDefined();
  }
}

/** Flow names, sorted: what two answers about the same flows have in common. */
export function flowNames(flows: readonly FlowSummary[]): string[] {
  return flows.map((flow) => flow.name).sort();
}
