/**
 * Helpers the eval harness and the playground need and apps do not: sessions on a given sandbox
 * account, models outside a full agent context, the runner options they build from both, and
 * how they read tool calls and sort run errors.
 */
export { runnerOptionsFor } from "./kernel/agent-context.ts";
export { celigoInstructions } from "./kernel/instructions.ts";
export { type ModelHandle, modelMaxRetries, resolveModel } from "./kernel/model.ts";
export { isServiceFailure } from "./kernel/run-errors.ts";
export {
  createCeligoSession,
  createToolRouterSession,
  type ToolRouterSessionOptions,
} from "./kernel/session.ts";
export { innerToolCalls, toolSlug } from "./kernel/tool-calls.ts";
export { localServices } from "./local-services.ts";
