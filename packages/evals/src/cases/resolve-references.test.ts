import { describe, expect, it } from "vitest";
import { resolveReferences } from "./resolve-references.ts";

const snapshot = {
  integrations: [{ _id: "i1", name: "Shopify - NetSuite" }],
  flows: [
    { _id: "f1", name: "Shopify Order to NetSuite Sales Order", _integrationId: "i1" },
    { _id: "f2", name: "Shopify - NetSuite" },
  ],
  users: [{ _id: "u1", email: "luis.ortega@acme-retail.example", name: "Luis Ortega" }],
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
});
