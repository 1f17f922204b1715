import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxFixture, startTestSandbox } from "../testing/sandbox-fixture.ts";

interface Snapshot {
  integrations: { _id: string; name: string }[];
  flows: { _id: string; name: string; disabled: boolean }[];
  connections: { _id: string; offline?: boolean; name: string }[];
  jobs: { _id: string; type: string; status: string; createdAt: string }[];
  errors: { resolved: boolean; occurredAt: string; cause: string; code: string }[];
  ashares: { accessLevel?: string; integrationAccessLevel: unknown[] }[];
  audit: unknown[];
  tags: unknown[];
}

describe("scenarios", () => {
  let fixture: SandboxFixture;
  beforeAll(async () => {
    fixture = await startTestSandbox({ scenario: "acme-retail" });
  });
  afterAll(() => fixture.sandbox.close());

  it("builds byte-identical accounts from the same scenario and now, ids included", () => {
    const first = fixture.sandbox.createAccount({
      scenario: "acme-retail",
      now: "2025-03-14T15:00:00Z",
    });
    const second = fixture.sandbox.createAccount({
      scenario: "acme-retail",
      now: "2025-03-14T15:00:00Z",
    });
    const a = JSON.stringify(fixture.sandbox.accountState(first.accountId));
    const b = JSON.stringify(fixture.sandbox.accountState(second.accountId));
    expect(a).toBe(b);
    const other = fixture.sandbox.createAccount({
      scenario: "acme-retail",
      now: "2025-03-15T15:00:00Z",
    });
    expect(JSON.stringify(fixture.sandbox.accountState(other.accountId))).not.toBe(a);
  });

  it("has the acme-retail shape: integrations, a dozen flows, an offline connection, users, tags, audit", () => {
    const state = fixture.sandbox.accountState(fixture.accountId) as Snapshot;
    expect(state.integrations.length).toBeGreaterThanOrEqual(3);
    expect(state.flows.length).toBeGreaterThanOrEqual(12);
    expect(state.flows.map((flow) => flow.name)).toContain("Shopify Order to NetSuite Sales Order");
    expect(
      state.connections
        .filter((connection) => connection.offline === true)
        .map((connection) => connection.name),
    ).toEqual(["ShipRight 3PL SFTP"]);
    expect(new Set(state.ashares.map((share) => share.accessLevel ?? "integration"))).toEqual(
      new Set(["administrator", "manage", "monitor", "integration"]),
    );
    expect(state.tags.length).toBeGreaterThan(0);
    expect(state.audit.length).toBeGreaterThan(0);
    for (const id of [...state.flows, ...state.jobs].map((item) => item._id))
      expect(id).toMatch(/^[0-9a-f]{24}$/);
    const days = new Set(state.jobs.map((job) => job.createdAt.slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(7);
  });

  it("keeps open errors of both causes today and yesterday, resolved ones before", () => {
    const state = fixture.sandbox.accountState(fixture.accountId) as Snapshot;
    const open = state.errors.filter((error) => !error.resolved);
    expect(open.every((error) => error.occurredAt >= "2025-03-13T00:00:00.000Z")).toBe(true);
    expect(open.some((error) => error.occurredAt.startsWith("2025-03-14"))).toBe(true);
    expect(open.some((error) => error.occurredAt.startsWith("2025-03-13"))).toBe(true);
    expect(new Set(open.map((error) => error.cause))).toEqual(new Set(["transient", "permanent"]));
    expect(state.errors.some((error) => error.resolved && error.occurredAt < "2025-03-13")).toBe(
      true,
    );
  });

  it.each(["2025-03-14T00:00:30Z", "2025-03-14T23:59:59Z", "2025-03-14T00:00:00Z"])(
    "places today's failures between UTC midnight and now when now is %s",
    (now) => {
      const account = fixture.sandbox.createAccount({ scenario: "small", now });
      const state = fixture.sandbox.accountState(account.accountId) as Snapshot;
      const nowIso = new Date(now).toISOString();
      const today = state.errors.filter((error) => error.occurredAt >= "2025-03-14T00:00:00.000Z");
      expect(today.length).toBeGreaterThan(0);
      expect(today.every((error) => error.occurredAt <= nowIso)).toBe(true);
      expect(state.jobs.every((job) => job.status === "completed" || job.status === "failed")).toBe(
        true,
      );
    },
  );

  it("rejects an unknown scenario with the list of known ones", () => {
    expect(() => fixture.sandbox.createAccount({ scenario: "nope" })).toThrow(/acme-retail, small/);
  });
});
