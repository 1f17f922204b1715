import { describe, expect, it } from "vitest";
import { linkNames, mentionOf } from "./entity-linker.ts";

const flows = [
  "Shopify Order to NetSuite Sales Order",
  "Shopify Refund to NetSuite Credit Memo",
  "Shopify Customer to NetSuite Customer",
  "Amazon Seller Central Orders to NetSuite",
  "NetSuite Fulfillment to Amazon Shipment Confirmation",
  "3PL Shipment Confirmations (SFTP) to NetSuite",
  "NetSuite Payment to Salesforce Opportunity Payment Status",
];
const link = (request: string, plural = false) =>
  linkNames(mentionOf(request), flows, (name) => name, { plural });

describe("linking a request to the names tool results showed", () => {
  it("finds a record from part of its name", () => {
    expect(link("pause the refund flow")).toMatchObject({
      status: "unique",
      matches: ["Shopify Refund to NetSuite Credit Memo"],
    });
    expect(link("why is the 3PL shipment flow failing?").matches).toEqual([
      "3PL Shipment Confirmations (SFTP) to NetSuite",
    ]);
  });

  it("lets a qualifier decide between records that share a word", () => {
    expect(link("Resolve the Amazon order errors").matches).toEqual([
      "Amazon Seller Central Orders to NetSuite",
    ]);
  });

  it("reports two equal matches as ambiguous, or as several when the request says flows", () => {
    expect(link("disable the Amazon flow")).toMatchObject({ status: "ambiguous" });
    expect(link("which Amazon flows failed", true)).toMatchObject({
      status: "several",
      matches: [
        "Amazon Seller Central Orders to NetSuite",
        "NetSuite Fulfillment to Amazon Shipment Confirmation",
      ],
    });
  });

  it("reads a misspelling as a suggestion, never as a certain match", () => {
    expect(link("rerun the failed shopfy orders")).toMatchObject({
      status: "suggestion",
      matches: ["Shopify Order to NetSuite Sales Order"],
      corrections: [{ written: "shopfy", meant: "shopify" }],
    });
  });

  it("says when a name fits no record, and when the request names none", () => {
    expect(link("retry the Walmart Orders to NetSuite flow")).toMatchObject({
      status: "unknown",
      unknownWords: ["Walmart"],
    });
    expect(link("which flows failed today?")).toMatchObject({ status: "unnamed" });
  });

  it("matches a quoted name whole, else by its words, each of which must fit", () => {
    expect(link('errors of "Shopify Customer to NetSuite Customer"').matches).toEqual([
      "Shopify Customer to NetSuite Customer",
    ]);
    expect(link('disable the flow "Amazon orders"')).toMatchObject({
      status: "unique",
      matches: ["Amazon Seller Central Orders to NetSuite"],
    });
    expect(link('errors of "Shopify Vendor"')).toMatchObject({
      status: "unknown",
      unknownWords: ["Vendor"],
    });
    expect(link('disable "Amazon"')).toMatchObject({ status: "ambiguous" });
  });
});
