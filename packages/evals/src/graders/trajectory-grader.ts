/**
 * Trajectory matching after agentevals: order `strict | unordered | subset | superset`, argument
 * `exact | ignore | subset | superset` (per call overridable). Calls are compared by slug after
 * flattening, so router and direct exposure grade alike. A failure names each missing, extra
 * or different call.
 */
import type { ArgumentMode, OrderMode, ToolCallExpectation } from "../cases/case-schema.ts";
import { compareArguments, show } from "./compare-arguments.ts";
import type { FlatToolCall } from "./flatten-tool-calls.ts";
import { type GraderResult, graderResult } from "./grader-result.ts";

export interface TrajectoryExpectation {
  order: OrderMode;
  args: ArgumentMode;
  calls: ToolCallExpectation[];
}

export function gradeTrajectory(
  expectation: TrajectoryExpectation,
  actual: readonly FlatToolCall[],
): GraderResult {
  const { order, calls: expected } = expectation;
  const matches = (expectedIndex: number, actualIndex: number): boolean =>
    callDifference(expectation, expectedIndex, actual, actualIndex) === undefined;
  const pairs =
    order === "strict"
      ? alignInOrder(expected.length, actual.length, matches)
      : matchAnyOrder(expected.length, actual.length, matches);
  const matchedExpected = new Set(pairs.map(([expectedIndex]) => expectedIndex));
  const matchedActual = new Set(pairs.map(([, actualIndex]) => actualIndex));
  const unmatchedExpected = expected
    .map((_, index) => index)
    .filter((i) => !matchedExpected.has(i));
  const unmatchedActual = actual.map((_, index) => index).filter((i) => !matchedActual.has(i));

  const needsAllExpected = order !== "subset";
  const forbidsExtra = order !== "superset";
  const details: string[] = [];
  const explainedActual = new Set<number>();
  if (needsAllExpected) {
    for (const expectedIndex of unmatchedExpected) {
      const call = expected[expectedIndex] as ToolCallExpectation;
      // Same tool called with other arguments reads better as "different" than missing + extra.
      const sameTool = unmatchedActual.find(
        (actualIndex) =>
          !explainedActual.has(actualIndex) && actual[actualIndex]?.slug === call.tool,
      );
      if (sameTool !== undefined) {
        explainedActual.add(sameTool);
        details.push(
          `different: ${call.tool} (call ${sameTool + 1}) ${callDifference(expectation, expectedIndex, actual, sameTool)}`,
        );
      } else {
        details.push(`missing: ${call.tool}${call.args ? ` ${show(call.args)}` : ""}`);
      }
    }
  }
  if (forbidsExtra) {
    for (const actualIndex of unmatchedActual) {
      if (explainedActual.has(actualIndex)) continue;
      const call = actual[actualIndex] as FlatToolCall;
      details.push(`extra: ${call.slug} ${show(call.arguments)} (call ${actualIndex + 1})`);
    }
  }
  if (order === "strict" && details.length === 0 && actual.length !== expected.length) {
    details.push(`expected ${expected.length} calls in order, got ${actual.length}`);
  }
  return graderResult("trajectory", details);
}

function callDifference(
  expectation: TrajectoryExpectation,
  expectedIndex: number,
  actual: readonly FlatToolCall[],
  actualIndex: number,
): string | undefined {
  const expected = expectation.calls[expectedIndex];
  const call = actual[actualIndex];
  if (!expected || !call) return "no such call";
  if (expected.tool !== call.slug) return `tool: expected ${expected.tool}, got ${call.slug}`;
  const difference = compareArguments(
    expected.args,
    call.arguments,
    expected.argsMode ?? expectation.args,
  );
  return difference === undefined ? undefined : `arguments: ${difference}`;
}

type Pair = [expectedIndex: number, actualIndex: number];

/** Longest common subsequence of matching calls: the best in-order alignment. */
function alignInOrder(
  expectedCount: number,
  actualCount: number,
  matches: (expectedIndex: number, actualIndex: number) => boolean,
): Pair[] {
  const lengths = Array.from({ length: expectedCount + 1 }, () =>
    new Array<number>(actualCount + 1).fill(0),
  );
  const at = (i: number, j: number): number => lengths[i]?.[j] ?? 0;
  for (let i = expectedCount - 1; i >= 0; i--) {
    for (let j = actualCount - 1; j >= 0; j--) {
      const row = lengths[i] as number[];
      row[j] = matches(i, j) ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const pairs: Pair[] = [];
  let i = 0;
  let j = 0;
  while (i < expectedCount && j < actualCount) {
    if (matches(i, j) && at(i, j) === at(i + 1, j + 1) + 1) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}

/** Maximum bipartite matching (augmenting paths): order-free, each call used once. */
function matchAnyOrder(
  expectedCount: number,
  actualCount: number,
  matches: (expectedIndex: number, actualIndex: number) => boolean,
): Pair[] {
  const ownerOfActual = new Array<number>(actualCount).fill(-1);
  const tryAssign = (expectedIndex: number, visited: Set<number>): boolean => {
    for (let actualIndex = 0; actualIndex < actualCount; actualIndex++) {
      if (visited.has(actualIndex) || !matches(expectedIndex, actualIndex)) continue;
      visited.add(actualIndex);
      const owner = ownerOfActual[actualIndex] ?? -1;
      if (owner === -1 || tryAssign(owner, visited)) {
        ownerOfActual[actualIndex] = expectedIndex;
        return true;
      }
    }
    return false;
  };
  for (let expectedIndex = 0; expectedIndex < expectedCount; expectedIndex++) {
    tryAssign(expectedIndex, new Set());
  }
  return ownerOfActual
    .map((expectedIndex, actualIndex): Pair => [expectedIndex, actualIndex])
    .filter(([expectedIndex]) => expectedIndex !== -1)
    .sort((left, right) => left[0] - right[0]);
}
