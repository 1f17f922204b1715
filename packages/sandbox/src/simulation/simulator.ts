import { SeededRandom } from "../scenarios/seeded-random.ts";
import type { Account } from "../store/account.ts";
import { startFlowRun } from "./flow-run.ts";
import { createJob } from "./job-factory.ts";
import { progressRun } from "./run-progress.ts";
import { nextOccurrence, occurrencesBetween } from "./schedule.ts";

/** Upper bound on settle rounds: each round finishes the runs the previous one started. */
const maximumSettleRounds = 50;

/**
 * Brings an account up to its clock: starts the scheduled runs of enabled flows that fell due,
 * then moves every pending run forward. Called before each request, so no timers are needed.
 */
export function advanceAccount(account: Account, nowMs: number = account.clock.now()): void {
  if (nowMs > account.scheduledUpToMs) {
    // Parsing every schedule on every request is the costliest part of a request: skip it until
    // the next occurrence is due, unless a flow's schedule or state changed since.
    const signature = scheduleSignature(account);
    const due = account.nextScheduledRun;
    if (due === undefined || due.signature !== signature || nowMs >= due.atMs) {
      let nextAtMs = Number.POSITIVE_INFINITY;
      for (const flow of account.data.flows.values()) {
        if (flow.disabled === true || typeof flow.schedule !== "string") continue;
        let times: number[];
        try {
          times = occurrencesBetween(
            flow.schedule,
            flow.timezone,
            account.scheduledUpToMs,
            nowMs,
            50,
          );
          nextAtMs = Math.min(nextAtMs, nextOccurrence(flow.schedule, flow.timezone, nowMs));
        } catch {
          continue; // An unparsable schedule never fires, as in integrator.io.
        }
        for (const time of times) startFlowRun(account, flow, { atMs: time });
      }
      account.nextScheduledRun = { signature, atMs: nextAtMs };
    }
    account.scheduledUpToMs = nowMs;
  }
  const runs = [...account.pendingRuns.values()].sort((a, b) => a.startAtMs - b.startAtMs);
  for (const run of runs) {
    if (progressRun(account, run, nowMs)) account.pendingRuns.delete(run.jobId);
  }
}

function scheduleSignature(account: Account): string {
  let signature = "";
  for (const flow of account.data.flows.values()) {
    if (flow.disabled !== true && typeof flow.schedule === "string")
      signature += `${flow._id}|${flow.schedule}|${flow.timezone ?? ""};`;
  }
  return signature;
}

/** Advances the clock until no job is queued or running, so graders see a final state. */
export function settleAccount(account: Account): void {
  advanceAccount(account);
  for (let round = 0; round < maximumSettleRounds && account.pendingRuns.size > 0; round++) {
    const lastEnd = Math.max(...[...account.pendingRuns.values()].map((run) => run.endAtMs));
    account.clock.advanceTo(lastEnd);
    advanceAccount(account);
  }
}

/** Queues a `retry` job for errors of one flow step. */
export function startRetry(
  account: Account,
  flowId: string,
  stepId: string,
  errorIds: string[],
): string {
  const atMs = account.clock.now();
  const flow = account.data.flows.get(flowId);
  const isExport = account.data.documents.exports.has(stepId);
  const job = createJob(account, "retry", atMs, {
    _integrationId: flow?._integrationId,
    _flowId: flowId,
    ...(isExport ? { _exportId: stepId } : { _importId: stepId }),
  });
  const timing = new SeededRandom(`${account.seed}:timing:${job._id}`);
  const startAtMs = atMs + 1000;
  const endAtMs = startAtMs + timing.integer(2, 10) * 1000;
  account.pendingRuns.set(job._id, {
    jobId: job._id,
    kind: "retry",
    startAtMs,
    exportEndAtMs: startAtMs,
    endAtMs,
    forceErrors: false,
    errorIds,
  });
  return job._id;
}

/** Queues a standalone export or import job (`POST /exports|imports/{id}/invoke`). */
export function startInvoke(
  account: Account,
  resource: "export" | "import",
  resourceId: string,
): string {
  const atMs = account.clock.now();
  const job = createJob(
    account,
    resource,
    atMs,
    resource === "export" ? { _exportId: resourceId } : { _importId: resourceId },
  );
  account.pendingRuns.set(job._id, {
    jobId: job._id,
    kind: "invoke",
    startAtMs: atMs + 1000,
    exportEndAtMs: atMs + 1000,
    endAtMs: atMs + 4000,
    forceErrors: false,
    errorIds: [],
  });
  return job._id;
}
