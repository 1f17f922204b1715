import { beforeAll, describe, expect, it } from "vitest";
import { drivePolicy } from "../testing/drive-policy.ts";
import { createAccount } from "../testing/scripted-account.ts";
import { decideTurn, warmUpPolicy } from "./policy.ts";

// Training the intent classifier takes a second or more on a busy machine; it happens once.
beforeAll(() => warmUpPolicy(), 60_000);

const exposures = [
  { exposure: "direct" as const, nameOf: (slug: string) => `celigo_${slug}` },
  { exposure: "direct" as const, nameOf: (slug: string) => `mcp__celigo__${slug}`.toLowerCase() },
  { exposure: "router" as const, nameOf: (slug: string) => slug },
];
const label = (flow: Record<string, unknown>) => String(flow.name);

describe.each(exposures)("policy through $exposure exposure", ({ exposure, nameOf }) => {
  it("finds the flows that failed today, with counts from the jobs", () => {
    const account = createAccount();
    const { answer, calls } = drivePolicy({
      requests: ["Which flows failed today?"],
      exposure,
      nameOf,
      account,
    });
    const today = account.jobs.filter((job) => String(job.createdAt) >= "2026-11-21T00:00:00.000Z");
    const failedFlowIds = new Set(
      today
        .filter((job) => job.status === "failed" || Number(job.numOpenError) > 0)
        .map((job) => job._flowId),
    );
    const failedFlows = account.flows.filter((flow) => failedFlowIds.has(flow._id));
    expect(answer).toContain(`${failedFlows.length} flows failed today (since 00:00 UTC)`);
    for (const flow of failedFlows) expect(answer).toContain(label(flow));
    // The Shopify flow's latest run today was clean: it failed earlier and recovered.
    expect(answer).toMatch(/recovered since[\s\S]*Shopify Orders to NetSuite: 1 failed run/);
    expect(answer).not.toMatch(/\bf0{20}\d\b/);
    for (const flow of account.flows.filter((candidate) => !failedFlowIds.has(candidate._id))) {
      expect(answer).not.toContain(String(flow.name));
    }
    expect(calls.find((made) => made.slug === "CELIGO_LIST_JOBS")?.arguments.created_at_gte).toBe(
      "2026-11-21T00:00:00.000Z",
    );
  });

  it("reads yesterday as the previous UTC day", () => {
    const account = createAccount();
    const { answer } = drivePolicy({
      requests: ["What failed yesterday?"],
      exposure,
      nameOf,
      account,
    });
    const amazon = account.flows[2] ?? {};
    expect(answer).toContain("1 flow failed yesterday");
    expect(answer).toContain(label(amazon));
    expect(answer).toContain("last failure yesterday 12:01 UTC");
  });

  it("lists a named flow's open errors, step by step", () => {
    const account = createAccount();
    const { answer, calls } = drivePolicy({
      requests: ["Show me the errors on the Shopify Orders flow"],
      exposure,
      nameOf,
      account,
    });
    const errors = [
      ...(account.errors["f00000000000000000000001/e1"] ?? []),
      ...(account.errors["f00000000000000000000001/m1"] ?? []),
    ];
    expect(answer).toContain(`${errors.length} open errors on 1 flow`);
    for (const error of errors) {
      expect(answer).toContain(`${String(error.code)} ×1`);
      expect(answer).toContain(String(error.message));
    }
    const stepCalls = calls.filter((made) => made.slug === "CELIGO_GET_EXPORT_ERRORS");
    expect(stepCalls.map((made) => made.arguments.export_id)).toEqual(["e1", "m1"]);
  });

  it("reads a named integration's errors, not a flow's with similar words", () => {
    const account = createAccount();
    const { answer, calls } = drivePolicy({
      requests: ["What errors does the Salesforce - NetSuite integration have?"],
      exposure,
      nameOf,
      account,
    });
    expect(calls.filter((made) => made.slug === "CELIGO_GET_INTEGRATION_ERRORS")).toEqual([
      { slug: "CELIGO_GET_INTEGRATION_ERRORS", arguments: { integration_id: "i2" } },
    ]);
    const salesforceErrors = account.errors["f00000000000000000000002/m2"] ?? [];
    expect(answer).toContain(`${salesforceErrors.length} open error on 1 flow`);
    expect(answer).toContain(label(account.flows[1] ?? {}));
    expect(answer).not.toContain(String(account.flows[0]?.name));
  });

  it("retries a flow's errors with their retry data keys", () => {
    const account = createAccount();
    const { answer } = drivePolicy({
      requests: ["Retry the errors of the Shopify Orders to NetSuite flow"],
      exposure,
      nameOf,
      account,
    });
    expect(account.retried.map((call) => call.retry_data_keys)).toEqual([["rk1", "rk2"], ["rk3"]]);
    expect(answer).toContain("Retried 3 errors on 1 flow");
    expect(answer).toContain("2 retry jobs started");
    expect(answer).not.toContain("retry-e1");
  });

  it("asks before disabling, and disables once the user confirms", () => {
    const account = createAccount();
    const first = drivePolicy({
      requests: ["Disable the Salesforce Accounts flow"],
      exposure,
      nameOf,
      account,
    });
    expect(first.calls.some((made) => made.slug === "CELIGO_PATCH_FLOW")).toBe(false);
    expect(first.answer).toMatch(/confirm/i);
    const confirmed = drivePolicy({
      requests: ["Disable the Salesforce Accounts flow", "yes, disable it"],
      exposure,
      nameOf,
      account,
    });
    const salesforce = account.flows[1] ?? {};
    expect(salesforce.disabled).toBe(true);
    expect(confirmed.answer).toContain(`Disabled ${label(salesforce)}`);
  });

  it("explains a refused call instead of claiming success", () => {
    const account = createAccount();
    const { answer } = drivePolicy({
      requests: ["Disable the Salesforce Accounts flow. I confirm."],
      exposure,
      nameOf,
      account,
      refused: ["CELIGO_PATCH_FLOW"],
    });
    expect(answer).toMatch(/^The call to CELIGO_PATCH_FLOW \(patch flow\) was refused/);
    expect(account.flows[1]?.disabled).toBe(false);
    const retried = drivePolicy({
      requests: ["Disable the Salesforce Accounts flow. I confirm.", "yes"],
      exposure,
      nameOf,
      account,
      refused: ["CELIGO_PATCH_FLOW"],
    });
    // Only a refusal since the user's last message is reported, so two refusals mean two attempts.
    expect(retried.answers).toHaveLength(2);
    expect(retried.answers.every((text) => text.startsWith("The call to CELIGO_PATCH_FLOW"))).toBe(
      true,
    );
  });

  it("says when a named flow does not exist, and names those that do", () => {
    const account = createAccount();
    const { answer } = drivePolicy({
      requests: ["When did the Magento Refunds flow last run?"],
      exposure,
      nameOf,
      account,
    });
    expect(answer).toContain('I found no flow named like "Magento Refunds"');
    for (const flow of account.flows) expect(answer).toContain(label(flow));
  });

  it("reports offline connections, users with access, audit and last runs from results", () => {
    const account = createAccount();
    const offline = drivePolicy({
      requests: ["Which connections are offline?"],
      exposure,
      nameOf,
      account,
    }).answer;
    for (const connection of account.connections.filter((candidate) => candidate.offline))
      expect(offline).toContain(label(connection));
    const admins = drivePolicy({
      requests: ["Who has administrator access?"],
      exposure,
      nameOf,
      account,
    }).answer;
    expect(admins).toContain("ana@acme.test");
    expect(admins).not.toContain("max@acme.test");
    const audit = drivePolicy({
      requests: ["Who changed the Shopify Orders flow?"],
      exposure,
      nameOf,
      account,
    }).answer;
    expect(audit).toMatch(/Ana Admin <ana@acme\.test> update Shopify Orders to NetSuite/);
    const lastRun = drivePolicy({
      requests: ["When did the Shopify Orders flow last run?"],
      exposure,
      nameOf,
      account,
    }).answer;
    expect(lastRun).toContain("Shopify Orders to NetSuite last ran today 09:40 UTC");
    expect(lastRun).toContain("latest run completed cleanly");
  });
});

