/**
 * The resilience table: for each framework and each kind of model mistake, how the runs that met
 * it ended. Recovered = the run passed despite the mistake; failed = graded and some grader
 * failed; crashed = the framework threw, reported a run error or ran out of time. Runs with an
 * infrastructure error are left out, as everywhere else. A run that met two kinds counts for both.
 */
import { type MistakeKind, mistakeKinds } from "@celigo-agents/offline-model";
import type { RunRecord } from "../runs/run-record.ts";

export interface ResilienceCell {
  runs: number;
  recovered: number;
  failed: number;
  crashed: number;
}

/** `resilience.<framework>.<kind>` */
export type Resilience = Record<string, Partial<Record<MistakeKind, ResilienceCell>>>;

/** Undefined when no run used a mistake profile (`--model offline:<profile>`). */
export function resilienceOf(records: readonly RunRecord[]): Resilience | undefined {
  const measured = records.filter(
    (record) => record.mistakes !== undefined && record.status !== "infrastructure-error",
  );
  if (measured.length === 0) return undefined;
  const met = new Set(measured.flatMap((record) => (record.mistakes ?? []).map((m) => m.kind)));
  const kinds = mistakeKinds.filter((kind) => met.has(kind));
  const table: Resilience = {};
  for (const record of measured) {
    const row = table[record.framework] ?? {};
    table[record.framework] = row;
    for (const kind of kinds) row[kind] ??= { runs: 0, recovered: 0, failed: 0, crashed: 0 };
    for (const kind of new Set((record.mistakes ?? []).map((mistake) => mistake.kind))) {
      const cell = row[kind] as ResilienceCell;
      cell.runs++;
      if (record.status === "passed") cell.recovered++;
      else if (record.status === "failed") cell.failed++;
      else cell.crashed++;
    }
  }
  return table;
}
