/**
 * Helpers the eval harness and the playground need and apps do not: opening a Tool Router
 * session on a given sandbox account, and resolving a model outside a full agent context.
 */
export { type ModelHandle, modelMaxRetries, resolveModel } from "./kernel/model.ts";
export {
  createCeligoSession,
  createToolRouterSession,
  type ToolRouterSessionOptions,
} from "./kernel/session.ts";
export { describeBlastRadius } from "./kernel/tool-policy.ts";
export { localServices } from "./local-services.ts";
