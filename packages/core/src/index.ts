/**
 * Core's public API: the kernel's (kernel/index.ts), with this repository's local sandbox and
 * offline model plugged into `openAgentContext` and `runChat`. Helpers only the eval harness
 * needs are in `@celigo-agents/core/internal`; the shared runner test suite in
 * `@celigo-agents/core/testing`.
 */

import {
  type AgentContext,
  type AppConfig,
  type ChatOptions,
  type CreateRunner,
  loadConfig,
  openAgentContext as openKernelAgentContext,
  runChat as runKernelChat,
} from "./kernel/index.ts";
import { localServices } from "./local-services.ts";

// The two functions below shadow the kernel's of the same name (local exports win over `*`).
export * from "./kernel/index.ts";

/** The session, model and runner options from config, with this repository's local services. */
export function openAgentContext(config: AppConfig = loadConfig()): Promise<AgentContext> {
  return openKernelAgentContext(config, localServices);
}

/** `pnpm chat`: the kernel's chat with this repository's local sandbox and offline model. */
export function runChat(createRunner: CreateRunner, options: ChatOptions = {}): Promise<number> {
  return runKernelChat(createRunner, { services: localServices, ...options });
}
