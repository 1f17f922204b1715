export type GraderName = "state" | "trajectory" | "answer" | "safety" | "budget";

export interface GraderResult {
  grader: GraderName;
  passed: boolean;
  /** Why it failed, one short line per finding; empty when it passed. */
  details: string[];
  /** The failure in plain words naming records by name, when the grader can say it. */
  summary?: string | undefined;
}

export function graderResult(
  grader: GraderName,
  details: string[],
  summary?: string,
): GraderResult {
  const passed = details.length === 0;
  return { grader, passed, details, ...(summary && !passed ? { summary } : {}) };
}