describe("policy without the tools it needs", () => {
  it("answers in words when no tool can start a flow run", () => {
    const account = createAccount();
    const { answer, calls } = drivePolicy({
      requests: ["Run the Shopify Orders flow now"],
      exposure: "direct",
      account,
    });
    expect(calls).toEqual([]);
    expect(answer).toMatch(/None of the tools offered can start a flow run/);
  });

  it("says it is the offline test double and names what it can do when a request is outside its tasks", () => {
    const turn = decideTurn({
      messages: [{ role: "user", text: "Write me a poem about the sea" }],
      tools: [],
    }).turn;
    expect(turn).toMatchObject({ kind: "text" });
    const text = turn.kind === "text" ? turn.text : "";
    expect(text).toMatch(/^I am the offline model, a deterministic test double/);
    expect(text).toContain('"Which flows failed today?"');
    expect(text).toContain("MODEL=openai/<model>");
  });

  it("decides the same way twice for the same conversation", () => {
    const conversation = {
      messages: [
        { role: "system" as const, text: "Current time: 2026-11-21T10:00:00Z" },
        { role: "user" as const, text: "Which flows failed in the last 6 hours?" },
      ],
      tools: [
        {
          name: "CELIGO_LIST_JOBS",
          description: "",
          parameters: { type: "object", properties: { created_at_gte: { type: "string" } } },
        },
        { name: "CELIGO_LIST_FLOWS", description: "", parameters: {} },
      ],
    };
    expect(JSON.stringify(decideTurn(conversation))).toBe(JSON.stringify(decideTurn(conversation)));
    expect(JSON.stringify(decideTurn(conversation).turn)).toContain("2026-11-21T04:00:00.000Z");
  });
});
