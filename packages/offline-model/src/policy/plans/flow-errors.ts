import type { ExecutedCall } from "../conversation-history.ts";
import { requestedPeriod, within } from "../periods.ts";
import { count, findObjects, type JsonObject, text } from "../tool-results.ts";
import {
  answer,
  arrayOf,
  call,
  calls,
  dataOf,
  executed,
  label,
  listed,
  notFound,
  type Plan,
  PlanAnswer,
  type PlanContext,
  type PlannedCall,
  resolveNamed,
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

function describeError(error: JsonObject): string {
  return `${text(error, "code") ?? "error"} from ${text(error, "source") ?? "unknown source"} at ${text(error, "occurredAt") ?? "unknown time"}: ${text(error, "message") ?? ""}`.trim();
}

/**
 * The flows to work on: the named flow, or the flows an integration (named, or all of them)
 * reports errors for. Integrations are listed only when no flow is named.
 */
function targetFlows(
  context: PlanContext,
  flows: JsonObject[],
  integrations: JsonObject[] | undefined,
): { flows: JsonObject[] } | { calls: PlannedCall[] } {
  const flowMatch = resolveNamed(context, flows);
  const integrationNamed =
    /\bintegrations?\b/i.test(context.request) && !/\bflows?\b/i.test(context.request);
  if (flowMatch.matches.length > 0 && !integrationNamed) return { flows: flowMatch.matches };
  if (integrations === undefined) return { calls: [call(listIntegrations)] };
  const integrationMatch = resolveNamed(context, integrations);
  const named = integrationMatch.matches;
  if (
    named.length === 0 &&
    flowMatch.unknownWords.length > 0 &&
    /\b(flow|integration)s?\b/i.test(context.request)
  ) {
    const kind = /\bintegration/i.test(context.request) ? "integration" : "flow";
    throw new PlanAnswer(notFound(kind, flowMatch, kind === "flow" ? flows : integrations));
  }
  const scope = named.length > 0 ? named : integrations;
  const pending = scope.filter(
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
  const withErrors = new Set<string>();
  for (const made of executed(context, integrationErrors)) {
    if (!made.result.ok) continue;
    for (const entry of arrayOf(made.result.data)) {
      if (count(entry, "numError") > 0) withErrors.add(text(entry, "_flowId") ?? "");
    }
  }
  return { flows: flows.filter((flow) => withErrors.has(String(flow._id))) };
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
      if (jobId && action === "report") {
        const data = dataOf(context, jobErrors);
        if (data === undefined) return calls(call(jobErrors, { jobId }));
        const errors = arrayOf(data);
        return answer(
          errors.length === 0
            ? `Job ${jobId} has no errors.`
            : `Job ${jobId} has ${errors.length} error${errors.length === 1 ? "" : "s"}:\n${errors
                .slice(0, 10)
                .map((error) => `- ${describeError(error)}`)
                .join("\n")}`,
        );
      }
      const flowsData = dataOf(context, listFlows);
      const integrationsData = dataOf(context, listIntegrations);
      if (flowsData === undefined) return calls(call(listFlows));
      const flows = listed(flowsData);
      const targets = targetFlows(
        context,
        flows,
        integrationsData === undefined ? undefined : listed(integrationsData),
      );
      if ("calls" in targets) return calls(...targets.calls);
      const period =
        context.now && /\b(today|yesterday|last|past|hours?|days?|week)\b/i.test(context.request)
          ? requestedPeriod(context.request, context.now)
          : undefined;
      const pending: PlannedCall[] = [];
      const found: Array<{ flow: JsonObject; stepId: string; errors: JsonObject[] }> = [];
      for (const flow of targets.flows) {
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
      const scope = targets.flows.map(label).join(", ") || "no flow";
      const when = period ? ` ${period.label}` : "";
      if (total === 0) return answer(`No open errors${when} on ${scope}.`);
      if (action === "report") {
        const lines = found.map(
          (entry) =>
            `- ${label(entry.flow)}, step ${entry.stepId}: ${entry.errors.length} open error${entry.errors.length === 1 ? "" : "s"}; ${entry.errors.slice(0, 3).map(describeError).join("; ")}`,
        );
        return answer(
          `${total} open error${total === 1 ? "" : "s"}${when} on ${found.length} flow step${found.length === 1 ? "" : "s"}:\n${lines.join("\n")}`,
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
      const verb = action === "retry" ? "Retried" : "Resolved";
      const lines = found.map((entry) => {
        const made = executed(context, actionSlug, (candidate) =>
          usedValues(candidate, String(entry.flow._id), entry.stepId),
        ).at(-1);
        const outcome = made?.result.ok
          ? (() => {
              const jobIds = findObjects(
                made.result.data,
                (object) => typeof (object._jobId ?? object.jobId) === "string",
              ).map((object) => String(object._jobId ?? object.jobId));
              return jobIds.length > 0 ? `done, retry job ${jobIds.join(", ")}` : "done";
            })()
          : `failed: ${made?.result.error ?? "no result"}`;
        return `- ${label(entry.flow)}, step ${entry.stepId}: ${entry.errors.length} error${entry.errors.length === 1 ? "" : "s"} (${outcome})`;
      });
      return answer(
        `${verb} ${total} error${total === 1 ? "" : "s"} on ${found.length} flow step${found.length === 1 ? "" : "s"}:\n${lines.join("\n")}`,
      );
    },
  };
}

export const reportErrorsPlan = errorsPlan("report");
export const retryErrorsPlan = errorsPlan("retry");
export const resolveErrorsPlan = errorsPlan("resolve");
