import { count, isObject, type JsonObject, text } from "../tool-results.ts";
import { failedRun, failedRunsPlan } from "./failed-runs.ts";
import {
  answer,
  arrayOf,
  call,
  calls,
  dataOf,
  errorsByCode,
  label,
  listed,
  nameList,
  type Plan,
  type PlanContext,
  plural,
  resolveTargets,
  when,
} from "./plan-kit.ts";

const listFlows = "CELIGO_LIST_FLOWS";
const listJobs = "CELIGO_LIST_JOBS";
const dependencies = "CELIGO_GET_FLOW_DEPENDENCIES";
const listConnections = "CELIGO_LIST_CONNECTIONS";
const latestJobs = "CELIGO_GET_FLOW_LATEST_JOBS";
const jobErrors = "CELIGO_GET_JOB_ERRORS";

/** How far back "why is X failing" looks for the flow's latest failed run. */
const lookBackDays = 7;

const created = (job: JsonObject) => text(job, "createdAt") ?? "";

/** The connections a flow uses, from its dependencies. */
function usedConnections(data: unknown, connections: JsonObject[]): JsonObject[] {
  const named =
    isObject(data) && Array.isArray(data.connections) ? data.connections.filter(isObject) : [];
  const ids = new Set(named.map((entry) => String(entry.id ?? entry._id)));
  return connections.filter((connection) => ids.has(String(connection._id)));
}

/** "Why is X failing?": the latest failed run's errors and the state of the connections it uses. */
export const causePlan: Plan = {
  tools: [listFlows, listJobs, latestJobs, dependencies, listConnections, jobErrors],
  next(context: PlanContext) {
    const flowsData = dataOf(context, listFlows);
    if (flowsData === undefined) return calls(call(listFlows));
    const flows = listed(flowsData);
    const targets = resolveTargets(context, "flow", flows, { write: false });
    if (targets.status === "question") return answer(targets.text);
    if (targets.status === "unnamed") {
      const step = failedRunsPlan.next(context);
      if (step.kind === "calls") return step;
      return answer(
        `${step.text}\nAsk "why is <flow name> failing?" about one of them to see its errors and the connections it uses.`,
      );
    }
    if (targets.records.length > 1) {
      return answer(
        `I look into one flow at a time. Which of these do you mean: ${nameList(context, targets.records)}?`,
      );
    }
    const flow = targets.records[0] as JsonObject;
    const now = context.now ?? new Date();
    const since = new Date(now.getTime() - lookBackDays * 86_400_000);
    // Only failed runs are listed (a week of runs is large); the latest run comes on its own.
    const jobsData = dataOf(context, listJobs);
    const latestData = context.canUse(latestJobs) ? dataOf(context, latestJobs) : null;
    const dependencyData = context.canUse(dependencies) ? dataOf(context, dependencies) : null;
    const connectionsData = dataOf(context, listConnections);
    if (
      jobsData === undefined ||
      latestData === undefined ||
      dependencyData === undefined ||
      connectionsData === undefined
    ) {
      return calls(
        ...(jobsData === undefined
          ? [
              call(listJobs, {
                flowId: flow._id,
                since,
                until: now,
                jobType: "flow",
                minimumErrors: 1,
              }),
            ]
          : []),
        ...(latestData === undefined ? [call(latestJobs, { flowId: flow._id })] : []),
        ...(dependencyData === undefined ? [call(dependencies, { flowId: flow._id })] : []),
        ...(connectionsData === undefined ? [call(listConnections)] : []),
      );
    }
    const jobs = arrayOf(jobsData)
      .filter((job) => text(job, "_flowId") === String(flow._id) || !text(job, "_flowId"))
      .sort((left, right) => created(right).localeCompare(created(left)));
    const connections = usedConnections(dependencyData, listed(connectionsData));
    const offline = connections.filter((connection) => connection.offline === true);
    const connectionText =
      connections.length > 0
        ? `Connections it uses: ${connections.map((connection) => `${label(context, connection)} is ${connection.offline === true ? "offline" : "online"}`).join("; ")}.`
        : "";
    const failed = jobs.filter(failedRun);
    const latest = (latestData === null ? [] : arrayOf(latestData))[0] ?? jobs[0];
    const lastFailed = failed[0];
    const subject = label(context, flow);
    const note = targets.note ? `\n${targets.note}` : "";
    if (!lastFailed || !latest) {
      return answer(
        `${subject} has not failed in the last ${lookBackDays} days${latest ? `: its latest run ${when(context, created(latest))} ran clean` : " (it has not run)"}.${connectionText ? ` ${connectionText}` : ""}${note}`,
      );
    }
    const errors = dataOf(context, jobErrors, (made) =>
      JSON.stringify(made.arguments).includes(String(lastFailed._id)),
    );
    if (errors === undefined) return calls(call(jobErrors, { jobId: lastFailed._id }));
    const list = arrayOf(errors);
    const failingNow = failedRun(latest);
    const state = failingNow
      ? `${subject} is failing now: its latest run (${when(context, created(latest))}) ${text(latest, "status") === "failed" ? "failed" : "left open errors"}`
      : `${subject} failed earlier but has recovered: its latest run (${when(context, created(latest))}) ran clean; the last failure was ${when(context, created(lastFailed))}`;
    const share = `${plural(failed.length, "run")} failed in the last ${lookBackDays} days`;
    const errorText =
      list.length > 0
        ? `Errors of the last failed run (${when(context, created(lastFailed))}${context.frame.wantsIds ? `, job ${String(lastFailed._id)}` : ""}), by code:\n${errorsByCode(context, list)}`
        : `The last failed run (${when(context, created(lastFailed))}) recorded ${plural(count(lastFailed, "numError"), "error")} but none are listed.`;
    const topCode = text(list[0], "code");
    const cause =
      offline.length > 0
        ? `Likely cause: ${offline.map((connection) => label(context, connection)).join(" and ")} ${offline.length === 1 ? "is" : "are"} offline. Bring ${offline.length === 1 ? "it" : "them"} back online (check the credentials and that the server is reachable), then retry the failed records.`
        : topCode
          ? `Likely cause: the ${topCode} errors above; their messages say what the target system rejected. Fix the data or settings they name, then retry the failed records.`
          : "";
    return answer(
      [`${state}. ${share}.`, errorText, connectionText, cause].filter(Boolean).join("\n") + note,
    );
  },
};
