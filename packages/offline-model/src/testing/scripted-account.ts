/**
 * A small Celigo account and the tool handlers over it, for policy tests that build their own
 * conversations (tool lists + tool results) without the sandbox. Handlers act on the data by
 * the arguments received, so a wrong id or date in a call gives a wrong answer.
 */
type Json = Record<string, unknown>;

export const now = "2026-11-21T10:00:00.000Z";

export function createAccount() {
  const flows: Json[] = [
    {
      _id: "f00000000000000000000001",
      name: "Shopify Orders to NetSuite",
      disabled: false,
      _integrationId: "i1",
      lastExecutedAt: "2026-11-21T09:40:00.000Z",
      pageGenerators: [{ _exportId: "e1" }],
      pageProcessors: [{ type: "import", _importId: "m1" }],
    },
    {
      _id: "f00000000000000000000002",
      name: "Salesforce Accounts to NetSuite Customers",
      disabled: false,
      _integrationId: "i2",
      lastExecutedAt: "2026-11-21T07:05:00.000Z",
      pageGenerators: [{ _exportId: "e2" }],
      pageProcessors: [{ type: "import", _importId: "m2" }],
    },
    {
      _id: "f00000000000000000000003",
      name: "Amazon Settlements to NetSuite",
      disabled: true,
      _integrationId: "i3",
      lastExecutedAt: "2026-11-20T12:00:00.000Z",
      pageGenerators: [{ _exportId: "e3" }],
      pageProcessors: [{ type: "import", _importId: "m3" }],
    },
  ];
  const jobs: Json[] = [
    {
      _id: "j1",
      type: "flow",
      _flowId: "f00000000000000000000001",
      status: "failed",
      numError: 3,
      numOpenError: 3,
      createdAt: "2026-11-21T08:00:00.000Z",
      endedAt: "2026-11-21T08:02:00.000Z",
    },
    {
      _id: "j2",
      type: "flow",
      _flowId: "f00000000000000000000001",
      status: "completed",
      numError: 0,
      numOpenError: 0,
      createdAt: "2026-11-21T09:40:00.000Z",
      endedAt: "2026-11-21T09:41:00.000Z",
    },
    {
      _id: "j3",
      type: "flow",
      _flowId: "f00000000000000000000002",
      status: "completed",
      numError: 2,
      numOpenError: 2,
      createdAt: "2026-11-21T07:00:00.000Z",
      endedAt: "2026-11-21T07:05:00.000Z",
    },
    {
      _id: "j4",
      type: "flow",
      _flowId: "f00000000000000000000003",
      status: "failed",
      numError: 1,
      numOpenError: 1,
      createdAt: "2026-11-20T12:00:00.000Z",
      endedAt: "2026-11-20T12:01:00.000Z",
    },
  ];
  const errors: Record<string, Json[]> = {
    "f00000000000000000000001/e1": [
      {
        errorId: "err1",
        code: "invalid_ref",
        message: "SKU not found",
        source: "application",
        occurredAt: "2026-11-21T08:01:00.000Z",
        retryDataKey: "rk1",
      },
      {
        errorId: "err2",
        code: "timeout",
        message: "Request timed out",
        source: "connection",
        occurredAt: "2026-11-21T08:01:30.000Z",
        retryDataKey: "rk2",
      },
    ],
    "f00000000000000000000001/m1": [
      {
        errorId: "err3",
        code: "422",
        message: "Customer is inactive",
        source: "application",
        occurredAt: "2026-11-21T08:01:45.000Z",
        retryDataKey: "rk3",
      },
    ],
    "f00000000000000000000002/m2": [
      {
        errorId: "err4",
        code: "duplicate",
        message: "Duplicate record",
        source: "application",
        occurredAt: "2026-11-21T07:04:00.000Z",
        retryDataKey: "rk4",
      },
    ],
  };
  const integrations: Json[] = [
    { _id: "i1", name: "Shopify - NetSuite" },
    { _id: "i2", name: "Salesforce - NetSuite" },
    { _id: "i3", name: "Amazon - NetSuite" },
  ];
  const connections: Json[] = [
    { _id: "c1", name: "NetSuite Production", type: "netsuite", offline: false },
    { _id: "c2", name: "Shopify Store", type: "http", offline: true },
  ];
  const users: Json[] = [
    {
      _id: "u1",
      accessLevel: "administrator",
      sharedWithUser: { email: "ana@acme.test", name: "Ana Admin" },
    },
    {
      _id: "u2",
      accessLevel: "monitor",
      sharedWithUser: { email: "max@acme.test", name: "Max Monitor" },
    },
  ];
  const audit: Json[] = [
    {
      _id: "a1",
      time: "2026-11-20T15:00:00.000Z",
      byUser: { name: "Ana Admin", email: "ana@acme.test" },
      source: "ui",
      resourceType: "flow",
      _resourceId: "f00000000000000000000001",
      event: "update",
      fieldChanges: [
        { fieldPath: "schedule", oldValue: "? 0 * * * *", newValue: "? 10,40 * * * *" },
      ],
    },
  ];
  const retried: Json[] = [];
  const stepErrors = (input: Json) => errors[`${input.flow_id}/${input.export_id}`] ?? [];

  const handlers: Record<string, (input: Json) => unknown> = {
    CELIGO_LIST_FLOWS: () => flows,
    CELIGO_LIST_INTEGRATIONS: () => integrations,
    CELIGO_LIST_CONNECTIONS: () => connections,
    CELIGO_GET_USERS: () => users,
    // Newest first, two per page, with Celigo's createdAt cursor, so callers must follow pages.
    CELIGO_LIST_JOBS: (input) => {
      const matching = jobs
        .filter(
          (job) =>
            (!input.created_at_gte || String(job.createdAt) >= String(input.created_at_gte)) &&
            (!input.created_at_lte || String(job.createdAt) <= String(input.created_at_lte)),
        )
        .sort((left, right) => String(right.createdAt).localeCompare(String(left.createdAt)));
      const page = matching.slice(0, 2);
      const last = page.at(-1);
      const more = matching.length > page.length && last;
      const cursor = more ? new Date(Date.parse(String(last.createdAt)) - 1).toISOString() : null;
      return { jobs: page, next_cursor: cursor };
    },
    CELIGO_GET_INTEGRATION_ERRORS: (input) =>
      flows
        .filter((flow) => flow._integrationId === input.integration_id)
        .map((flow) => ({
          _flowId: flow._id,
          numError: Object.entries(errors)
            .filter(([key]) => key.startsWith(String(flow._id)))
            .reduce((sum, [, list]) => sum + list.length, 0),
        })),
    CELIGO_GET_EXPORT_ERRORS: (input) => ({ errors: stepErrors(input) }),
    CELIGO_RETRY_ERRORS: (input) => {
      retried.push(input);
      return { _jobId: `retry-${String(input.export_id)}` };
    },
    CELIGO_PATCH_FLOW: (input) => {
      const flow = flows.find((candidate) => candidate._id === input.flow_id);
      for (const operation of (input.operations as Json[]) ?? []) {
        if (flow && operation.path === "/disabled") flow.disabled = operation.value;
      }
      return null;
    },
    CELIGO_GET_FLOW_AUDIT: (input) => audit.filter((entry) => entry._resourceId === input.flow_id),
    CELIGO_GET_FLOW_LATEST_JOBS: (input) =>
      jobs.filter((job) => job._flowId === input.flow_id).reverse(),
  };
  return { flows, jobs, errors, connections, users, audit, retried, handlers };
}

