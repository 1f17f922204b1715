import { describe, expect, it } from "vitest";
import { estimateCostUsd } from "./price-table.ts";

describe("estimated cost", () => {
  const usage = { inputTokens: 1_000_000, outputTokens: 100_000 };

  it("is nothing for the offline model and its mistake profiles", () => {
    expect(estimateCostUsd("offline", usage)).toBe(0);
    expect(estimateCostUsd("offline:flaky", usage)).toBe(0);
    expect(estimateCostUsd("offline:unknown-tool", usage)).toBe(0);
  });

  it("follows the price list for a listed model, and is unknown otherwise", () => {
    expect(estimateCostUsd("openai/gpt-5", usage)).toBeCloseTo(1.25 + 1, 10);
    expect(estimateCostUsd("openai/some-future-model", usage)).toBeUndefined();
  });
});
