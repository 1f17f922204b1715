import { describe, expect, it } from "vitest";
import type { RunRecord } from "../runs/run-record.ts";
import { flakyCases, pairedComparisons } from "./paired-comparisons.ts";
import {
  bootstrapMedianInterval,
  intervalsOverlap,
  mcnemarExactPValue,
  wilsonInterval,
} from "./statistics.ts";

describe("wilsonInterval", () => {
  // Reference values: Newcombe (1998), "Two-sided confidence intervals for the single
  // proportion", Table I (Wilson score method without continuity correction).
  it("matches published 95% intervals", () => {
    const [low, high] = wilsonInterval(81, 263);
    expect(low).toBeCloseTo(0.2553, 4);
    expect(high).toBeCloseTo(0.3662, 4);
    const [zeroLow, zeroHigh] = wilsonInterval(0, 20);
    expect(zeroLow).toBe(0);
    expect(zeroHigh).toBeCloseTo(0.1611, 4);
    const [allLow, allHigh] = wilsonInterval(29, 29);
    expect(allLow).toBeCloseTo(0.883, 4);
    expect(allHigh).toBe(1);
  });

  it("knows nothing without trials and narrows with more of them", () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
    const few = wilsonInterval(4, 5);
    const many = wilsonInterval(80, 100);
    expect(many[1] - many[0]).toBeLessThan(few[1] - few[0]);
  });
});

describe("mcnemarExactPValue", () => {
  it("is twice the binomial(n, 1/2) tail at the smaller discordant count", () => {
    expect(mcnemarExactPValue(0, 5)).toBeCloseTo(2 / 32, 8);
    // 2 × (C(10,0) + C(10,1)) / 2^10
    expect(mcnemarExactPValue(9, 1)).toBeCloseTo((2 * 11) / 1024, 8);
    expect(mcnemarExactPValue(3, 3)).toBe(1);
    expect(mcnemarExactPValue(0, 0)).toBe(1);
  });
});

describe("bootstrapMedianInterval", () => {
  const values = [800, 950, 1000, 1020, 1100, 1200, 1300, 1500, 2400, 5000];

  it("is seeded: the same values and seed give the same interval, around the median", () => {
    const first = bootstrapMedianInterval(values, "mastra");
    expect(bootstrapMedianInterval(values, "mastra")).toEqual(first);
    const [low, high] = first ?? [0, 0];
    expect(low).toBeLessThanOrEqual(1100);
    expect(high).toBeGreaterThanOrEqual(1100);
    expect(low).toBeGreaterThanOrEqual(800);
    expect(high).toBeLessThanOrEqual(5000);
  });

  it("collapses on constant values and is undefined on none", () => {
    expect(bootstrapMedianInterval([700, 700, 700], "x")).toEqual([700, 700]);
    expect(bootstrapMedianInterval([], "x")).toBeUndefined();
  });

  it("tells overlapping intervals apart", () => {
    expect(intervalsOverlap([1, 3], [2, 4])).toBe(true);
    expect(intervalsOverlap([1, 2], [3, 4])).toBe(false);
  });
});

function record(framework: string, caseId: string, repeat: number, passed: boolean): RunRecord {
  return {
    key: `${framework}|offline|router|${caseId}|${repeat}`,
    runId: "run",
    caseId,
    caseFile: `${caseId}.yaml`,
    prompt: caseId,
    framework,
    model: "offline",
    exposure: "router",
    repeat,
    status: passed ? "passed" : "failed",
    passed,
    graders: [],
    text: "",
    toolCalls: [],
    steps: 1,
    usage: { inputTokens: 0, outputTokens: 0 },
    toolDefinitionTokens: 0,
    durationMs: framework === "slow" ? 3000 + repeat : 1000 + repeat,
    startedAt: "2026-11-21T15:06:00.000Z",
    attempts: 1,
  };
}

describe("pairedComparisons", () => {
  const cases = Array.from({ length: 12 }, (_, index) => `case-${index}`);

  it("pairs runs by case and repeat, puts the baseline first, and calls a small gap noise", () => {
    const records = cases.flatMap((caseId, index) => [
      record("slow", caseId, 1, index !== 0),
      record("baseline", caseId, 1, true),
      // Missing from the other framework: not paired.
      ...(index === 11 ? [] : [record("quick", caseId, 1, index > 0)]),
    ]);
    const comparisons = pairedComparisons(records);
    expect(comparisons.map((comparison) => `${comparison.first}/${comparison.second}`)).toEqual([
      "baseline/slow",
      "baseline/quick",
      "slow/quick",
    ]);
    const [baselineSlow, , slowQuick] = comparisons;
    expect(baselineSlow).toMatchObject({
      pairs: 12,
      bothPassed: 11,
      onlyFirstPassed: 1,
      onlySecondPassed: 0,
      pValue: 1,
      passRateWithinNoise: true,
      latencyWithinNoise: false,
    });
    expect(baselineSlow?.passRateSentence).toContain("within noise");
    expect(baselineSlow?.latencySentence).toContain("baseline is faster");
    expect(slowQuick).toMatchObject({ pairs: 11, onlyFirstPassed: 0, onlySecondPassed: 0 });
    expect(slowQuick?.passRateSentence).toContain("exactly the same 11 runs");
  });

  it("reports a difference that is unlikely to be chance", () => {
    const records = cases.flatMap((caseId) => [
      record("baseline", caseId, 1, true),
      record("slow", caseId, 1, false),
    ]);
    const [comparison] = pairedComparisons(records);
    expect(comparison?.pValue).toBeCloseTo(2 / 4096, 8);
    expect(comparison?.passRateWithinNoise).toBe(false);
    expect(comparison?.passRateSentence).toContain("baseline passes more often");
  });
});

describe("flakyCases", () => {
  it("lists cases that passed in some repeats and failed in others", () => {
    const records = [
      record("slow", "a", 1, true),
      record("slow", "a", 2, false),
      record("slow", "b", 1, true),
      record("slow", "b", 2, true),
      record("quick", "a", 1, false),
      record("quick", "a", 2, false),
    ];
    expect(flakyCases(records)).toEqual([
      {
        framework: "slow",
        model: "offline",
        exposure: "router",
        caseId: "a",
        runs: 2,
        passed: 1,
      },
    ]);
  });
});