const objectSchema = (properties: Json, required: string[] = []) => ({
  type: "object",
  properties,
  required,
});
const text = (description: string) => ({ type: "string", description });

export const toolSchemas: Record<string, Json> = {
  CELIGO_LIST_FLOWS: objectSchema({}),
  CELIGO_LIST_INTEGRATIONS: objectSchema({}),
  CELIGO_LIST_CONNECTIONS: objectSchema({}),
  CELIGO_GET_USERS: objectSchema({}),
  CELIGO_LIST_JOBS: objectSchema({
    created_at_gte: text("Jobs created at or after (ISO)"),
    created_at_lte: text("Jobs created at or before (ISO)"),
    flow_id: text("Flow id"),
  }),
  CELIGO_GET_INTEGRATION_ERRORS: objectSchema({ integration_id: text("Integration id") }, [
    "integration_id",
  ]),
  CELIGO_GET_EXPORT_ERRORS: objectSchema(
    { flow_id: text("Flow id"), export_id: text("Export (step) id") },
    ["flow_id", "export_id"],
  ),
  CELIGO_RETRY_ERRORS: objectSchema(
    {
      flow_id: text("Flow id"),
      export_id: text("Step id"),
      retry_data_keys: { type: "array", items: { type: "string" } },
    },
    ["flow_id", "export_id", "retry_data_keys"],
  ),
  CELIGO_PATCH_FLOW: objectSchema(
    { flow_id: text("Flow id"), operations: { type: "array", items: { type: "object" } } },
    ["flow_id", "operations"],
  ),
  CELIGO_GET_FLOW_AUDIT: objectSchema({ flow_id: text("Flow id") }, ["flow_id"]),
  CELIGO_GET_FLOW_LATEST_JOBS: objectSchema({ flow_id: text("Flow id") }, ["flow_id"]),
};
