import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountFacts, dayStart, openErrorsOf } from "../testing/account-facts.ts";
import {
  type HarnessAccount,
  type SandboxAgentHarness,
  scenarioNow,
  startSandboxAgentHarness,
} from "../testing/sandbox-agent-harness.ts";

interface LibraryResource {
  _id: string;
  name: string;
  type?: string;
  sandboxAction?: string;
}
interface JobRecord {
  _id: string;
  status: string;
  numOpenError?: number;
}

let harness: SandboxAgentHarness;
let account: HarnessAccount;
let url: string;
let headers: Record<string, string>;
/** The MCP tool name the server gives each ready-made action. */
const toolNames = new Map<string, string>();

/** A tool name in the server's own style (the sandbox's resources are named in words). */
const toolName = (resource: LibraryResource) =>
  resource.name.toLowerCase().replace(/[^a-z0-9]+/g, "_");

beforeAll(async () => {
  harness = await startSandboxAgentHarness();
  account = harness.freshAccount();
  headers = { authorization: `Bearer ${account.credentials.celigoToken}` };
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${harness.sandbox.baseUrl}${path}`, {
      method,
      headers: { ...headers, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
  const tools = (await api("GET", "/v1/tools")) as LibraryResource[];
  // Only builder APIs can be exposed over MCP.
  const apis = ((await api("GET", "/v1/apis")) as LibraryResource[]).filter(
    (entry) => entry.type === "builder",
  );
  for (const resource of [...tools, ...apis]) {
    toolNames.set(resource.sandboxAction ?? resource._id, toolName(resource));
  }
  await api("POST", "/v1/mcpservers", {
    name: "Operations",
    relativeURI: "/operations",
    description: "Day-to-day operations of the integrations.",
    disabled: false,
    tools: tools.map((tool) => ({ _toolId: tool._id, name: toolName(tool), disabled: false })),
    apis: apis.map((entry) => ({ _apiId: entry._id, name: toolName(entry), disabled: false })),
  });
  url = `${harness.sandbox.baseUrl}/mcp/operations`;
});
afterAll(() => harness.close());

describe("tools of a native Celigo MCP server, picked by their names and descriptions", () => {
  it("answers which flow runs failed today with the failed-jobs tool", async () => {
    const run = await account.askAt(url, headers, ["Which flows failed today?"]);
    const since = dayStart(scenarioNow);
    expect(run.toolCalls.map((call) => [call.tool, call.arguments])).toEqual([
      [toolNames.get("get_failed_jobs"), { since }],
    ]);
    const jobs = await account.rest<JobRecord[]>("/v1/jobs", {
      type: "flow",
      createdAt_gte: since,
    });
    const failed = jobs.filter((job) => job.status === "failed" || (job.numOpenError ?? 0) > 0);
    expect(failed.length).toBeGreaterThan(0);
    expect(run.answer).toContain(`count: ${failed.length}`);
    for (const job of failed.slice(0, 10)) expect(run.answer).toContain(`_id ${job._id}`);
  });

  it("looks up a customer's failed records with the lookup API", async () => {
    const facts = accountFacts(account.state());
    const traceKey = facts.errors.find((error) => !error.resolved && error.traceKey)?.traceKey;
    if (!traceKey) throw new Error("No open error has a trace key.");
    const run = await account.askAt(url, headers, [
      `Find the failed records of customer ${traceKey}.`,
    ]);
    expect(run.toolCalls.map((call) => [call.tool, call.arguments])).toEqual([
      [toolNames.get("lookup_customer"), { query: traceKey }],
    ]);
    const matching = facts.errors.filter(
      (error) =>
        !error.resolved &&
        `${error.traceKey ?? ""} ${error.message}`.toLowerCase().includes(traceKey.toLowerCase()),
    );
    expect(run.answer).toContain(`count: ${matching.length}`);
    for (const error of matching.slice(0, 10)) expect(run.answer).toContain(error.errorId);
  });

  it("asks for the flow id a retry tool requires instead of guessing", async () => {
    const run = await account.askAt(url, headers, ["Retry the errors of the order flow."]);
    expect(run.toolCalls).toEqual([]);
    expect(run.answer).toContain(`${toolNames.get("retry_flow_errors")} can do that`);
    expect(run.answer).toContain("`flowId`");
  });

  it("calls nothing when no tool shares what is asked, only a resource noun", async () => {
    const run = await account.askAt(url, headers, ["Who changed the order flow?"]);
    expect(run.toolCalls).toEqual([]);
    expect(run.answer).toContain("None of the tools offered can");
  });

  it("retries a flow's errors by its id, starting one retry job per step", async () => {
    const before = accountFacts(account.state());
    const flow = before.flows.find((candidate) => openErrorsOf(before, candidate._id).length);
    if (!flow) throw new Error("No flow has open errors.");
    const steps = new Set(openErrorsOf(before, flow._id).map((error) => error._stepId));
    const run = await account.askAt(url, headers, [`Retry the errors of flow ${flow._id}.`]);
    expect(run.toolCalls.map((call) => [call.tool, call.arguments])).toEqual([
      [toolNames.get("retry_flow_errors"), { flowId: flow._id }],
    ]);
    const after = accountFacts(account.state());
    const retryJobs = after.jobs.filter(
      (job) => !before.jobs.some((earlier) => earlier._id === job._id),
    );
    expect(retryJobs.map((job) => [job.type, job._flowId])).toEqual(
      [...steps].map(() => ["retry", flow._id]),
    );
    for (const job of retryJobs) expect(run.answer).toContain(`_jobId ${job._id}`);
  });
});
