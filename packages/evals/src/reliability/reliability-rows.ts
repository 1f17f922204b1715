import { errorText } from "@celigo-agents/core";
import { offlineModelRows } from "./offline-model-rows.ts";
import type { ReliabilityRow } from "./reliability-row.ts";
import { type ReliabilityTarget, startReliabilityTarget } from "./reliability-target.ts";
import { sandboxRows } from "./sandbox-rows.ts";
import { securityRows } from "./security-rows.ts";

/** Every HTTP-level row of docs/reliability.md, in the document's order. */
export const reliabilityRows: readonly ReliabilityRow[] = [
  ...sandboxRows,
  ...offlineModelRows,
  ...securityRows,
];

/** Most time one row may take; a row that hangs fails instead of stalling the table. */
export const rowTimeoutMs = 30_000;

export interface RowOutcome {
  row: ReliabilityRow;
  passed: boolean;
  /** Why it failed: the check's message. */
  reason?: string;
  durationMs: number;
}

/** Runs one row against the target, within `rowTimeoutMs`. */
export async function runRow(row: ReliabilityRow, target: ReliabilityTarget): Promise<RowOutcome> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`did not finish within ${rowTimeoutMs / 1000} s`)),
      rowTimeoutMs,
    );
  });
  try {
    await Promise.race([row.check(target), deadline]);
    return { row, passed: true, durationMs: Date.now() - started };
  } catch (error) {
    const reason = errorText(error);
    return { row, passed: false, reason, durationMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** Starts a fresh sandbox and offline model, runs every row in order, and closes them. */
export async function runReliabilityRows(
  rows: readonly ReliabilityRow[] = reliabilityRows,
): Promise<RowOutcome[]> {
  const target = await startReliabilityTarget();
  try {
    const outcomes: RowOutcome[] = [];
    for (const row of rows) outcomes.push(await runRow(row, target));
    return outcomes;
  } finally {
    await target.close();
  }
}
