import { describe, expect, it } from "vitest";
import { AccountRegistry } from "./account-registry.ts";
import { accountSnapshot } from "./state-snapshot.ts";

const options = { scenario: "acme-retail", now: "2026-11-21T15:06:00Z" };

describe("AccountRegistry", () => {
  it("copies a built scenario into later accounts: the same bytes and ids a build gives, independent of each other", () => {
    const copying = new AccountRegistry();
    const built = copying.create(options);
    const copied = copying.create(options);
    const fresh = new AccountRegistry().create(options);
    expect(copied.id).not.toBe(built.id);
    expect(copied.celigoToken).not.toBe(built.celigoToken);
    const freshState = JSON.stringify(accountSnapshot(fresh, { settle: true }));
    expect(JSON.stringify(accountSnapshot(copied, { settle: true }))).toBe(freshState);
    // The id sequence continues where a build's would.
    expect(copied.newId(Date.parse(options.now))).toBe(fresh.newId(Date.parse(options.now)));

    // A change to one account reaches neither the others nor the accounts copied later.
    const flow = [...built.data.flows.values()][0];
    if (flow === undefined) throw new Error("acme-retail has flows");
    flow.disabled = !flow.disabled;
    built.data.jobs.clear();
    const later = copying.create(options);
    expect(later.data.jobs.size).toBe(fresh.data.jobs.size);
    expect(later.data.flows.get(flow._id)?.disabled).toBe(!flow.disabled);
    expect(copied.data.flows.get(flow._id)?.disabled).toBe(!flow.disabled);
  });
});
