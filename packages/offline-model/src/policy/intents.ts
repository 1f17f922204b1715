import { failedRunsPlan } from "./plans/failed-runs.ts";
import { destructivePlan, runFlowPlan, toggleFlowPlan } from "./plans/flow-changes.ts";
import { reportErrorsPlan, resolveErrorsPlan, retryErrorsPlan } from "./plans/flow-errors.ts";
import {
  auditPlan,
  connectionsPlan,
  lastRunPlan,
  listPlan,
  statePlan,
  usersPlan,
} from "./plans/lookups.ts";
import type { Plan } from "./plans/plan-kit.ts";

export type TaskFamily =
  | "audit"
  | "destructive"
  | "disable-flow"
  | "enable-flow"
  | "retry-errors"
  | "resolve-errors"
  | "last-run"
  | "run-flow"
  | "state"
  | "users"
  | "connections"
  | "failed-runs"
  | "errors"
  | "list";

/** Checked in order: the first family whose words the request contains wins. */
const families: Array<[TaskFamily, RegExp]> = [
  [
    "audit",
    /\bwho\s+(changed|modified|edited|updated|disabled|enabled|deleted|created)\b|\baudit\b|\bchange (history|log)\b/i,
  ],
  ["destructive", /\b(delete|remove|purge|cancel|wipe|erase)\b/i],
  ["disable-flow", /\b(disable|deactivate|pause|turn off|switch off|stop)\b/i],
  ["enable-flow", /\b(enable|activate|resume|turn on|switch on|re-?enable)\b/i],
  [
    "retry-errors",
    // Operators say "restart the failed syncs" for retrying their failed records.
    /\b(retry|re-?run the errors|reprocess|re-?try)\b|\brestart\b.*\b(fail\w*|syncs?|errors?|records?)\b/i,
  ],
  [
    "resolve-errors",
    /\b(resolve|mark .*resolved|dismiss|clear)\b.*\berrors?\b|\berrors?\b.*\b(resolved?)\b/i,
  ],
  [
    "last-run",
    /\b(last|latest|most recent)\s+(run|ran|execut\w*)\b|\bwhen did\b.*\b(run|ran)\b|\blast ran\b/i,
  ],
  ["run-flow", /\b(run|trigger|kick off|start|execute)\b.*\bflow\b|\bflow\b.*\b(run now|now)\b/i],
  ["state", /\bstate\b/i],
  ["users", /\b(users?|access|admins?|administrators?|permissions?|team members?|shared with)\b/i],
  [
    "connections",
    /\b(offline|online|ping|connection health|connections? (down|healthy|working|broken))\b/i,
  ],
  ["failed-runs", /\b(fail|failed|failing|failure|failures)\b/i],
  ["errors", /\b(errors?|issues?|problems?)\b/i],
  ["connections", /\bconnections?\b.*\b(health|status|up)\b/i],
  [
    "list",
    /\b(list|show|what|which|how many)\b.*\b(flows|integrations|connections)\b|\b(flows|integrations|connections)\b/i,
  ],
];

const plans: Record<TaskFamily, Plan> = {
  audit: auditPlan,
  destructive: destructivePlan,
  "disable-flow": toggleFlowPlan(true),
  "enable-flow": toggleFlowPlan(false),
  "retry-errors": retryErrorsPlan,
  "resolve-errors": resolveErrorsPlan,
  "last-run": lastRunPlan,
  "run-flow": runFlowPlan,
  state: statePlan,
  users: usersPlan,
  connections: connectionsPlan,
  "failed-runs": failedRunsPlan,
  errors: reportErrorsPlan,
  list: listPlan,
};

export function taskFamily(request: string): TaskFamily | undefined {
  return families.find(([, pattern]) => pattern.test(request))?.[0];
}

export function planFor(family: TaskFamily): Plan {
  return plans[family];
}

export const capabilities =
  "I can help with Celigo integrator.io operations: which flows or jobs failed in a period, the errors of a job, flow or integration, retrying or resolving errors, enabling or disabling a flow, offline connections, users and their access, state keys, who changed what (audit), when a flow last ran, and listing integrations, flows and connections.";
