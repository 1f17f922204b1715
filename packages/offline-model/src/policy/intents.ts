import { confidenceThreshold } from "../language/intent-classifier.ts";
import type { TaskFamily } from "../language/task-families.ts";
import { failedRunsPlan } from "./plans/failed-runs.ts";
import { causePlan } from "./plans/flow-cause.ts";
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
import type { RequestFrame } from "./request-frame.ts";

export type { TaskFamily };

const plans: Record<Exclude<TaskFamily, "out-of-scope">, Plan> = {
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
  cause: causePlan,
  list: listPlan,
};

export function planFor(family: TaskFamily): Plan | undefined {
  return family === "out-of-scope" ? undefined : plans[family];
}

/** One request per family, the way to ask for it. */
export const familyExamples: Record<Exclude<TaskFamily, "out-of-scope">, string> = {
  "failed-runs": '"Which flows failed today?" or "what broke since midnight, per integration?"',
  errors: '"Show me the errors on <flow>" or "how many errors does each flow have?"',
  cause: '"Why is <flow> failing?"',
  "retry-errors": '"Retry the errors of <flow>"',
  "resolve-errors": '"Resolve the errors of <flow>"',
  "disable-flow": '"Pause <flow>"',
  "enable-flow": '"Turn <flow> back on"',
  "run-flow": '"Run <flow> now" (only with a tool that starts runs)',
  connections: '"Which connections are offline?" or "is <connection> up?"',
  users: '"Who has access to <integration>?" or "who has not accepted their invitation?"',
  state: '"What global state keys are there?"',
  audit: '"Who turned off <flow>?" or "what changed this week?"',
  "last-run": '"When did <flow> last run?"',
  list: '"List our integrations" or "which flows are disabled?"',
  destructive: '"Delete <flow>" (after you confirm)',
};

/** What the offline model says when a request is outside what it can do. */
export function honestFallback(frame: RequestFrame | undefined): string {
  // A request the classifier placed outside every family gets the most asked-for ones; one it
  // was unsure about gets the families it came closest to.
  const unsure = frame !== undefined && frame.confidence < confidenceThreshold;
  const families: TaskFamily[] = unsure ? frame.closest : ["failed-runs", "cause", "retry-errors"];
  const closest = families.flatMap((family) =>
    family === "out-of-scope" ? [] : [`- ${familyExamples[family]}`],
  );
  return [
    "I am the offline model, a deterministic test double for a language model: I only understand a fixed set of Celigo operations requests, and this one is not among them.",
    `${unsure ? "The closest requests I can handle" : "Requests I can handle, for example"}:\n${closest.join("\n")}`,
    "For free-form questions, run with a real model: set MODEL=openai/<model> (and OPENAI_API_KEY).",
  ].join("\n");
}

export const capabilities =
  "I can help with Celigo integrator.io operations: which flows failed in a period and why, the errors of a job, flow or integration, retrying or resolving errors, enabling or disabling a flow, offline connections, users and their access, state keys, who changed what (audit), when a flow last ran, and listing integrations, flows and connections.";
