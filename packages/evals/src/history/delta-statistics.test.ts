import { describe, expect, it } from "vitest";
import { mcnemarExactPValue as mcnemarExactP, wilsonInterval } from "../metrics/statistics.ts";
import { bootstrapDifference, includesZero, newcombeInterval } from "./delta-statistics.ts";

describe("delta statistics", () => {
  it("Wilson intervals match Newcombe's (1998) table I", () => {
    // Newcombe, Statistics in Medicine 17:857–872, table I, method 3: 81/263 -> 0.2553–0.3662.
    const [low, high] = wilsonInterval(81, 263) ?? [Number.NaN, Number.NaN];
    expect(low).toBeCloseTo(0.2553, 3);
    expect(high).toBeCloseTo(0.3662, 3);
    const [zeroLow, zeroHigh] = wilsonInterval(0, 10) ?? [Number.NaN, Number.NaN];
    expect(zeroLow).toBe(0);
    expect(zeroHigh).toBeCloseTo(0.2775, 3);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });

  it("Newcombe's difference interval matches his worked example (56/70 vs 48/80)", () => {
    // Newcombe, Statistics in Medicine 17:873–890, example (a), method 10: 0.0524 to 0.3339.
    const interval = newcombeInterval({ successes: 48, trials: 80 }, { successes: 56, trials: 70 });
    expect(interval?.[0]).toBeCloseTo(0.0524, 3);
    expect(interval?.[1]).toBeCloseTo(0.3339, 3);
    expect(includesZero(interval)).toBe(false);
  });

  it("McNemar's exact p is the two-sided binomial tail of the flipped pairs", () => {
    expect(mcnemarExactP(0, 0)).toBe(1);
    // 6 flips all one way: 2 × 0.5^6.
    expect(mcnemarExactP(0, 6)).toBeCloseTo(2 / 64, 10);
    // 1 vs 1 is no evidence at all.
    expect(mcnemarExactP(1, 1)).toBe(1);
    // 2 vs 8: 2 × (1 + 10 + 45) / 1024.
    expect(mcnemarExactP(8, 2)).toBeCloseTo((2 * 56) / 1024, 10);
  });

  it("bootstraps a seeded interval around the true difference of medians", () => {
    const baseline = Array.from({ length: 40 }, (_, index) => 1000 + (index % 10) * 10);
    const slower = baseline.map((value) => value + 500);
    const interval = bootstrapDifference(baseline, slower, "median");
    expect(interval).toEqual(bootstrapDifference(baseline, slower, "median"));
    expect(interval?.[0]).toBeGreaterThan(400);
    expect(interval?.[1]).toBeLessThan(600);
    expect(includesZero(bootstrapDifference(baseline, baseline, "mean"))).toBe(true);
    expect(bootstrapDifference([1], [2, 3], "mean")).toBeUndefined();
  });
});
