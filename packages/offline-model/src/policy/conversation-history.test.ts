import { describe, expect, it } from "vitest";
import { slugOf } from "./conversation-history.ts";

describe("slugOf", () => {
  it.each([
    ["CELIGO_LIST_FLOWS", "CELIGO_LIST_FLOWS"],
    ["celigo_CELIGO_LIST_FLOWS", "CELIGO_LIST_FLOWS"],
    ["mcp__celigo__CELIGO_LIST_FLOWS", "CELIGO_LIST_FLOWS"],
    ["mcp__celigo__celigo_list_flows", "CELIGO_LIST_FLOWS"],
    ["COMPOSIO_MULTI_EXECUTE_TOOL", "COMPOSIO_MULTI_EXECUTE_TOOL"],
    // A native MCP server's tool under Mastra's `celigo_` namespace is not a toolkit tool.
    ["celigo_get_failed_jobs", "GET_FAILED_JOBS"],
    ["get_failed_jobs", "GET_FAILED_JOBS"],
  ])("%s -> %s", (name, slug) => {
    expect(slugOf(name)).toBe(slug);
  });
});
