import { describe, expect, it } from "vitest";
import { countToolCalls, innerToolCalls, parseJsonText, toolSlug } from "./tool-calls.ts";

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

describe("innerToolCalls and countToolCalls", () => {
  const batch = {
    tools: [
      { tool_slug: "CELIGO_LIST_FLOWS", arguments: {} },
      { tool_slug: "CELIGO_RETRY_ERRORS", arguments: '{"flow_id":"f1","error_ids":["e1"]}' },
    ],
  };

  it("opens a multi-execute batch, whose arguments may be JSON text", () => {
    expect(innerToolCalls("celigo_COMPOSIO_MULTI_EXECUTE_TOOL", JSON.stringify(batch))).toEqual([
      { slug: "CELIGO_LIST_FLOWS", arguments: {} },
      { slug: "CELIGO_RETRY_ERRORS", arguments: { flow_id: "f1", error_ids: ["e1"] } },
    ]);
    expect(innerToolCalls("CELIGO_GET_FLOW", { flow_id: "f1" })).toEqual([
      { slug: "CELIGO_GET_FLOW", arguments: { flow_id: "f1" } },
    ]);
  });

  it("counts each tool of a batch once", () => {
    const calls = [
      { name: "COMPOSIO_SEARCH_TOOLS", arguments: {} },
      { name: "COMPOSIO_MULTI_EXECUTE_TOOL", arguments: batch },
    ];
    expect(countToolCalls(calls)).toBe(3);
  });
});

describe("parseJsonText", () => {
  it("parses JSON and keeps any other value as it is", () => {
    expect(parseJsonText('{"flows":[{"id":"f1"}]}')).toEqual({ flows: [{ id: "f1" }] });
    expect(parseJsonText("Flow not found")).toBe("Flow not found");
    expect(parseJsonText({ already: "parsed" })).toEqual({ already: "parsed" });
  });
});
