import { SeededRandom } from "../scenarios/seeded-random.ts";
import type { Account } from "../store/account.ts";
import type { FlowDocument } from "../store/resource-types.ts";
import { createJob } from "./job-factory.ts";

export interface FlowRunOptions {
  atMs: number;
  forceErrors?: boolean;
}

/**
 * Queues a run of a flow: one flow job, one export job per page generator and one import job
 * per page processor, all `queued`. The simulator moves them on the account clock.
 */
export function startFlowRun(
  account: Account,
  flow: FlowDocument,
  options: FlowRunOptions,
): string {
  const { atMs } = options;
  const links = { _integrationId: flow._integrationId, _flowId: flow._id };
  const flowJob = createJob(account, "flow", atMs, links);
  for (const [index, generator] of (flow.pageGenerators ?? []).entries()) {
    createJob(account, "export", atMs, {
      ...links,
      _flowJobId: flowJob._id,
      _exportId: generator._exportId,
      oIndex: index,
    });
  }
  for (const [index, processor] of (flow.pageProcessors ?? []).entries()) {
    if (processor.type !== "import" || processor._importId === undefined) continue;
    createJob(account, "import", atMs, {
      ...links,
      _flowJobId: flowJob._id,
      _importId: processor._importId,
      oIndex: index,
    });
  }
  const timing = new SeededRandom(`${account.seed}:timing:${flowJob._id}`);
  const startAtMs = atMs + timing.integer(1, 3) * 1000;
  const exportEndAtMs = startAtMs + timing.integer(2, 15) * 1000;
  const endAtMs = exportEndAtMs + timing.integer(2, 25) * 1000;
  account.pendingRuns.set(flowJob._id, {
    jobId: flowJob._id,
    kind: "flow",
    startAtMs,
    exportEndAtMs,
    endAtMs,
    forceErrors: options.forceErrors ?? false,
    errorIds: [],
  });
  return flowJob._id;
}
