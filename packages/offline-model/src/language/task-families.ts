/** The kinds of request the offline model handles, and the one it declines honestly. */
export const taskFamilies = [
  "failed-runs",
  "errors",
  "cause",
  "retry-errors",
  "resolve-errors",
  "disable-flow",
  "enable-flow",
  "run-flow",
  "connections",
  "users",
  "state",
  "audit",
  "last-run",
  "list",
  "destructive",
  "out-of-scope",
] as const;

export type TaskFamily = (typeof taskFamilies)[number];
