export type {
  AccountDirectory,
  ApiRequest,
  ApiResponse,
  HttpMethod,
  QueryValue,
  SandboxAccount,
} from "./account-directory.ts";
export type { CreateAccountOptions } from "./account-registry.ts";
export type { RateLimitOptions } from "./api/rate-limiter.ts";
export {
  type CreateSessionOptions,
  createToolRouter,
  type ToolRouter,
} from "./composio/tool-router.ts";
export { SandboxInputError } from "./sandbox-input-error.ts";
export { defaultScenarioName, scenarioNames } from "./scenarios/scenario-catalog.ts";
export { AllowedHosts, hostAndOriginGuard } from "./security.ts";
export {
  type RunningSandbox,
  type SandboxAccountCredentials,
  type SandboxOptions,
  startSandbox,
} from "./server.ts";
export { executeTool } from "./toolkit/execute-tool.ts";
