import { describe, expect, it } from "vitest";
import type { ReliabilityRow } from "./reliability-row.ts";
import { reliabilityTable } from "./reliability-table.ts";

const row = (input: string): ReliabilityRow => ({
  area: "sandbox",
  input,
  expected: "`413` and the connection kept",
  check: async () => undefined,
});

describe("the pnpm reliability table", () => {
  it("shows each row's verdict, the failure's reason, and fits the terminal", () => {
    const table = reliabilityTable(
      [
        { row: row("A body over 1 MB"), passed: true, durationMs: 12 },
        {
          row: row("A wrong token"),
          passed: false,
          reason: "expected 401, got 200",
          durationMs: 3,
        },
      ],
      100,
      false,
    );
    expect(table).toMatch(/A body over 1 MB.*pass 12 ms/);
    expect(table).toMatch(/A wrong token.*FAIL 3 ms/);
    expect(table).toMatch(/✗ A wrong token\n {4}expected 401, got 200$/);
    expect(table).toContain("413 and the connection kept");
    for (const line of table.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
  });
});
