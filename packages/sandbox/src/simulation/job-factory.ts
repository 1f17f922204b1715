import type { Account } from "../store/account.ts";
import type { JobDocument, JobType } from "../store/resource-types.ts";

const purgeAfterMs = 30 * 24 * 60 * 60 * 1000;

/** Creates and stores a queued job with zeroed counters. */
export function createJob(
  account: Account,
  type: JobType,
  atMs: number,
  links: Partial<
    Pick<
      JobDocument,
      "_integrationId" | "_flowId" | "_flowJobId" | "_exportId" | "_importId" | "oIndex"
    >
  >,
): JobDocument {
  const createdAt = new Date(atMs).toISOString();
  const job: JobDocument = {
    _id: account.newId(atMs),
    type,
    status: "queued",
    ...links,
    numError: 0,
    numResolved: 0,
    numOpenError: 0,
    numSuccess: 0,
    numIgnore: 0,
    numPagesGenerated: 0,
    createdAt,
    purgeAt: new Date(atMs + purgeAfterMs).toISOString(),
    lastModified: createdAt,
  };
  if (type === "export" || type === "import") job.retriable = false;
  account.data.jobs.set(job._id, job);
  if (job._flowJobId !== undefined) {
    const siblings = account.data.childJobIds.get(job._flowJobId) ?? [];
    siblings.push(job._id);
    account.data.childJobIds.set(job._flowJobId, siblings);
  }
  return job;
}

export function childJobsOf(account: Account, flowJobId: string): JobDocument[] {
  const ids = account.data.childJobIds.get(flowJobId) ?? [];
  return ids.flatMap((id) => {
    const job = account.data.jobs.get(id);
    return job === undefined ? [] : [job];
  });
}

export function isActive(job: JobDocument): boolean {
  return job.status === "queued" || job.status === "running" || job.status === "retrying";
}
