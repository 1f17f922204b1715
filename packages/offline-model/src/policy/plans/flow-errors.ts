import { within } from "../../language/time-expressions.ts";
import type { ExecutedCall } from "../conversation-history.ts";
import { count, findObjects, type JsonObject, text } from "../tool-results.ts";
import {
  answer,
  arrayOf,
  call,
  calls,
  cutList,
  dataOf,
  errorsByCode,
  executed,
  label,
  listed,
  namedPeriod,
  nameList,
  type Plan,
  type PlanContext,
  type PlannedCall,
  plural,
  resolveTargets,
} from "./plan-kit.ts";

const listFlows = "CELIGO_LIST_FLOWS";
const listIntegrations = "CELIGO_LIST_INTEGRATIONS";
const integrationErrors = "CELIGO_GET_INTEGRATION_ERRORS";
const stepErrors = "CELIGO_GET_EXPORT_ERRORS";
const jobErrors = "CELIGO_GET_JOB_ERRORS";
const retryErrors = "CELIGO_RETRY_ERRORS";
const resolveErrors = "CELIGO_RESOLVE_ERRORS";

type ErrorAction = "report" | "retry" | "resolve";

function usedValues(made: ExecutedCall, ...values: string[]): boolean {
  const sent = JSON.stringify(made.arguments);
  return values.every((value) => sent.includes(value));
}

/** Export and import ids of a flow's steps (page generators, processors, router branches). */
function stepIds(flow: JsonObject): string[] {
  const ids = findObjects(
    flow,
    (object) => typeof (object._exportId ?? object._importId) === "string",
  ).map((object) => String(object._exportId ?? object._importId));
  return [...new Set(ids)];
}

/** How the scope was chosen: named by the user, or inferred ("retry everything"). */
interface Scope {
  flows: JsonObject[];
  named: boolean;
  /** Words for the answer ("the Shopify - NetSuite integration"). */
  subject: string;
  note: string;
}

type ScopeStep = { scope: Scope } | { calls: PlannedCall[] } | { text: string };

/** Integrations' flows with open errors, from CELIGO_GET_INTEGRATION_ERRORS. */
function flowsWithErrors(
  context: PlanContext,
  integrations: JsonObject[],
): { counts: Map<string, number> } | { calls: PlannedCall[] } {
  const pending = integrations.filter(
    (integration) =>
      executed(context, integrationErrors, (made) => usedValues(made, String(integration._id)))
        .length === 0,
  );
  if (pending.length > 0) {
    return {
      calls: pending.map((integration) =>
        call(integrationErrors, { integrationId: integration._id }),
      ),
    };
  }
  const counts = new Map<string, number>();
  for (const made of executed(context, integrationErrors)) {
    if (!made.result.ok) continue;
    for (const entry of arrayOf(made.result.data)) {
      const flowId = text(entry, "_flowId");
      if (flowId && count(entry, "numError") > 0) counts.set(flowId, count(entry, "numError"));
    }
  }
  return { counts };
}

/**
 * The flows to work on: those an earlier answer listed and this turn points back at, the named
 * flows, the flows of a named integration, or (nothing named) every flow with open errors.
 */
function chooseScope(
  context: PlanContext,
  action: ErrorAction,
  flows: JsonObject[],
  integrations: JsonObject[] | undefined,
): ScopeStep {
  const write = action !== "report";
  const verb =
    action === "retry"
      ? "retry their errors"
      : action === "resolve"
        ? "resolve their errors"
        : "show their errors";
  if (context.frame.kind !== "integration") {
    const targets = resolveTargets(context, "flow", flows, { write, verb });
    if (targets.status === "question") return { text: targets.text };
    if (targets.status === "found") {
      return {
        scope: {
          flows: targets.records,
          named: true,
          subject: targets.records.map((flow) => label(context, flow)).join(", "),
          note: targets.note,
        },
      };
    }
  }
  if (integrations === undefined) return { calls: [call(listIntegrations)] };
  let chosen = integrations;
  let named = false;
  let subject = "";
  let note = "";
  const targets = resolveTargets(context, "integration", integrations, { write, verb });
  if (targets.status === "question") return { text: targets.text };
  if (targets.status === "found") {
    chosen = targets.records;
    named = true;
    subject = `the ${targets.records.map((integration) => label(context, integration)).join(", ")} integration${targets.records.length === 1 ? "" : "s"}`;
    note = targets.note;
  }
  const found = flowsWithErrors(context, chosen);
  if ("calls" in found) return { calls: found.calls };
  return {
    scope: {
      flows: flows.filter((flow) => found.counts.has(String(flow._id))),
      named,
      subject,
      note,
    },
  };
}

interface StepErrors {
  flow: JsonObject;
  stepId: string;
  errors: JsonObject[];
}

