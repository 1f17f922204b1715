import { within } from "../periods.ts";
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
  type PlanContext,
  requirePeriod,
  resolveNamed,
} from "./plan-kit.ts";

const listJobs = "CELIGO_LIST_JOBS";
const listFlows = "CELIGO_LIST_FLOWS";

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
function failedRun(job: JsonObject): boolean {
  const type = text(job, "type");
  if (type && type !== "flow") return false;
  return text(job, "status") === "failed" || count(job, "numOpenError") > 0;
}

function jobTime(job: JsonObject): string {
  return text(job, "endedAt") ?? text(job, "startedAt") ?? text(job, "createdAt") ?? "";
}

/** "Which flows failed today?", "failed jobs in the last 6 hours", "did the X flow fail?". */
export const failedRunsPlan: Plan = {
  tools: [listJobs, listFlows],
  next(context: PlanContext) {
    const period = requirePeriod(context);
    const jobsData = dataOf(context, listJobs);
    const flowsData = dataOf(context, listFlows);
    if (jobsData === undefined || flowsData === undefined) {
      return calls(
        ...(jobsData === undefined
          ? [call(listJobs, { since: period.since, until: period.until, jobType: "flow" })]
          : []),
        ...(flowsData === undefined ? [call(listFlows)] : []),
      );
    }
    // LIST_JOBS pages by `created_at_lte` and answers `next_cursor` while more jobs remain.
    const pages = executed(context, listJobs).filter((made) => made.result.ok);
    const cursor = nextCursor(pages.at(-1)?.result.data);
    if (cursor && pages.length < maximumJobPages) {
      return calls(call(listJobs, { since: period.since, until: cursor, jobType: "flow" }));
    }
    const flows = listed(flowsData);
    const flowName = new Map(flows.map((flow) => [String(flow._id), flow]));
    const resolution = resolveNamed(context, flows);
    const named = resolution.matches;
    if (
      named.length === 0 &&
      resolution.unknownWords.length > 0 &&
      /\bflow\b/i.test(context.request)
    ) {
      return answer(notFound("flow", resolution, flows));
    }
    const jobs = pages
      .flatMap((page) => arrayOf(page.result.data))
      .filter((job) => within(text(job, "createdAt"), period));
    const scope = new Set(named.map((flow) => String(flow._id)));
    const inScope = jobs.filter((job) => scope.size === 0 || scope.has(text(job, "_flowId") ?? ""));
    const failed = inScope.filter(failedRun);
    const byFlow = new Map<string, JsonObject[]>();
    for (const job of failed) {
      const flowId = text(job, "_flowId") ?? "unknown";
      byFlow.set(flowId, [...(byFlow.get(flowId) ?? []), job]);
    }
    const subject = named.length > 0 ? named.map(label).join(", ") : "any flow";
    if (byFlow.size === 0) {
      return answer(
        `No failed runs for ${subject} ${period.label}: ${inScope.length} job${inScope.length === 1 ? "" : "s"} ran and none failed or left open errors.`,
      );
    }
    const lines = [...byFlow.entries()]
      .map(([flowId, flowJobs]) => {
        const flow = flowName.get(flowId);
        const name = flow ? label(flow) : `flow ${flowId}`;
        const errors = flowJobs.reduce((sum, job) => sum + count(job, "numError"), 0);
        const latest = flowJobs.map(jobTime).sort().at(-1) ?? "unknown time";
        const latestJob = flowJobs.find((job) => jobTime(job) === latest);
        return `- ${name}: ${flowJobs.length} failed run${flowJobs.length === 1 ? "" : "s"}, ${errors} error${errors === 1 ? "" : "s"}, latest job ${String(latestJob?._id)} (${text(latestJob, "status")}) at ${latest}`;
      })
      .sort();
    return answer(
      `${byFlow.size} flow${byFlow.size === 1 ? "" : "s"} failed ${period.label}, ${failed.length} failed run${failed.length === 1 ? "" : "s"} in all:\n${lines.join("\n")}`,
    );
  },
};
