import { SeededRandom } from "../scenarios/seeded-random.ts";
import type { Account, PendingRun } from "../store/account.ts";
import type { JobDocument } from "../store/resource-types.ts";
import { childJobsOf } from "./job-factory.ts";
import { computeRunOutcome, isConnectionOffline, recordError } from "./run-outcome.ts";

const iso = (milliseconds: number): string => new Date(milliseconds).toISOString();

/** Moves one pending run forward to `nowMs`; returns true once it has finished. */
export function progressRun(account: Account, run: PendingRun, nowMs: number): boolean {
  const job = account.data.jobs.get(run.jobId);
  if (job === undefined) return true;
  if (nowMs < run.startAtMs) return false;
  if (job.status === "queued") {
    markRunning(job, run.startAtMs);
    if (run.kind === "flow") {
      for (const child of childJobsOf(account, job._id)) {
        if (child.type === "export") markRunning(child, run.startAtMs);
      }
    }
  }
  if (run.kind === "retry") return progressRetry(account, run, job, nowMs);
  if (run.kind === "invoke") return progressInvoke(account, run, job, nowMs);
  return progressFlow(account, run, job, nowMs);
}

function markRunning(job: JobDocument, atMs: number): void {
  job.status = "running";
  job.startedAt = iso(atMs);
  job.lastModified = iso(atMs);
}

function finish(job: JobDocument, status: "completed" | "failed", atMs: number): void {
  job.status = status;
  job.endedAt = iso(atMs);
  job.lastExecutedAt = iso(atMs);
  job.lastModified = iso(atMs);
  job.numOpenError = job.numError - job.numResolved;
}

function progressFlow(account: Account, run: PendingRun, job: JobDocument, nowMs: number): boolean {
  const flow = job._flowId === undefined ? undefined : account.data.flows.get(job._flowId);
  const children = childJobsOf(account, job._id);
  if (nowMs < run.exportEndAtMs) return false;
  if (run.outcome === undefined) {
    if (flow === undefined) {
      for (const child of children) finish(child, "failed", run.exportEndAtMs);
      finish(job, "failed", run.exportEndAtMs);
      return true;
    }
    const outcome = computeRunOutcome(account, flow, job._id, run.forceErrors);
    run.outcome = outcome;
    for (const child of children.filter((candidate) => candidate.type === "export")) {
      const stepId = child._exportId ?? "";
      const failed = outcome.failedStepIds.includes(stepId);
      const errors = outcome.errors.filter((draft) => draft.stepId === stepId);
      for (const draft of errors) recordError(account, flow._id, job._id, draft, run.exportEndAtMs);
      child.numError = errors.length;
      child.numSuccess = failed ? 0 : outcome.records;
      child.numPagesGenerated = Math.ceil(outcome.records / 20);
      child.doneExporting = true;
      finish(child, failed ? "failed" : "completed", run.exportEndAtMs);
    }
    job.numPagesGenerated = Math.ceil(outcome.records / 20);
    job.doneExporting = true;
    if (children.some((child) => child.type === "export" && child.status === "failed")) {
      // Nothing was exported: the imports have no page to process and the run ends here.
      for (const child of children.filter((candidate) => candidate.type === "import")) {
        finish(child, "completed", run.exportEndAtMs);
      }
      return finishFlow(account, job, children, run.exportEndAtMs, true);
    }
    for (const child of children.filter((candidate) => candidate.type === "import")) {
      markRunning(child, run.exportEndAtMs);
    }
  }
  if (nowMs < run.endAtMs) return false;
  const outcome = run.outcome;
  if (flow === undefined) return true;
  for (const child of children.filter((candidate) => candidate.type === "import")) {
    const stepId = child._importId ?? "";
    const failed = outcome.failedStepIds.includes(stepId);
    const errors = outcome.errors.filter((draft) => draft.stepId === stepId);
    for (const draft of errors) recordError(account, flow._id, job._id, draft, run.endAtMs);
    child.numError = errors.length;
    child.numSuccess = failed ? 0 : Math.max(0, outcome.records - errors.length);
    finish(child, failed ? "failed" : "completed", run.endAtMs);
  }
  const anyFailed = outcome.failedStepIds.length > 0;
  if (!anyFailed)
    account.data.lastExportDateTimes.set(flow._id, job.startedAt ?? iso(run.startAtMs));
  return finishFlow(account, job, children, run.endAtMs, anyFailed);
}

function finishFlow(
  account: Account,
  job: JobDocument,
  children: JobDocument[],
  atMs: number,
  failed: boolean,
): boolean {
  const imports = children.filter((child) => child.type === "import");
  job.numError = children.reduce((sum, child) => sum + child.numError, 0);
  const exported = children.find((child) => child.type === "export")?.numSuccess ?? 0;
  job.numSuccess =
    imports.length === 0 ? exported : Math.min(...imports.map((child) => child.numSuccess));
  finish(job, failed ? "failed" : "completed", atMs);
  const flow = job._flowId === undefined ? undefined : account.data.flows.get(job._flowId);
  if (flow !== undefined) flow.lastExecutedAt = iso(atMs);
  return true;
}

/** Transient-cause errors clear on retry (auto-resolved); permanent ones stay open. */
function progressRetry(
  account: Account,
  run: PendingRun,
  job: JobDocument,
  nowMs: number,
): boolean {
  if (nowMs < run.endAtMs) return false;
  let succeeded = 0;
  let failed = 0;
  for (const errorId of run.errorIds) {
    const error = account.data.errors.get(errorId);
    if (error === undefined || error.resolvedAt !== undefined) continue;
    if (error.cause === "transient" && !isConnectionOffline(account, error._stepId)) {
      error.resolvedAt = iso(run.endAtMs);
      error.resolvedBy = "auto";
      succeeded++;
      const original = account.data.jobs.get(error._flowJobId);
      if (original !== undefined) {
        original.numResolved += 1;
        original.numOpenError = Math.max(0, original.numError - original.numResolved);
        for (const child of childJobsOf(account, original._id)) {
          if (child._exportId === error._stepId || child._importId === error._stepId) {
            child.numResolved += 1;
            child.numOpenError = Math.max(0, child.numError - child.numResolved);
          }
        }
      }
    } else {
      error.occurredAt = iso(run.endAtMs);
      failed++;
    }
  }
  job.numSuccess = succeeded;
  job.numError = failed;
  finish(job, "completed", run.endAtMs);
  return true;
}

function progressInvoke(
  account: Account,
  run: PendingRun,
  job: JobDocument,
  nowMs: number,
): boolean {
  if (nowMs < run.endAtMs) return false;
  const stepId = job._exportId ?? job._importId ?? "";
  if (isConnectionOffline(account, stepId)) {
    job.numError = 1;
    finish(job, "failed", run.endAtMs);
    return true;
  }
  job.numSuccess = new SeededRandom(`${account.seed}:invoke:${job._id}`).integer(0, 20);
  finish(job, "completed", run.endAtMs);
  return true;
}
