/**
 * What every app's end-to-end tests share: an in-process sandbox account and the offline model,
 * wired exactly as `pnpm chat` wires them, with a pinned clock so runs are reproducible.
 */
import { type AgentContext, openAgentContext } from "../agent-context.ts";
import { loadConfig, type ToolExposure } from "../config.ts";

export interface TestEnvironmentOptions {
  exposure?: ToolExposure;
  scenario?: string;
  /**
   * The scenario's "now"; pinned by default so every test sees the same data. `"current"` starts
   * the account at the real time, for sources whose agents are told the real time (composio,
   * celigo), so "today" means the same day to the agent and the account.
   */
  now?: string | "current";
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
    ...(options.now === "current" ? {} : { SANDBOX_NOW: options.now ?? defaultTestNow }),
    MODEL: "offline",
    ...(options.tools ? { CELIGO_TOOLS: options.tools.join(",") } : {}),
  });
  const context = await openAgentContext(config);
  const sandbox = context.session.sandbox;
  if (!sandbox) throw new Error("the sandbox source always has a sandbox account");
  return { ...context, accountState: () => sandbox.state({ settle: true }) };
}
