import { describe, expect, it } from "vitest";
import { binomial, passHatK } from "./pass-hat-k.ts";
import { percentile } from "./percentile.ts";

describe("passHatK", () => {
  it("is C(c,k)/C(n,k) averaged over cases", () => {
    // Case A: 3 of 4 pass; case B: 4 of 4.
    const cases = [
      { trials: 4, successes: 3 },
      { trials: 4, successes: 4 },
    ];
    expect(passHatK(cases, 1)).toBeCloseTo((3 / 4 + 1) / 2);
    expect(passHatK(cases, 2)).toBeCloseTo((3 / 6 + 1) / 2);
    expect(passHatK(cases, 4)).toBeCloseTo((0 + 1) / 2);
    expect(passHatK(cases, 5)).toBeUndefined();
  });

  it("falls as k grows when a case is flaky", () => {
    const cases = [{ trials: 5, successes: 4 }];
    const values = [1, 2, 3, 4, 5].map((k) => passHatK(cases, k) ?? -1);
    expect(values).toEqual([...values].sort((left, right) => right - left));
    expect(values[4]).toBe(0);
  });

  it("computes binomials", () => {
    expect([binomial(5, 0), binomial(5, 2), binomial(5, 5), binomial(3, 4)]).toEqual([1, 10, 1, 0]);
  });
});

describe("percentile", () => {
  it("uses the nearest rank", () => {
    const values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.95)).toBe(100);
    expect(percentile([], 0.5)).toBeUndefined();
  });
});
