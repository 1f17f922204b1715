import { describe, expect, it } from "vitest";
import { classifyBySlug, classifyTool, ToolPolicy, toolSlug } from "./tool-policy.ts";

describe("toolSlug", () => {
  it("finds the slug inside framework prefixes", () => {
    expect(toolSlug("celigo_CELIGO_LIST_FLOWS")).toBe("CELIGO_LIST_FLOWS");
    expect(toolSlug("mcp__celigo__CELIGO_DELETE_FLOW")).toBe("CELIGO_DELETE_FLOW");
    expect(toolSlug("COMPOSIO_SEARCH_TOOLS")).toBe("COMPOSIO_SEARCH_TOOLS");
    expect(toolSlug("get_failed_jobs")).toBe("GET_FAILED_JOBS");
    expect(toolSlug("mcp__celigo__celigo_list_flows")).toBe("CELIGO_LIST_FLOWS");
  });

  it("keeps a native MCP server's tool apart from the toolkit's", () => {
    expect(toolSlug("celigo_get_failed_jobs")).toBe("GET_FAILED_JOBS");
    expect(toolSlug("celigo_CELIGO_GET_FLOW")).toBe("CELIGO_GET_FLOW");
  });
});

describe("classifyBySlug", () => {
  it.each([
    ["CELIGO_LIST_FLOWS", "read-only"],
    ["CELIGO_GET_JOB", "read-only"],
    ["COMPOSIO_SEARCH_TOOLS", "read-only"],
    ["COMPOSIO_GET_TOOL_SCHEMAS", "read-only"],
    ["CELIGO_RETRY_FLOW_ERRORS", "write"],
    ["CELIGO_RUN_FLOW", "write"],
    ["CELIGO_CREATE_FLOW", "write"],
    ["CELIGO_DELETE_FLOW", "destructive"],
    ["CELIGO_CANCEL_JOB", "destructive"],
    ["CELIGO_UPDATE_FLOW", "destructive"],
    ["CELIGO_PURGE_RESOLVED_ERRORS", "destructive"],
  ] as const)("%s is %s", (slug, risk) => {
    expect(classifyBySlug(slug)).toBe(risk);
  });
});

describe("classifyTool", () => {
  it("prefers annotations over slug rules", () => {
    expect(classifyTool({ name: "CELIGO_DELETE_FLOW", annotations: { readOnlyHint: true } })).toBe(
      "read-only",
    );
    expect(
      classifyTool({ name: "CELIGO_UPDATE_FLOW", annotations: { destructiveHint: false } }),
    ).toBe("write");
    expect(classifyTool({ name: "CELIGO_RUN_FLOW", annotations: { destructiveHint: true } })).toBe(
      "destructive",
    );
  });

  it("falls back to slug rules when annotations say nothing", () => {
    expect(classifyTool({ name: "CELIGO_DELETE_FLOW", annotations: {} })).toBe("destructive");
  });
});

describe("ToolPolicy", () => {
  it("uses learned annotations for prefixed names", () => {
    const policy = new ToolPolicy();
    policy.learn([{ name: "CELIGO_UPDATE_FLOW", annotations: { destructiveHint: false } }]);
    expect(policy.classify("celigo_CELIGO_UPDATE_FLOW")).toBe("write");
  });

  it("judges a multi-execute call by the worst tool it would run", () => {
    const policy = new ToolPolicy();
    const decision = policy.decide("COMPOSIO_MULTI_EXECUTE_TOOL", {
      tools: [
        { tool_slug: "CELIGO_LIST_FLOWS", arguments: {} },
        { tool_slug: "CELIGO_DELETE_FLOW", arguments: { flow_id: "1" } },
      ],
    });
    expect(decision).toMatchObject({ risk: "destructive", needsApproval: true });
    expect(decision.reason).toContain("CELIGO_DELETE_FLOW");
  });

  it("reads multi-execute arguments sent as a JSON string", () => {
    const policy = new ToolPolicy();
    const text = JSON.stringify({ tools: [{ tool_slug: "CELIGO_LIST_JOBS", arguments: {} }] });
    expect(policy.decide("COMPOSIO_MULTI_EXECUTE_TOOL", text)).toMatchObject({
      risk: "read-only",
      needsApproval: false,
    });
  });

  it("needs no approval for reads and writes, and does for destructive tools", () => {
    const policy = new ToolPolicy();
    expect(policy.needsApproval("CELIGO_LIST_FLOWS")).toBe(false);
    expect(policy.needsApproval("CELIGO_RETRY_FLOW_ERRORS")).toBe(false);
    expect(policy.needsApproval("celigo_CELIGO_DELETE_INTEGRATION")).toBe(true);
  });
});
