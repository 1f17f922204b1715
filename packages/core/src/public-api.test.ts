/**
 * Core's public API is a decision, not an accident: adding or removing an export changes this
 * list on purpose (types are checked by the apps that import them).
 */
import { describe, expect, it } from "vitest";
import * as core from "./index.ts";
import * as internal from "./internal.ts";

describe("@celigo-agents/core exports", () => {
  it("offers the contract, run bookkeeping, session and config, and chat", () => {
    expect(Object.keys(core).sort()).toEqual([
      "CeligoAgentsError",
      "ConfigError",
      "RunRecorder",
      "ToolPolicy",
      "UpstreamError",
      "abortedRunError",
      "bulkRecordLimit",
      "defaultMaxSteps",
      "describeError",
      "errorText",
      "isCeligoAgentsError",
      "isMcpErrorResult",
      "loadConfig",
      "mcpContentText",
      "mcpToolResult",
      "openAgentContext",
      "parseJsonText",
      "runChat",
      "runError",
      "selectTools",
      "stepLimitError",
    ]);
  });

  it("keeps what only the eval harness and the playground need under ./internal", () => {
    expect(Object.keys(internal).sort()).toEqual([
      "celigoInstructions",
      "createCeligoSession",
      "createToolRouterSession",
      "innerToolCalls",
      "isServiceFailure",
      "localServices",
      "modelMaxRetries",
      "resolveModel",
      "runnerOptionsFor",
      "toolSlug",
    ]);
  });
});
