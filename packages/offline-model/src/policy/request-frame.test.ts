import { describe, expect, it } from "vitest";
import { currentFrame, pickIn } from "./request-frame.ts";

const frameOf = (messages: string[], answers: string[] = []) => currentFrame(messages, answers);

describe("the request frame of a conversation", () => {
  it("keeps the last request's task and names when a follow-up only changes the period", () => {
    const frame = frameOf(["which Amazon flows failed today?", "and yesterday?"], ["…"]);
    expect(frame).toMatchObject({ family: "failed-runs", periodText: "yesterday", plural: true });
    expect(frame?.mention.terms).toEqual(["amazon"]);
  });

  it("keeps the task and swaps the record for 'what about …'", () => {
    const frame = frameOf(
      ["when did the inventory sync last run?", "what about the Amazon orders flow?"],
      ["NetSuite Inventory to Shopify Inventory Levels last ran today 15:05 UTC."],
    );
    expect(frame?.family).toBe("last-run");
    expect(frame?.mention.terms).toEqual(["amazon", "order"]);
  });

  it("reads a bare yes as confirming the request before it, with its tool results", () => {
    const frame = frameOf(["pause the item sync", "yep, go ahead"], ["Please confirm"]);
    expect(frame).toMatchObject({ family: "disable-flow", confirmed: true, messageIndex: 0 });
    // A yes naming another action is a new request.
    expect(
      frameOf(["which flows failed today?", "ok retry those"], ["1 flow failed"]),
    ).toMatchObject({
      family: "retry-errors",
      pick: { which: "all" },
      confirmed: false,
    });
  });

  it("reads 'the second one' as a choice among the options the last answer listed", () => {
    const frame = frameOf(
      ["turn off the Amazon flow", "the second one"],
      ["Several flows match:\n1. A\n2. B\nWhich one do you mean?"],
    );
    expect(frame).toMatchObject({
      family: "disable-flow",
      pick: { which: "ordinal", position: 2 },
    });
  });

  it("reads a no as declining what the last answer proposed", () => {
    expect(frameOf(["resolve all the open errors", "no, leave them"], ["Reply yes"])).toMatchObject(
      {
        family: "resolve-errors",
        declined: true,
      },
    );
  });

  it("tells picks from other words", () => {
    expect(pickIn("retry those")).toEqual({ which: "all" });
    expect(pickIn("number 2")).toEqual({ which: "ordinal", position: 2 });
    expect(pickIn("when did it last run?")).toBeUndefined();
  });
});
