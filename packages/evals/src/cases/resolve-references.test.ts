import { describe, expect, it } from "vitest";
import { resolveReferences } from "./resolve-references.ts";

const snapshot = {
  integrations: [{ _id: "i1", name: "Shopify - NetSuite" }],
  flows: [
    { _id: "f1", name: "Shopify Order to NetSuite Sales Order", _integrationId: "i1" },
    { _id: "f2", name: "Shopify - NetSuite" },
  ],
  users: [{ _id: "u1", email: "luis.ortega@acme-retail.example", name: "Luis Ortega" }],
  exports: [{ _id: "x1", name: "Get Shopify Orders" }],
  imports: [{ _id: "m1", name: "Add NetSuite Sales Order" }],
  errors: [
    { errorId: "e1", _flowId: "f1", _stepId: "x1", resolved: false },
    { errorId: "e2", _flowId: "f1", _stepId: "m1", resolved: false },
    { errorId: "e3", _flowId: "f1", _stepId: "m1", resolved: true },
    { errorId: "e4", _flowId: "f2", _stepId: "m1", resolved: false },
  ],
};

describe("resolveReferences", () => {
  it("replaces references by the ids they name, preferring the named kind", () => {
    const args = {
      flowId: { $id: "flow", name: "Shopify Order to NetSuite Sales Order" },
      integrationId: { $id: "integration", name: "Shopify - NetSuite" },
      users: [{ $id: "user", name: "luis.ortega@acme-retail.example" }],
      keep: { nested: "value" },
    };
    expect(resolveReferences(args, snapshot)).toEqual({
      flowId: "f1",
      integrationId: "i1",
      users: ["u1"],
      keep: { nested: "value" },
    });
  });

  it("names the fix when nothing matches", () => {
    expect(() => resolveReferences({ $id: "flow", name: "Missing Flow" }, snapshot)).toThrow(
      'No flow named "Missing Flow" exists in the scenario',
    );
  });

  it("replaces an open-errors reference by the open error ids of that flow or step", () => {
    const flow = "Shopify Order to NetSuite Sales Order";
    expect(resolveReferences({ $errorIds: { flow } }, snapshot)).toEqual(["e1", "e2"]);
    expect(
      resolveReferences({ $errorIds: { flow, step: "Add NetSuite Sales Order" } }, snapshot),
    ).toEqual(["e2"]);
    expect(
      resolveReferences({ $errorIds: { flow, step: "Get Shopify Orders" } }, snapshot),
    ).toEqual(["e1"]);
  });

  it("says when a referenced step has no open errors", () => {
    expect(() =>
      resolveReferences(
        { $errorIds: { flow: "Shopify - NetSuite", step: "Get Shopify Orders" } },
        snapshot,
      ),
    ).toThrow('Step "Get Shopify Orders" of flow "Shopify - NetSuite" has no open errors');
  });
});
