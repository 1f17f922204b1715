import { describe, expect, it } from "vitest";
import { CallMatcher } from "./call-matcher.ts";

describe("CallMatcher", () => {
  it("pairs each end with its own start, whatever order parallel calls end in", () => {
    let next = 0;
    const matcher = new CallMatcher(() => `call-${++next}`);
    const listFlows = matcher.started("CELIGO_LIST_FLOWS", { limit: 10 });
    const firstJobs = matcher.started("CELIGO_LIST_JOBS", { status: "failed" });
    const secondJobs = matcher.started("CELIGO_LIST_JOBS", { status: "running" });
    expect(matcher.ended("CELIGO_LIST_JOBS", { status: "running" })).toBe(secondJobs);
    // Arguments a framework rewrote on the way still find the call by its name.
    expect(matcher.ended("CELIGO_LIST_JOBS", '{"status":"failed"}')).toBe(firstJobs);
    expect(matcher.ended("CELIGO_LIST_FLOWS", { limit: 10 })).toBe(listFlows);
    // An end nobody started (a refusal the framework reports alone) gets a line of its own.
    expect(matcher.ended("CELIGO_DELETE_FLOW", {})).toBe("call-4");
  });
});
