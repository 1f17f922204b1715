/**
 * The HTTP-level rows of docs/reliability.md, the same definitions `pnpm reliability` prints,
 * each a test named by its input, against one freshly started sandbox and offline model.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reliabilityRows, rowTimeoutMs, runRow } from "./reliability-rows.ts";
import { type ReliabilityTarget, startReliabilityTarget } from "./reliability-target.ts";

let target: ReliabilityTarget;
beforeAll(async () => {
  target = await startReliabilityTarget();
});
afterAll(() => target.close());

describe("reliability rows", () => {
  it.each(reliabilityRows.map((row) => [row.input, row] as const))(
    "%s",
    async (_input, row) => {
      const outcome = await runRow(row, target);
      expect(outcome.reason, row.expected).toBeUndefined();
      expect(outcome.passed).toBe(true);
    },
    rowTimeoutMs + 5_000,
  );
});
