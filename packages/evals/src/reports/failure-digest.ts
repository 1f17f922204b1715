/**
 * The terminal's short account of what failed: one entry per reason and set of frameworks,
 * naming the cases it hit, so a failure shared by every framework (usually the case or the
 * model) reads apart from one framework's own, and one framework's bug reads once. The reports
 * hold every detail.
 */
import type { RunRecord } from "../runs/run-record.ts";
import { failureReasons } from "./markdown-report.ts";

const reasonWidth = 140;

export interface FailureGroup {
  frameworks: string[];
  reason: string;
  cases: string[];
}

export function failureDigest(records: readonly RunRecord[]): FailureGroup[] {
  // First which frameworks share each case's failure, then which cases share that pattern.
  const byCase = new Map<string, { caseId: string; reason: string; frameworks: Set<string> }>();
  for (const record of records) {
    if (record.passed) continue;
    const reason = shorten(failureReasons(record)[0] ?? record.status);
    const key = `${record.caseId}\n${reason}`;
    const entry = byCase.get(key) ?? { caseId: record.caseId, reason, frameworks: new Set() };
    entry.frameworks.add(record.framework);
    byCase.set(key, entry);
  }
  const groups = new Map<string, FailureGroup>();
  for (const entry of byCase.values()) {
    const frameworks = [...entry.frameworks].sort();
    const key = `${frameworks.join(",")}\n${entry.reason}`;
    const group = groups.get(key) ?? { frameworks, reason: entry.reason, cases: [] };
    group.cases.push(entry.caseId);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function shorten(text: string): string {
  const line = (text.split("\n")[0] ?? text).trim();
  return line.length <= reasonWidth ? line : `${line.slice(0, reasonWidth - 1)}…`;
}
