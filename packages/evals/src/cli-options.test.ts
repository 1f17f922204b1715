import { describe, expect, it } from "vitest";
import {
  parseExposures,
  parseFaults,
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

  it("reads repeated --fault flags for the offline model, in one order", () => {
    expect(parseFaults(["http-429:0.3", "http-500:0.3"], ["offline"])).toEqual([
      { kind: "http-500", rate: 0.3 },
      { kind: "http-429", rate: 0.3 },
    ]);
    expect(parseFaults([], ["openai/gpt-5"])).toEqual([]);
    expect(parseFaults(["hang:0.1"], ["openai/gpt-5", "offline:flaky"])).toEqual([
      { kind: "hang", rate: 0.1 },
    ]);
  });

  it("refuses a --fault it cannot apply, naming the fix", () => {
    expect(() => parseFaults(["http-502:0.3"], ["offline"])).toThrow(
      /--fault takes kind:rate with kind one of malformed-arguments, unknown-tool, http-500, http-429, hang, slow-stream/,
    );
    expect(() => parseFaults(["http-500:0.1", "http-500:0.2"], ["offline"])).toThrow(
      "--fault names http-500 twice. Give each kind once",
    );
    expect(() => parseFaults(["http-500:0.3"], ["openai/gpt-5"])).toThrow(
      "--model openai/gpt-5 has none. Add offline (or offline:<mistake profile>) to --model, or leave --fault out.",
    );
  });
});