function reportJobErrors(context: PlanContext, jobId: string) {
  const data = dataOf(context, jobErrors);
  if (data === undefined) return calls(call(jobErrors, { jobId }));
  const errors = arrayOf(data);
  if (errors.length === 0) return answer(`Job ${jobId} has no errors.`);
  return answer(
    `Job ${jobId} has ${plural(errors.length, "error")}, by code:\n${errorsByCode(context, errors)}`,
  );
}

function blastRadius(context: PlanContext, action: ErrorAction, found: StepErrors[]): string {
  const perFlow = new Map<string, { flow: JsonObject; errors: number }>();
  for (const entry of found) {
    const id = String(entry.flow._id);
    const current = perFlow.get(id) ?? { flow: entry.flow, errors: 0 };
    current.errors += entry.errors.length;
    perFlow.set(id, current);
  }
  const total = found.reduce((sum, entry) => sum + entry.errors.length, 0);
  const ranked = [...perFlow.values()].sort((left, right) => right.errors - left.errors);
  const lines = ranked.map((entry) => `- ${label(context, entry.flow)} (${entry.errors})`);
  return `${action} ${plural(total, "error")} on ${plural(perFlow.size, "flow")}:\n${cutList(context, lines, "flows")}`;
}

function errorsPlan(action: ErrorAction): Plan {
  const actionSlug = action === "retry" ? retryErrors : resolveErrors;
  return {
    tools: [
      listFlows,
      listIntegrations,
      integrationErrors,
      stepErrors,
      jobErrors,
      ...(action === "report" ? [] : [actionSlug]),
    ],
    next(context) {
      const jobId = /\bjob\b/i.test(context.request)
        ? context.request.match(/\b[0-9a-f]{24}\b/i)?.[0]
        : undefined;
      if (jobId && action === "report") return reportJobErrors(context, jobId);
      if (context.frame.declined) return answer("All right, I left the errors as they are.");
      const flowsData = dataOf(context, listFlows);
      const integrationsData = dataOf(context, listIntegrations);
      if (flowsData === undefined) return calls(call(listFlows));
      const flows = listed(flowsData);
      const step = chooseScope(
        context,
        action,
        flows,
        integrationsData === undefined ? undefined : listed(integrationsData),
      );
      if ("text" in step) return answer(step.text);
      if ("calls" in step) return calls(...step.calls);
      const { scope } = step;
      const period = namedPeriod(context);
      const when = period ? ` ${period.label}` : "";
      const suffix = scope.note ? `\n${scope.note}` : "";
      // Counts per flow or integration need no error details.
      if (action === "report" && context.frame.groupBy && !scope.named) {
        return answer(countsAnswer(context, flows, listed(integrationsData ?? [])) + suffix);
      }
      const pending: PlannedCall[] = [];
      const found: StepErrors[] = [];
      for (const flow of scope.flows) {
        for (const stepId of stepIds(flow)) {
          const data = dataOf(context, stepErrors, (made) =>
            usedValues(made, String(flow._id), stepId),
          );
          if (data === undefined) pending.push(call(stepErrors, { flowId: flow._id, stepId }));
          else {
            const errors = arrayOf(data).filter(
              (error) => !period || within(text(error, "occurredAt"), period),
            );
            if (errors.length > 0) found.push({ flow, stepId, errors });
          }
        }
      }
      if (pending.length > 0) return calls(...pending);
      const total = found.reduce((sum, entry) => sum + entry.errors.length, 0);
      const subject = scope.subject || (scope.named ? nameList(context, scope.flows) : "any flow");
      if (total === 0) {
        const nothing = action === "report" ? "" : ` Nothing to ${action}.`;
        return answer(`No open errors${when} on ${subject}.${nothing}${suffix}`);
      }
      const flowCount = new Set(found.map((entry) => String(entry.flow._id))).size;
      if (action === "report")
        return answer(reportAnswer(context, found, total, flowCount, when) + suffix);
      // A write on a scope the user did not name (retry everything) waits for a yes in words.
      if (!scope.named && !context.confirmed) {
        const consequence =
          action === "resolve"
            ? " Resolving hides them for good."
            : " Each step's retry starts a job that runs the records again.";
        return answer(
          `That would ${blastRadius(context, action, found)}\n${consequence.trim()} Reply "yes" to ${action} them all, or name the flow you mean.`,
        );
      }
      const actionPending = found.filter(
        (entry) =>
          executed(context, actionSlug, (made) =>
            usedValues(made, String(entry.flow._id), entry.stepId),
          ).length === 0,
      );
      if (actionPending.length > 0) {
        return calls(
          ...actionPending.map((entry) =>
            call(actionSlug, {
              flowId: entry.flow._id,
              stepId: entry.stepId,
              errorIds: entry.errors.map((error) => text(error, "errorId")).filter(Boolean),
              retryDataKeys: entry.errors
                .map((error) => text(error, "retryDataKey"))
                .filter(Boolean),
            }),
          ),
        );
      }
      return answer(outcomeAnswer(context, action, found, total, flowCount) + suffix);
    },
  };
}

