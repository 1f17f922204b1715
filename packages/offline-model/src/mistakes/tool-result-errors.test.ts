import { describe, expect, it } from "vitest";
import { isErrorResult, isRefusalResult } from "./tool-result-errors.ts";

describe("a tool result that says the call failed", () => {
  it("is read in each form the apps feed back", () => {
    const errors = [
      JSON.stringify({ isError: true, content: [{ type: "text", text: "404" }] }),
      JSON.stringify({ successful: false, error: "Flow not found" }),
      JSON.stringify({ error: "AI_NoSuchToolError: Model tried to call unavailable tool" }),
      "Tool 'COMPOSIO_SEARCH_TOOL' not found.",
      // The baseline app's words, for an unknown tool, arguments that are not JSON, a thrown call.
      "There is no tool named COMPOSIO_SEARCH_TOOL. Call one of the tools offered, by its exact name.",
      'The arguments of COMPOSIO_SEARCH_TOOLS are not a JSON object: {"queries": [. Send them again as a JSON object that matches the tool\'s input schema.',
      "The tool call failed: MCP error -32602: Input validation error",
    ];
    for (const text of errors) expect(isErrorResult(text), text).toBe(true);
  });

  it("leaves a successful result alone, even when its data mentions an error", () => {
    const fine = [
      JSON.stringify({ successful: true, data: { results: [{ response: { successful: true } }] } }),
      "3 flows failed today: Shopify Order to NetSuite Sales Order, …",
      JSON.stringify({ content: [{ type: "text", text: '{"flows":[]}' }] }),
    ];
    for (const text of fine) expect(isErrorResult(text), text).toBe(false);
    expect(isRefusalResult("Tool execution was not approved.")).toBe(true);
  });
});
