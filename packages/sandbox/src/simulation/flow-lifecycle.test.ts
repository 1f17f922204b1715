import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxFixture, startTestSandbox } from "../testing/sandbox-fixture.ts";

interface Flow {
  _id: string;
  name: string;
  disabled: boolean;
  pageGenerators: { _exportId: string }[];
  pageProcessors: { _importId: string }[];
}
interface Job {
  _id: string;
  type: string;
  status: string;
  numError: number;
  numSuccess: number;
  _flowJobId?: string;
  children?: Job[];
  createdAt: string;
}
interface ErrorItem {
  errorId: string;
  retryDataKey: string;
  code: string;
  classification: string;
}
interface Snapshot {
  errors: {
    errorId: string;
    cause: string;
    resolved: boolean;
    resolvedBy?: string;
    _stepId: string;
  }[];
  jobs: Job[];
}

describe("flow runs, jobs and error retries on the account clock", () => {
  let fixture: SandboxFixture;
  let flows: Flow[];
  const flowNamed = (prefix: string) => {
    const flow = flows.find((candidate) => candidate.name.startsWith(prefix));
    if (flow === undefined) throw new Error(`no flow ${prefix}`);
    return flow;
  };
  const advance = (advanceMs: number) =>
    fetch(`${fixture.sandbox.baseUrl}/sandbox/accounts/${fixture.accountId}/clock`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${fixture.sandbox.adminToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ advanceMs }),
    });
  beforeAll(async () => {
    fixture = await startTestSandbox();
    flows = (await fixture.call("GET", "/v1/flows")).body as Flow[];
  });
  afterAll(() => fixture.sandbox.close());

  it("runs a flow: flow job with child jobs, queued -> running -> completed", async () => {
    const flow = flowNamed("Shopify Order");
    const run = await fixture.call("POST", `/v1/flows/${flow._id}/run`);
    expect(run.status).toBe(201);
    const jobId = (run.body as { _jobId: string })._jobId;
    const queued = (await fixture.call("GET", `/v1/jobs/${jobId}/family`)).body as Job;
    expect(queued.status).toBe("queued");
    expect(queued.children?.map((child) => child.type).sort()).toEqual([
      "export",
      "import",
      "import",
    ]);
    await advance(4_000);
    expect(((await fixture.call("GET", `/v1/jobs/${jobId}`)).body as Job).status).toBe("running");
    await advance(60_000);
    const done = (await fixture.call("GET", `/v1/jobs/${jobId}/family`)).body as Job;
    expect(done.status).toBe("completed");
    expect(done.children?.every((child) => child.status === "completed")).toBe(true);
    const latest = (await fixture.call("GET", `/v1/flows/${flow._id}/jobs/latest`)).body as Job[];
    expect(latest[0]?._id).toBe(jobId);
    const last = (await fixture.call("GET", `/v1/flows/${flow._id}/lastExportDateTime`)).body as {
      lastExportDateTime: string;
    };
    expect(last.lastExportDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("fails runs whose connection is offline, and the ping says why with 200 + errors[]", async () => {
    const flow = flowNamed("3PL Shipment");
    const jobId = (
      (await fixture.call("POST", `/v1/flows/${flow._id}/run`)).body as { _jobId: string }
    )._jobId;
    await advance(60_000);
    const job = (await fixture.call("GET", `/v1/jobs/${jobId}`)).body as Job;
    expect(job.status).toBe("failed");
    expect(job.numError).toBeGreaterThan(0);
    const exportId = flow.pageGenerators[0]?._exportId ?? "";
    const connectionId = (
      (await fixture.call("GET", `/v1/exports/${exportId}`)).body as { _connectionId: string }
    )._connectionId;
    const ping = await fixture.call("POST", `/v1/connections/${connectionId}/ping`);
    expect(ping.status).toBe(200);
    expect((ping.body as { errors: { code: string }[] }).errors[0]?.code).toBe("ETIMEDOUT");
  });

  it("retry clears transient-cause errors and keeps permanent ones", async () => {
    const flow = flowNamed("Shopify Order");
    const steps = [
      ...flow.pageGenerators.map((step) => step._exportId),
      ...flow.pageProcessors.map((step) => step._importId),
    ];
    const before = fixture.sandbox.accountState(fixture.accountId) as Snapshot;
    const openOfFlow = before.errors.filter(
      (error) => !error.resolved && steps.includes(error._stepId),
    );
    expect(new Set(openOfFlow.map((error) => error.cause))).toEqual(
      new Set(["transient", "permanent"]),
    );
    for (const stepId of new Set(openOfFlow.map((error) => error._stepId))) {
      const listed = (await fixture.call("GET", `/v1/flows/${flow._id}/${stepId}/errors`)).body as {
        errors: ErrorItem[];
      };
      const retry = await fixture.call("POST", `/v1/flows/${flow._id}/${stepId}/retry`, {
        retryDataKeys: listed.errors.map((error) => error.retryDataKey),
      });
      expect(retry.status).toBe(200);
      const jobId = (retry.body as { _jobId: string })._jobId;
      expect(((await fixture.call("GET", `/v1/jobs/${jobId}`)).body as Job).type).toBe("retry");
    }
    const after = fixture.sandbox.accountState(fixture.accountId, { settle: true }) as Snapshot;
    for (const error of openOfFlow) {
      const now = after.errors.find((candidate) => candidate.errorId === error.errorId);
      expect(now?.resolved).toBe(error.cause === "transient");
      if (error.cause === "transient") expect(now?.resolvedBy).toBe("auto");
    }
  });

  it("resolves, assigns and tags errors", async () => {
    const flow = flowNamed("Shopify Order");
    const state = fixture.sandbox.accountState(fixture.accountId) as Snapshot;
    const open = state.errors.find((error) => !error.resolved);
    if (open === undefined) throw new Error("no open error left");
    const base = `/v1/flows/${flow._id}/${open._stepId}`;
    const tags = (await fixture.call("GET", "/v1/tags")).body as { _id: string }[];
    expect(
      (
        await fixture.call("PUT", `${base}/tags`, {
          errorIds: [open.errorId],
          tagIds: [tags[0]?._id],
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await fixture.call("PUT", `${base}/tags`, {
          errorIds: [open.errorId],
          tagIds: ["a", "b", "c", "d"],
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await fixture.call("PUT", `${base}/errors/assign`, {
          errorIds: [open.errorId],
          email: "priya.raman@acme-retail.example",
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await fixture.call("PUT", `${base}/errors/assign`, {
          errorIds: [open.errorId],
          email: "stranger@example.com",
        })
      ).status,
    ).toBe(422);
    expect((await fixture.call("PUT", `${base}/resolved`, { errors: [open.errorId] })).status).toBe(
      204,
    );
    const resolved = (await fixture.call("GET", `${base}/resolved`)).body as {
      resolved: { errorId: string; assignedToEmail?: string; tags?: string[] }[];
    };
    const entry = resolved.resolved.find((error) => error.errorId === open.errorId);
    expect(entry).toMatchObject({
      assignedToEmail: "priya.raman@acme-retail.example",
      tags: [tags[0]?._id],
    });
    expect(
      (await fixture.call("DELETE", `${base}/resolved`, { errors: [open.errorId] })).status,
    ).toBe(204);
    expect(fixture.sandbox.accountState(fixture.accountId)).not.toMatchObject({
      errors: expect.arrayContaining([expect.objectContaining({ errorId: open.errorId })]),
    });
  });

  it("runs enabled flows on schedule and never disabled ones", async () => {
    const disabled = flowNamed("Shopify Refund");
    expect(disabled.disabled).toBe(true);
    const enabled = flowNamed("Shopify Order");
    const countJobs = async (flowId: string) => {
      const response = await fixture.call("GET", "/v1/jobs", undefined, {
        _flowId: flowId,
        type: "flow",
      });
      return response.status === 204 ? 0 : (response.body as Job[]).length;
    };
    const enabledBefore = await countJobs(enabled._id);
    expect(await countJobs(disabled._id)).toBe(0);
    await advance(2 * 3_600_000);
    expect(await countJobs(enabled._id)).toBeGreaterThanOrEqual(enabledBefore + 4);
    expect(await countJobs(disabled._id)).toBe(0);
    const manual = await fixture.call("POST", `/v1/flows/${disabled._id}/run`);
    expect(manual.status).toBe(422);
  });

  it("filters jobs and enforces the required-filter rule", async () => {
    const flow = flowNamed("Shopify Order");
    expect((await fixture.call("GET", "/v1/jobs", undefined, { status: "completed" })).status).toBe(
      400,
    );
    expect(
      (await fixture.call("GET", "/v1/jobs", undefined, { type: "export", _flowId: flow._id }))
        .status,
    ).toBe(400);
    const failed = await fixture.call("GET", "/v1/jobs", undefined, {
      _flowId: flow._id,
      type: "flow",
      numError_gte: 1,
    });
    const jobs = failed.body as Job[];
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((job) => job.numError >= 1)).toBe(true);
    const sorted = [...jobs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    expect(jobs.map((job) => job._id)).toEqual(sorted.map((job) => job._id));
    const children = await fixture.call("GET", "/v1/jobs", undefined, {
      type: "import",
      _flowJobId: jobs[0]?._id,
    });
    expect(
      (children.body as Job[]).every(
        (job) => job.type === "import" && job._flowJobId === jobs[0]?._id,
      ),
    ).toBe(true);
    const byStatus = await fixture.call("GET", "/v1/jobs", undefined, {
      createdAt_gte: "2025-03-13",
      status: ["failed", "canceled"],
    });
    expect(
      (byStatus.body as Job[]).every((job) => ["failed", "canceled"].includes(job.status)),
    ).toBe(true);
  });

  it("cancels a queued job, and refuses to cancel a finished one", async () => {
    const flow = flowNamed("Shopify Order");
    const jobId = (
      (await fixture.call("POST", `/v1/flows/${flow._id}/run`)).body as { _jobId: string }
    )._jobId;
    const canceled = await fixture.call("PUT", `/v1/jobs/${jobId}/cancel`);
    expect((canceled.body as Job).status).toBe("canceled");
    expect((await fixture.call("PUT", `/v1/jobs/${jobId}/cancel`)).status).toBe(422);
  });
});
