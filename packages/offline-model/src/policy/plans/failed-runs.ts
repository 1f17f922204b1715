import { within } from "../../language/time-expressions.ts";
import { count, findObjects, type JsonObject, text } from "../tool-results.ts";
import {
  answer,
  arrayOf,
  call,
  calls,
  cutList,
  dataOf,
  executed,
  label,
  listed,
  type Plan,
  type PlanContext,
  plural,
  requirePeriod,
  resolveTargets,
  when,
} from "./plan-kit.ts";

const listJobs = "CELIGO_LIST_JOBS";
const listFlows = "CELIGO_LIST_FLOWS";
const listIntegrations = "CELIGO_LIST_INTEGRATIONS";

const maximumJobPages = 5;

function nextCursor(data: unknown): string | undefined {
  const holder = findObjects(
    data,
    (object) => typeof (object.next_cursor ?? object.nextCursor) === "string",
  )[0];
  const cursor = holder?.next_cursor ?? holder?.nextCursor;
  return typeof cursor === "string" && cursor.length > 0 ? cursor : undefined;
}

/** A flow-level run that failed: status failed, or finished with errors still open. */
export function failedRun(job: JsonObject): boolean {
  const type = text(job, "type");
  if (type && type !== "flow") return false;
  return text(job, "status") === "failed" || count(job, "numOpenError") > 0;
}

const jobTime = (job: JsonObject) =>
  text(job, "endedAt") ?? text(job, "startedAt") ?? text(job, "createdAt") ?? "";

interface FlowFailures {
  flow: JsonObject | undefined;
  flowId: string;
  failed: JsonObject[];
  latest: JsonObject;
}

/** The flow's last run was one of its failed runs: it is failing now. */
function failingNow(entry: FlowFailures): boolean {
  const last = text(entry.flow, "lastExecutedAt");
  const lastFailed = entry.failed.at(-1);
  if (!last || !lastFailed) return true;
  const ended = text(lastFailed, "lastExecutedAt") ?? text(lastFailed, "endedAt") ?? "";
  return ended >= last;
}

function describeFailures(context: PlanContext, entry: FlowFailures, current = true): string {
  const name = entry.flow ? label(context, entry.flow) : `flow ${entry.flowId}`;
  const errors = entry.failed.reduce((sum, job) => sum + count(job, "numError"), 0);
  const lastFailure = entry.failed.at(-1);
  const lastRun = text(entry.flow, "lastExecutedAt");
  const latestState = !current
    ? `last failure ${when(context, jobTime(lastFailure ?? entry.latest))}`
    : failingNow(entry)
      ? `latest run ${when(context, jobTime(lastFailure ?? entry.latest))} ${text(lastFailure, "status") === "failed" ? "failed" : "left open errors"}`
      : `last failure ${when(context, jobTime(lastFailure ?? entry.latest))}; latest run ${when(context, lastRun)} ran clean`;
  const ids = context.frame.wantsIds
    ? ` (latest failed job ${String(entry.failed.at(-1)?._id)})`
    : "";
  return `- ${name}: ${plural(entry.failed.length, "failed run")}, ${plural(errors, "error")}; ${latestState}${ids}`;
}

