/**
 * What every app's end-to-end tests share: an in-process sandbox account and the offline model,
 * wired exactly as `pnpm chat` wires them, with a pinned clock so runs are reproducible.
 */
import { type AgentContext, openAgentContext } from "../index.ts";
import { loadConfig, type ToolExposure } from "../kernel/config.ts";

export interface TestEnvironmentOptions {
  exposure?: ToolExposure;
  scenario?: string;
  /**
   * The scenario's "now"; pinned by default so every test sees the same data. `"today"` is for
   * sources whose agents are told the real time (composio, celigo): a minute past the latest
   * 5-minute slot at least a minute ago, on the real current date (UTC). "Today" is then the
   * same day to the agent and the account, the account is not ahead of the agent's clock, and
   * no scheduled run (scenarios schedule on 5-minute slots) falls due while the tests run.
   */
  now?: string | "today";
  tools?: string[];
}

export const defaultTestNow = "2026-11-21T15:00:00.000Z";

export interface TestEnvironment extends AgentContext {
  /** The sandbox account's normalized state, after finishing any running jobs. */
  accountState(): Promise<unknown>;
}

export async function startTestEnvironment(
  options: TestEnvironmentOptions = {},
): Promise<TestEnvironment> {
  const config = loadConfig({
    CELIGO_SOURCE: "sandbox",
    CELIGO_EXPOSURE: options.exposure ?? "direct",
    SANDBOX_SCENARIO: options.scenario ?? "acme-retail",
    SANDBOX_NOW: options.now === "today" ? recentTimeToday() : (options.now ?? defaultTestNow),
    MODEL: "offline",
    ...(options.tools ? { CELIGO_TOOLS: options.tools.join(",") } : {}),
  });
  const context = await openAgentContext(config);
  const sandbox = context.session.sandbox;
  if (!sandbox) throw new Error("the sandbox source always has a sandbox account");
  return { ...context, accountState: () => sandbox.state({ settle: true }) };
}

const scheduleSlotMs = 5 * 60_000;
const dayMs = 86_400_000;

function recentTimeToday(): string {
  const realMs = Date.now();
  const slotMs = Math.floor((realMs - 60_000) / scheduleSlotMs) * scheduleSlotMs + 60_000;
  // In the first minute of a day the slot is yesterday's: today's midnight instead.
  return new Date(Math.max(slotMs, realMs - (realMs % dayMs))).toISOString();
}
