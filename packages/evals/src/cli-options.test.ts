import { describe, expect, it } from "vitest";
import {
  parseExposures,
  parseModels,
  parseNow,
  parsePassRate,
  parsePositiveInteger,
} from "./cli-options.ts";

describe("eval flags", () => {
  it("accepts a models × exposures matrix", () => {
    expect(parseModels("offline, openai/gpt-5")).toEqual(["offline", "openai/gpt-5"]);
    expect(parseModels("offline:flaky,offline:name-for-id")).toEqual([
      "offline:flaky",
      "offline:name-for-id",
    ]);
    expect(parseExposures("router,direct")).toEqual(["router", "direct"]);
  });

  it("names the fix for each bad value", () => {
    expect(() => parseModels("gpt-5")).toThrow(
      "Use offline, offline:<mistake profile> (e.g. offline:flaky) or openai/<model>",
    );
    expect(() => parseModels("offline:sloppy")).toThrow(
      "Use offline:<profile> with one of flaky, malformed-arguments, unknown-tool,",
    );
    expect(() => parseExposures("both")).toThrow("Use router, direct, or router,direct");
    expect(() => parsePositiveInteger("--repeat", "0")).toThrow(
      '--repeat "0" must be a whole number of 1 or more',
    );
    expect(() => parseNow("yesterday")).toThrow("Use ISO 8601");
    expect(() => parsePassRate("120%")).toThrow("between 0 and 1");
  });

  it("reads pass rates as fractions or percentages", () => {
    expect(parsePassRate("0.8")).toBe(0.8);
    expect(parsePassRate("75%")).toBe(0.75);
  });
});