/** "Which flows failed today?", "failed jobs in the last 6 hours", "did the X flow fail?". */
export const failedRunsPlan: Plan = {
  tools: [listJobs, listFlows, listIntegrations],
  next(context: PlanContext) {
    const period = requirePeriod(context);
    const byIntegration =
      context.frame.groupBy === "integration" || context.frame.kind === "integration";
    const jobsData = dataOf(context, listJobs);
    const flowsData = dataOf(context, listFlows);
    const integrationsData = byIntegration ? dataOf(context, listIntegrations) : null;
    if (jobsData === undefined || flowsData === undefined || integrationsData === undefined) {
      return calls(
        ...(jobsData === undefined
          ? [
              call(listJobs, {
                since: period.since,
                until: period.until,
                jobType: "flow",
                minimumErrors: 1,
              }),
            ]
          : []),
        ...(flowsData === undefined ? [call(listFlows)] : []),
        ...(integrationsData === undefined ? [call(listIntegrations)] : []),
      );
    }
    // LIST_JOBS pages by `created_at_lte` and answers `next_cursor` while more jobs remain.
    const pages = executed(context, listJobs).filter((made) => made.result.ok);
    const cursor = nextCursor(pages.at(-1)?.result.data);
    if (cursor && pages.length < maximumJobPages) {
      return calls(
        call(listJobs, { since: period.since, until: cursor, jobType: "flow", minimumErrors: 1 }),
      );
    }
    const flows = listed(flowsData);
    const integrations = integrationsData === null ? [] : listed(integrationsData);
    let scope: JsonObject[] | undefined;
    let subject = "";
    let note = "";
    if (context.frame.kind === "integration" && integrations.length > 0) {
      const targets = resolveTargets(context, "integration", integrations, { write: false });
      if (targets.status === "question") return answer(targets.text);
      if (targets.status === "found") {
        const ids = new Set(targets.records.map((record) => String(record._id)));
        scope = flows.filter((flow) => ids.has(text(flow, "_integrationId") ?? ""));
        subject = targets.records.map((record) => label(context, record)).join(", ");
        note = targets.note;
      }
    } else {
      const targets = resolveTargets(context, "flow", flows, { write: false });
      if (targets.status === "question") return answer(targets.text);
      if (targets.status === "found") {
        scope = targets.records;
        // Several flows in scope are counted, not named, so the answer names only those that failed.
        subject =
          targets.records.length === 1
            ? label(context, targets.records[0] as JsonObject)
            : `${targets.records.length} flows that match`;
        note = targets.note;
      }
    }
    const flowById = new Map(flows.map((flow) => [String(flow._id), flow]));
    const inScope = new Set(scope?.map((flow) => String(flow._id)));
    const jobs = pages
      .flatMap((page) => arrayOf(page.result.data))
      .filter((job) => within(text(job, "createdAt"), period))
      .filter((job) => !scope || inScope.has(text(job, "_flowId") ?? ""))
      .filter((job) => (text(job, "type") ?? "flow") === "flow");
    // Only runs with errors are fetched (a full day of runs is large); whether a flow is failing
    // now comes from its last run time, which a failed run shares when it was the last one.
    const byFlow = new Map<string, FlowFailures>();
    for (const job of [...jobs].sort((left, right) =>
      jobTime(left).localeCompare(jobTime(right)),
    )) {
      if (!failedRun(job)) continue;
      const flowId = text(job, "_flowId") ?? "unknown";
      const entry = byFlow.get(flowId) ?? {
        flow: flowById.get(flowId),
        flowId,
        failed: [],
        latest: job,
      };
      entry.failed.push(job);
      byFlow.set(flowId, entry);
    }
    const failing = [...byFlow.values()].filter((entry) => entry.failed.length > 0);
    const totalFailed = failing.reduce((sum, entry) => sum + entry.failed.length, 0);
    const where = !subject
      ? ""
      : scope && scope.length > 1 && context.frame.kind !== "integration"
        ? ` (of the ${subject})`
        : ` for ${subject}`;
    const suffix = note ? `\n${note}` : "";
    if (failing.length === 0) {
      return answer(
        `No failed runs${where} ${period.label}: no run failed or left open errors.${suffix}`,
      );
    }
    const byName = (left: FlowFailures, right: FlowFailures) =>
      String(left.flow?.name ?? left.flowId).localeCompare(
        String(right.flow?.name ?? right.flowId),
      );
    const now = failing.filter(failingNow).sort(byName);
    const recovered = failing.filter((entry) => !failingNow(entry)).sort(byName);
    const header = `${plural(failing.length, "flow")} failed${where} ${period.label}, ${plural(totalFailed, "failed run")} in all.`;
    // "Failing now" only makes sense for a window that reaches the present.
    const current = period.until.getTime() >= (context.now?.getTime() ?? 0) - 60_000;
    const headings = current
      ? [
          "Failing now (the latest run failed):",
          "Failed earlier, recovered since (the latest run ran clean):",
        ]
      : ["Still failing at the end of that window:", "Recovered within that window:"];
    if (byIntegration && integrations.length > 0) {
      const groups = integrations
        .map((integration) => {
          const members = failing.filter(
            (entry) => text(entry.flow, "_integrationId") === String(integration._id),
          );
          const runs = members.reduce((sum, entry) => sum + entry.failed.length, 0);
          return { integration, members, runs };
        })
        .filter((group) => group.members.length > 0)
        .sort((left, right) => right.runs - left.runs);
      const lines = groups.map(
        (group) =>
          `- ${label(context, group.integration)}: ${plural(group.runs, "failed run")} on ${plural(group.members.length, "flow")} (${group.members.map((entry) => (entry.flow ? label(context, entry.flow) : entry.flowId)).join(", ")})`,
      );
      return answer(
        `${header}\nBy integration:\n${cutList(context, lines, "integrations")}${suffix}`,
      );
    }
    const lines = (entries: FlowFailures[]) =>
      cutList(
        context,
        entries.map((entry) => describeFailures(context, entry, current)),
        "flows",
      );
    // Whether a flow is failing now says nothing about a window that ended earlier.
    const sections = current
      ? [
          now.length > 0 ? `${headings[0]}\n${lines(now)}` : "",
          recovered.length > 0 ? `${headings[1]}\n${lines(recovered)}` : "",
        ].filter(Boolean)
      : [lines([...failing].sort(byName))];
    return answer(`${header}\n${sections.join("\n")}${suffix}`);
  },
};
