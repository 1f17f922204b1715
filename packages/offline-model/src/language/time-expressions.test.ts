import { describe, expect, it } from "vitest";
import { findTimeExpression, resolvePeriod } from "./time-expressions.ts";

// A Saturday afternoon in UTC; in Chicago it is 09:06 the same day.
const now = new Date("2026-11-21T15:06:00.000Z");

describe("time windows in a request", () => {
  it.each([
    ["which syncs broke since midnight", "2026-11-21T00:00:00.000Z", "2026-11-21T15:06:00.000Z"],
    ["any failures this morning?", "2026-11-21T00:00:00.000Z", "2026-11-21T12:00:00.000Z"],
    ["jobs that failed in the past 3 days", "2026-11-18T15:06:00.000Z", "2026-11-21T15:06:00.000Z"],
    ["failed syncs last Tuesday", "2026-11-17T00:00:00.000Z", "2026-11-18T00:00:00.000Z"],
    ["did anything fail in the last hour", "2026-11-21T14:06:00.000Z", "2026-11-21T15:06:00.000Z"],
    ["what broke last night", "2026-11-20T18:00:00.000Z", "2026-11-21T06:00:00.000Z"],
    ["and yesterday?", "2026-11-20T00:00:00.000Z", "2026-11-21T00:00:00.000Z"],
    ["failed jobs since 9am", "2026-11-21T09:00:00.000Z", "2026-11-21T15:06:00.000Z"],
    ["errors since Monday", "2026-11-16T00:00:00.000Z", "2026-11-21T15:06:00.000Z"],
    ["the last couple of hours", "2026-11-21T13:06:00.000Z", "2026-11-21T15:06:00.000Z"],
  ])("%s (UTC)", (text, since, until) => {
    const period = resolvePeriod(text, now, "UTC");
    expect([period.since.toISOString(), period.until.toISOString()]).toEqual([since, until]);
  });

  it("counts days in the account's zone when it has one", () => {
    const today = resolvePeriod("since midnight", now, "America/Chicago");
    expect(today.since.toISOString()).toBe("2026-11-21T06:00:00.000Z");
    expect(today.label).toBe("today (since 00:00 America/Chicago)");
    const yesterday = resolvePeriod("yesterday", now, "America/Chicago");
    expect(yesterday.since.toISOString()).toBe("2026-11-20T06:00:00.000Z");
  });

  it("names the window in words and falls back to the last 24 hours", () => {
    expect(resolvePeriod("in the past 2 hours", now, "UTC").label).toBe(
      "in the last 2 hours (since today 13:06 UTC)",
    );
    expect(resolvePeriod("which flows are failing right now", now, "UTC").label).toBe(
      "in the last 24 hours (since yesterday 15:06 UTC)",
    );
  });

  it("marks the words of the window, and finds none in requests without one", () => {
    expect(findTimeExpression("retry what failed this morning please")?.text).toBe("this morning");
    expect(findTimeExpression("retry the second one")).toBeUndefined();
    expect(findTimeExpression("when did the inventory sync last run?")).toBeUndefined();
  });
});
