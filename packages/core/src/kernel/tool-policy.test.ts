import { describe, expect, it } from "vitest";
import { classifyBySlug, classifyTool, ToolPolicy } from "./tool-policy.ts";

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

  it("needs no approval for reads and small writes, and does for destructive tools", () => {
    const policy = new ToolPolicy();
    expect(policy.needsApproval("CELIGO_LIST_FLOWS")).toBe(false);
    expect(policy.needsApproval("CELIGO_RETRY_ERRORS", retry("f1", 3))).toBe(false);
    expect(policy.needsApproval("celigo_CELIGO_DELETE_INTEGRATION")).toBe(true);
  });
});

function retry(flowId: string, errors: number) {
  return {
    flow_id: flowId,
    export_id: `${flowId}-export`,
    error_ids: Array.from({ length: errors }, (_, index) => `${flowId}-e${index}`),
  };
}

function batch(...calls: Array<[slug: string, args: object]>) {
  return { tools: calls.map(([tool_slug, args]) => ({ tool_slug, arguments: args })) };
}

describe("ToolPolicy blast radius", () => {
  function policyWithNames() {
    const policy = new ToolPolicy();
    policy.names.learn({
      content: [
        {
          type: "text",
          text: JSON.stringify([
            { _id: "shopify", name: "Shopify Order to NetSuite Sales Order" },
            { _id: "amazon", name: "Amazon Seller Central Orders to NetSuite" },
          ]),
        },
      ],
    });
    return policy;
  }

  it("always asks before resolving, which hides errors for good", () => {
    const decision = policyWithNames().decide("CELIGO_RESOLVE_ERRORS", retry("amazon", 8));
    expect(decision.needsApproval).toBe(true);
    expect(decision.reason).toBe(
      "resolve 8 errors on 1 flow: Amazon Seller Central Orders to NetSuite (8): resolved errors are hidden for good",
    );
  });

  it("asks when one retry carries more than 25 errors, and not at 25", () => {
    const policy = policyWithNames();
    expect(policy.needsApproval("CELIGO_RETRY_ERRORS", retry("shopify", 25))).toBe(false);
    const decision = policy.decide("CELIGO_RETRY_ERRORS", retry("shopify", 26));
    expect(decision.needsApproval).toBe(true);
    expect(decision.reason).toBe(
      "retry 26 errors on 1 flow: Shopify Order to NetSuite Sales Order (26): it touches more than 25 records",
    );
  });

  it("adds up a multi-execute batch across flows and states it in words", () => {
    const calls = [
      ["CELIGO_LIST_FLOWS", {}],
      ["CELIGO_RETRY_ERRORS", retry("shopify", 20)],
      ["CELIGO_RETRY_ERRORS", { ...retry("shopify", 14), export_id: "shopify-import" }],
      ["CELIGO_RETRY_ERRORS", retry("amazon", 5)],
      ["CELIGO_RETRY_ERRORS", retry("f3", 2)],
      ["CELIGO_RETRY_ERRORS", retry("f4", 2)],
      ["CELIGO_RETRY_ERRORS", retry("f5", 3)],
    ] as Array<[string, object]>;
    const decision = policyWithNames().decide("COMPOSIO_MULTI_EXECUTE_TOOL", batch(...calls));
    expect(decision).toMatchObject({
      risk: "write",
      needsApproval: true,
      blastRadius: { records: 46, flows: 5 },
    });
    expect(decision.reason).toBe(
      "retry 46 errors on 5 flows: Shopify Order to NetSuite Sales Order (34), Amazon Seller Central Orders to NetSuite (5), f5 (3), f3 (2) and 1 more: it touches more than one flow, it touches more than 25 records",
    );
  });

  it("asks for two small retries on two flows sent as separate items of one batch", () => {
    const decision = new ToolPolicy().decide(
      "COMPOSIO_MULTI_EXECUTE_TOOL",
      batch(["CELIGO_RETRY_ERRORS", retry("a", 1)], ["CELIGO_RETRY_ERRORS", retry("b", 1)]),
    );
    expect(decision.needsApproval).toBe(true);
    expect(decision.reason).toMatch(/more than one flow/);
  });

  it("adds each write to the writes let through earlier in the turn", () => {
    const policy = policyWithNames();
    const first = { name: "CELIGO_RETRY_ERRORS", arguments: retry("shopify", 20) };
    expect(policy.needsApproval("CELIGO_RETRY_ERRORS", retry("shopify", 5), [first])).toBe(false);
    const decision = policy.decide("CELIGO_RETRY_ERRORS", retry("amazon", 1), [first]);
    expect(decision.needsApproval).toBe(true);
    expect(decision.reason).toMatch(/^retry 21 errors on 2 flows: .*more than one flow$/);
    // A read after many writes is still only a read.
    expect(policy.needsApproval("CELIGO_LIST_FLOWS", {}, [first, first])).toBe(false);
  });

  it("names the target of a destructive call", () => {
    const decision = policyWithNames().decide("celigo_CELIGO_DELETE_FLOW", { flow_id: "amazon" });
    expect(decision.reason).toBe(
      "CELIGO_DELETE_FLOW on flow Amazon Seller Central Orders to NetSuite: it is destructive",
    );
  });
});
