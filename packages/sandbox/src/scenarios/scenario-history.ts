import { startFlowRun } from "../simulation/flow-run.ts";
import { childJobsOf } from "../simulation/job-factory.ts";
import { progressRun } from "../simulation/run-progress.ts";
import { occurrencesBetween } from "../simulation/schedule.ts";
import type { Account } from "../store/account.ts";
import type { FlowDocument } from "../store/resource-types.ts";
import type { FlowSpec, ScenarioDefinition } from "./scenario-definition.ts";
import { SeededRandom } from "./seeded-random.ts";

const dayMs = 24 * 60 * 60 * 1000;
/** Runs started this close to "now" would still be running; history keeps finished runs only. */
const settledMarginMs = 60_000;

interface PlannedRun {
  flow: FlowDocument;
  atMs: number;
  forceErrors: boolean;
}

/**
 * Runs the scenario's flows through the simulator over the past days, so job history, counters
 * and errors are exactly what the live simulation produces. Errors older than yesterday are
 * resolved; today's and yesterday's stay open.
 */
export function generateHistory(
  account: Account,
  definition: ScenarioDefinition,
  connectionIds: Map<string, string>,
): void {
  const nowMs = account.startMs;
  const midnightMs = Math.floor(nowMs / dayMs) * dayMs;
  const historyStartMs = nowMs - definition.historyDays * dayMs;
  const random = new SeededRandom(`history:${account.seed}`);
  const specs = new Map<string, FlowSpec>(
    definition.integrations.flatMap((integration) =>
      integration.flows.map((flow) => [flow.name, flow] as const),
    ),
  );

  const planned: PlannedRun[] = [];
  for (const flow of account.data.flows.values()) {
    const spec = specs.get(flow.name);
    if (spec === undefined || flow.disabled === true || flow.schedule === undefined) continue;
    const times = occurrencesBetween(
      flow.schedule,
      flow.timezone,
      historyStartMs,
      nowMs - settledMarginMs,
      10_000,
    );
    const runs = times.map((atMs) => ({ flow, atMs, forceErrors: false }));
    if (spec.failsYesterday === true) forceOne(runs, midnightMs - dayMs, midnightMs, random, flow);
    if (spec.failsToday === true) forceOne(runs, midnightMs, nowMs, random, flow);
    planned.push(...runs);
  }
  planned.sort((a, b) => a.atMs - b.atMs || a.flow._id.localeCompare(b.flow._id));

  const offlineSince = new Map<string, number>();
  for (const spec of definition.connections) {
    const id = connectionIds.get(spec.key);
    if (id !== undefined && spec.offlineHoursBeforeMidnight !== undefined) {
      offlineSince.set(id, midnightMs - spec.offlineHoursBeforeMidnight * 3_600_000);
    }
  }
  for (const { flow, atMs, forceErrors } of planned) {
    for (const [id, sinceMs] of offlineSince) {
      const connection = account.data.documents.connections.get(id);
      if (connection !== undefined) connection.offline = atMs >= sinceMs;
    }
    const jobId = startFlowRun(account, flow, { atMs, forceErrors });
    const run = account.pendingRuns.get(jobId);
    if (run === undefined) continue;
    if (run.endAtMs > nowMs) {
      // A run forced into a short "today" window must still finish by now.
      const spanMs = nowMs - atMs;
      run.startAtMs = atMs + Math.floor(spanMs * 0.1);
      run.exportEndAtMs = atMs + Math.floor(spanMs * 0.5);
      run.endAtMs = nowMs;
    }
    progressRun(account, run, run.endAtMs);
    account.pendingRuns.delete(jobId);
  }
  for (const id of offlineSince.keys()) {
    const connection = account.data.documents.connections.get(id);
    if (connection !== undefined) connection.offline = true;
  }
  resolveOldErrors(account, midnightMs - dayMs, random);
}

/** Marks one run in [fromMs, toMs) as failing, adding one in the window if the schedule has none. */
function forceOne(
  runs: PlannedRun[],
  fromMs: number,
  toMs: number,
  random: SeededRandom,
  flow: FlowDocument,
): void {
  const candidates = runs.filter((run) => run.atMs >= fromMs && run.atMs < toMs - settledMarginMs);
  if (candidates.length > 0) {
    random.pick(candidates).forceErrors = true;
    return;
  }
  const atMs = fromMs + Math.floor((toMs - fromMs) / 2000) * 1000;
  runs.push({ flow, atMs, forceErrors: true });
}

function resolveOldErrors(account: Account, beforeMs: number, random: SeededRandom): void {
  const administrator = [...account.data.documents.ashares.values()].find(
    (share) => share.accessLevel === "administrator",
  );
  const sharedWith = administrator?.sharedWithUser as { _id?: string } | undefined;
  const resolverId = sharedWith?._id ?? account.owner._id;
  for (const error of account.data.errors.values()) {
    const occurredMs = Date.parse(error.occurredAt);
    if (occurredMs >= beforeMs) continue;
    const resolvedMs = Math.min(beforeMs, occurredMs + random.integer(1, 20) * 3_600_000);
    error.resolvedAt = new Date(Math.floor(resolvedMs / 1000) * 1000).toISOString();
    error.resolvedBy = resolverId;
    const job = account.data.jobs.get(error._flowJobId);
    if (job === undefined) continue;
    job.numResolved += 1;
    job.numOpenError = Math.max(0, job.numError - job.numResolved);
    for (const child of childJobsOf(account, job._id)) {
      if (child._exportId === error._stepId || child._importId === error._stepId) {
        child.numResolved += 1;
        child.numOpenError = Math.max(0, child.numError - child.numResolved);
      }
    }
  }
}