function reportAnswer(
  context: PlanContext,
  found: StepErrors[],
  total: number,
  flowCount: number,
  when: string,
): string {
  const perFlow = new Map<string, { flow: JsonObject; errors: JsonObject[] }>();
  for (const entry of found) {
    const id = String(entry.flow._id);
    const current = perFlow.get(id) ?? { flow: entry.flow, errors: [] };
    current.errors.push(...entry.errors);
    perFlow.set(id, current);
  }
  const sections = [...perFlow.values()]
    .sort((left, right) => right.errors.length - left.errors.length)
    .map(
      (entry) =>
        `- ${label(context, entry.flow)}: ${plural(entry.errors.length, "open error")}, by code:\n${errorsByCode(context, entry.errors)}`,
    );
  return `${plural(total, "open error")}${when} on ${plural(flowCount, "flow")}:\n${cutList(context, sections, "flows", 6)}`;
}

function countsAnswer(
  context: PlanContext,
  flows: JsonObject[],
  integrations: JsonObject[],
): string {
  const perFlow = new Map<string, number>();
  for (const made of executed(context, integrationErrors)) {
    if (!made.result.ok) continue;
    for (const entry of arrayOf(made.result.data)) {
      const flowId = text(entry, "_flowId");
      if (flowId && count(entry, "numError") > 0) perFlow.set(flowId, count(entry, "numError"));
    }
  }
  const total = [...perFlow.values()].reduce((sum, value) => sum + value, 0);
  const flowById = new Map(flows.map((flow) => [String(flow._id), flow]));
  if (context.frame.groupBy === "integration") {
    const lines = integrations
      .map((integration) => {
        const members = flows.filter(
          (flow) =>
            text(flow, "_integrationId") === String(integration._id) &&
            perFlow.has(String(flow._id)),
        );
        const errors = members.reduce((sum, flow) => sum + (perFlow.get(String(flow._id)) ?? 0), 0);
        return { integration, members, errors };
      })
      .sort((left, right) => right.errors - left.errors)
      .map(
        (group) =>
          `- ${label(context, group.integration)}: ${plural(group.errors, "open error")}${group.members.length > 0 ? ` on ${plural(group.members.length, "flow")}` : ""}`,
      );
    return `${plural(total, "open error")} in all, by integration:\n${cutList(context, lines, "integrations")}`;
  }
  const lines = [...perFlow.entries()]
    .sort((left, right) => right[1] - left[1])
    .map(([flowId, errors]) => {
      const flow = flowById.get(flowId);
      return `- ${flow ? label(context, flow) : `flow ${flowId}`}: ${plural(errors, "open error")}`;
    });
  return `${plural(total, "open error")} on ${plural(perFlow.size, "flow")}, flow by flow:\n${cutList(context, lines, "flows")}`;
}

function outcomeAnswer(
  context: PlanContext,
  action: ErrorAction,
  found: StepErrors[],
  total: number,
  flowCount: number,
): string {
  const verb = action === "retry" ? "Retried" : "Resolved";
  const failures: string[] = [];
  const jobs: string[] = [];
  const perFlow = new Map<string, { flow: JsonObject; errors: number }>();
  for (const entry of found) {
    const made = executed(context, action === "retry" ? retryErrors : resolveErrors, (candidate) =>
      usedValues(candidate, String(entry.flow._id), entry.stepId),
    ).at(-1);
    if (!made?.result.ok) {
      failures.push(`${label(context, entry.flow)}: ${made?.result.error ?? "no result"}`);
      continue;
    }
    jobs.push(
      ...findObjects(
        made.result.data,
        (object) => typeof (object._jobId ?? object.jobId) === "string",
      ).map((object) => String(object._jobId ?? object.jobId)),
    );
    const id = String(entry.flow._id);
    const current = perFlow.get(id) ?? { flow: entry.flow, errors: 0 };
    current.errors += entry.errors.length;
    perFlow.set(id, current);
  }
  const done = [...perFlow.values()].reduce((sum, entry) => sum + entry.errors, 0);
  const lines = [...perFlow.values()].map(
    (entry) => `- ${label(context, entry.flow)}: ${plural(entry.errors, "error")}`,
  );
  const retryJobs =
    action === "retry" && jobs.length > 0
      ? `\n${plural(jobs.length, "retry job")} started${context.frame.wantsIds ? ` (${jobs.join(", ")})` : ""}; ask "which flows failed today?" later to see whether the records went through.`
      : "";
  const failed = failures.length > 0 ? `\nNot done: ${failures.join("; ")}.` : "";
  if (done === 0) return `I could not ${action} the errors.${failed}`;
  const partial = done < total ? ` of ${total}` : "";
  return `${verb} ${plural(done, "error")}${partial} on ${plural(perFlow.size, "flow")}${flowCount > perFlow.size ? ` of ${flowCount}` : ""}:\n${lines.join("\n")}${retryJobs}${failed}`;
}

export const reportErrorsPlan = errorsPlan("report");
export const retryErrorsPlan = errorsPlan("retry");
export const resolveErrorsPlan = errorsPlan("resolve");
