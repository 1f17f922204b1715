export type GraderName = "state" | "trajectory" | "answer" | "safety" | "budget";

export interface GraderResult {
  grader: GraderName;
  passed: boolean;
  /** Why it failed, one short line per finding; empty when it passed. */
  details: string[];
}

export function graderResult(grader: GraderName, details: string[]): GraderResult {
  return { grader, passed: details.length === 0, details };
}
