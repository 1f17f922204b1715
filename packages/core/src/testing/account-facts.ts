/**
 * What an app test expects, read from the sandbox account itself: which flows failed today,
 * which have open errors, whether a flow is disabled, which retry jobs exist. Everything goes
 * through the account's REST API, so the answers follow the scenario, never a hard-coded list.
 */
import { createSandboxRestClient } from "./sandbox-rest-client.ts";
import type { TestEnvironment } from "./test-environment.ts";

export interface FlowSummary {
  id: string;
  name: string;
  disabled: boolean;
}

interface FlowResource {
  _id: string;
  name: string;
  disabled?: boolean;
}

interface JobResource {
  _id: string;
  type: string;
  status: string;
  _flowId?: string;
  numError?: number;
  numOpenError?: number;
  createdAt: string;
}

interface FlowErrorsResource {
  flowErrors?: { _expOrImpId: string; numError: number }[];
}

export interface AccountFacts {
  flows(): Promise<FlowSummary[]>;
  flow(id: string): Promise<FlowSummary>;
  /**
   * Flows with a flow job created since midnight (UTC) of the account's day that failed or
   * left open errors: what "failed" means to a Celigo user, since a flow job with open errors
   * can still be `completed`.
   */
  failedFlowsToday(): Promise<FlowSummary[]>;
  /** Open error counts by flow id; flows without open errors are left out. */
  openErrorCounts(): Promise<Map<string, number>>;
  /** Retry jobs (types `retry` and `bulk_retry`) of one flow. */
  retryJobs(flowId: string): Promise<{ id: string; status: string }[]>;
}

export function accountFacts(environment: TestEnvironment): AccountFacts {
  const api = createSandboxRestClient(environment);

  const flows = async () =>
    (await api.get<FlowResource[]>("/flows")).map((flow) => ({
      id: flow._id,
      name: flow.name,
      disabled: flow.disabled === true,
    }));

  return {
    flows,
    async flow(id) {
      const flow = await api.get<FlowResource>(`/flows/${encodeURIComponent(id)}`);
      return { id: flow._id, name: flow.name, disabled: flow.disabled === true };
    },
    async failedFlowsToday() {
      const midnight = new Date(environment.session.now());
      midnight.setUTCHours(0, 0, 0, 0);
      const jobs = await api.get<JobResource[]>("/jobs", {
        type: "flow",
        createdAt_gte: midnight.toISOString(),
      });
      const failedIds = new Set(
        jobs
          .filter((job) => job.status === "failed" || (job.numOpenError ?? 0) > 0)
          .map((job) => job._flowId),
      );
      return (await flows()).filter((flow) => failedIds.has(flow.id));
    },
    async openErrorCounts() {
      const counts = new Map<string, number>();
      for (const flow of await flows()) {
        const { flowErrors = [] } = await api.get<FlowErrorsResource>(
          `/flows/${encodeURIComponent(flow.id)}/errors`,
        );
        const total = flowErrors.reduce((sum, step) => sum + step.numError, 0);
        if (total > 0) counts.set(flow.id, total);
      }
      return counts;
    },
    async retryJobs(flowId) {
      const jobs = await Promise.all(
        ["retry", "bulk_retry"].map((type) =>
          api.get<JobResource[]>("/jobs", { type, _flowId: flowId }),
        ),
      );
      return jobs.flat().map((job) => ({ id: job._id, status: job.status }));
    },
  };
}
