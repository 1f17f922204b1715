/**
 * What the sandbox's ready-made Tools and APIs do when an MCP client calls them. In Celigo a Tool
 * runs flows against real systems; here each acts on the emulated account through the same
 * in-process /v1 API the agents' tools use (`AccountDirectory.callApi`), so its effects show in
 * the account's state. A tool or API created through the API has no action: calling it says so.
 */
import type { ApiRequest, ApiResponse } from "../account-directory.ts";

export type CallApi = (request: ApiRequest) => Promise<ApiResponse>;

export interface BuiltinAction {
  /** Stored on the resource as `sandboxAction` (a sandbox-only field). */
  id: string;
  kind: "tool" | "api";
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
  run(callApi: CallApi, input: Record<string, unknown>, now: Date): Promise<unknown>;
}

const dayMs = 86_400_000;

export const builtinActions: readonly BuiltinAction[] = [
  {
    id: "get_failed_jobs",
    kind: "tool",
    name: "Get failed jobs",
    description:
      "Flow jobs that failed or finished with open errors, newest first. Optionally for one flow and since a time (default: the last 24 hours).",
    inputSchema: {
      type: "object",
      properties: {
        flowId: { type: "string", description: "Only jobs of this flow (24-hex id)." },
        since: { type: "string", description: "ISO 8601 time; default 24 hours ago." },
      },
      additionalProperties: false,
    },
    async run(callApi, input, now) {
      const since =
        typeof input.since === "string"
          ? input.since
          : new Date(now.getTime() - dayMs).toISOString();
      const response = await expectOk(
        callApi({
          method: "GET",
          path: "/v1/jobs",
          query: { type: "flow", createdAt_gte: since, _flowId: optionalText(input.flowId) },
        }),
      );
      const jobs = Array.isArray(response.body) ? (response.body as Record<string, unknown>[]) : [];
      const failed = jobs.filter(
        (job) => job.status === "failed" || Number(job.numOpenError ?? 0) > 0,
      );
      return { since, count: failed.length, jobs: failed };
    },
  },
  {
    id: "retry_flow_errors",
    kind: "tool",
    name: "Retry flow errors",
    description:
      "Retries every open error of a flow (all its steps, or one step). Transient errors clear when the retry job finishes; permanent ones stay.",
    inputSchema: {
      type: "object",
      properties: {
        flowId: { type: "string", description: "The flow whose errors to retry (24-hex id)." },
        stepId: { type: "string", description: "Only this export or import of the flow." },
      },
      required: ["flowId"],
      additionalProperties: false,
    },
    async run(callApi, input) {
      const flowId = requiredText(input.flowId, "flowId");
      const summary = await expectOk(
        callApi({ method: "GET", path: `/v1/flows/${flowId}/errors` }),
      );
      const steps = (
        (summary.body as { flowErrors?: { _expOrImpId: string; numError: number }[] }).flowErrors ??
        []
      ).filter(
        (step) =>
          step.numError > 0 && (input.stepId === undefined || step._expOrImpId === input.stepId),
      );
      const retries = [];
      for (const step of steps) {
        const errors = await expectOk(
          callApi({ method: "GET", path: `/v1/flows/${flowId}/${step._expOrImpId}/errors` }),
        );
        const keys = ((errors.body as { errors?: { retryDataKey: string }[] }).errors ?? []).map(
          (error) => error.retryDataKey,
        );
        if (keys.length === 0) continue;
        const retry = await expectOk(
          callApi({
            method: "POST",
            path: `/v1/flows/${flowId}/${step._expOrImpId}/retry`,
            body: { retryDataKeys: keys },
          }),
        );
        retries.push({ stepId: step._expOrImpId, retried: keys.length, job: retry.body });
      }
      return { flowId, retries };
    },
  },
  {
    id: "lookup_customer",
    kind: "api",
    name: "Lookup customer",
    description:
      "Finds a customer's or order's records that failed in any flow, by trace key (order or customer number), email or name, with the error and flow for each.",
    inputSchema: {
      type: "object",
      properties: {
        query: { type: "string", description: "Trace key, email or name, e.g. #1042." },
      },
      required: ["query"],
      additionalProperties: false,
    },
    async run(callApi, input) {
      const query = requiredText(input.query, "query").toLowerCase();
      const flowsResponse = await expectOk(callApi({ method: "GET", path: "/v1/flows" }));
      const flows = Array.isArray(flowsResponse.body)
        ? (flowsResponse.body as { _id: string; name: string }[])
        : [];
      const matches = [];
      for (const flow of flows) {
        const summary = await expectOk(
          callApi({ method: "GET", path: `/v1/flows/${flow._id}/errors` }),
        );
        const steps =
          (summary.body as { flowErrors?: { _expOrImpId: string; numError: number }[] })
            .flowErrors ?? [];
        for (const step of steps.filter((item) => item.numError > 0)) {
          const errors = await expectOk(
            callApi({ method: "GET", path: `/v1/flows/${flow._id}/${step._expOrImpId}/errors` }),
          );
          for (const error of (errors.body as { errors?: Record<string, unknown>[] }).errors ??
            []) {
            const text =
              `${String(error.traceKey ?? "")} ${String(error.message ?? "")}`.toLowerCase();
            if (text.includes(query))
              matches.push({
                flowId: flow._id,
                flowName: flow.name,
                stepId: step._expOrImpId,
                error,
              });
          }
        }
      }
      return { query, count: matches.length, matches };
    },
  },
];

/** A Celigo error answer becomes the tool's error result, with Celigo's own message. */
export class ActionFailure extends Error {}

async function expectOk(pending: Promise<ApiResponse>): Promise<ApiResponse> {
  const response = await pending;
  if (response.status === 204) return { ...response, body: [] };
  if (response.status < 300) return response;
  const errors = (response.body as { errors?: { message: string }[] } | undefined)?.errors;
  throw new ActionFailure(
    errors?.map((error) => error.message).join("; ") ?? `The API answered ${response.status}.`,
  );
}

function requiredText(value: unknown, name: string): string {
  if (typeof value !== "string" || value.trim() === "")
    throw new ActionFailure(`${name} is required (a string).`);
  return value.trim();
}

function optionalText(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}
