import { describe, expect, it } from "vitest";
import { taskFamily } from "./intents.ts";

describe("taskFamily", () => {
  it.each([
    ["Which flows failed today?", "failed-runs"],
    ["Retry the errors of the Shopify order flow", "retry-errors"],
    ["Restart the failed syncs of our NetSuite-Shopify integration.", "retry-errors"],
    ["Restart the failed NetSuite-Shopify syncs", "retry-errors"],
    ["Disable the Amazon flow", "disable-flow"],
    ["Delete the Amazon flow", "destructive"],
    ["Who disabled the refund flow?", "audit"],
    ["Which connection is offline?", "connections"],
  ] as const)("%s -> %s", (request, family) => {
    expect(taskFamily(request)).toBe(family);
  });

  it("does not read a restart of something else as a retry", () => {
    expect(taskFamily("Restart the sandbox")).not.toBe("retry-errors");
  });
});
