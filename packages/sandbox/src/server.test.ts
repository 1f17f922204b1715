import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxFixture, startTestSandbox } from "./testing/sandbox-fixture.ts";

/** node:http lets a test send any Host header, as a DNS-rebinding page would. */
function rawRequest(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${baseUrl}${path}`, { headers }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("sandbox server", () => {
  let fixture: SandboxFixture;
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${fixture.sandbox.baseUrl}/sandbox${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${fixture.sandbox.adminToken}`,
        "content-type": "application/json",
        ...init.headers,
      },
    });
  beforeAll(async () => {
    fixture = await startTestSandbox();
  });
  afterAll(() => fixture.sandbox.close());

  it("binds loopback on a free port", () => {
    expect(fixture.sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("creates, snapshots and deletes accounts through the admin routes", async () => {
    expect(
      (await fetch(`${fixture.sandbox.baseUrl}/sandbox/accounts`, { method: "POST" })).status,
    ).toBe(401);
    const created = await admin("/accounts", {
      method: "POST",
      body: JSON.stringify({ scenario: "small", now: "2025-03-14T15:00:00Z" }),
    });
    expect(created.status).toBe(201);
    const account = (await created.json()) as {
      accountId: string;
      celigoToken: string;
      composioApiKey: string;
    };
    expect(Object.keys(account).sort()).toEqual(["accountId", "celigoToken", "composioApiKey"]);
    const state = await admin(`/accounts/${account.accountId}/state`);
    const snapshot = await state.text();
    expect(snapshot).not.toContain(account.celigoToken);
    expect(Object.keys(JSON.parse(snapshot))).toEqual(
      [...Object.keys(JSON.parse(snapshot))].sort(),
    );
    expect(
      (await admin("/accounts", { method: "POST", body: JSON.stringify({ scenario: "unknown" }) }))
        .status,
    ).toBe(400);
    expect((await admin(`/accounts/${account.accountId}`, { method: "DELETE" })).status).toBe(204);
    expect((await admin(`/accounts/${account.accountId}/state`)).status).toBe(404);
    const afterDelete = await fetch(`${fixture.sandbox.baseUrl}/v1/flows`, {
      headers: { authorization: `Bearer ${account.celigoToken}` },
    });
    expect(afterDelete.status).toBe(401);
  });

  it("advances an account's clock and settles every running job", async () => {
    const flows = (await fixture.call("GET", "/v1/flows")).body as {
      _id: string;
      disabled: boolean;
    }[];
    const flow = flows.find((candidate) => !candidate.disabled);
    const jobId = (
      (await fixture.call("POST", `/v1/flows/${flow?._id}/run`)).body as { _jobId: string }
    )._jobId;
    const clock = await admin(`/accounts/${fixture.accountId}/clock`, {
      method: "POST",
      body: JSON.stringify({ advanceMs: 1000 }),
    });
    expect(((await clock.json()) as { now: string }).now > "2025-03-14T15:00:00.000Z").toBe(true);
    expect(
      (
        await admin(`/accounts/${fixture.accountId}/clock`, {
          method: "POST",
          body: JSON.stringify({ advanceMs: -5 }),
        })
      ).status,
    ).toBe(422);
    const settled = (await (
      await admin(`/accounts/${fixture.accountId}/state?settle=true`)
    ).json()) as { jobs: { _id: string; status: string }[]; pendingJobIds: string[] };
    expect(settled.pendingJobIds).toEqual([]);
    expect(settled.jobs.find((job) => job._id === jobId)?.status).toMatch(/^(completed|failed)$/);
  });

  it("keeps accounts isolated: one account's token never reaches another's data", async () => {
    const other = fixture.sandbox.createAccount({ scenario: "small", now: "2025-03-10T09:00:00Z" });
    const callOther = (method: "GET" | "PUT", path: string, body?: unknown) =>
      fixture.sandbox.directory.callApi(other.accountId, { method, path, body });
    const otherFlows = (await callOther("GET", "/v1/flows")).body as {
      _id: string;
      name: string;
    }[];
    const foreign = otherFlows[0]?._id ?? "";
    expect((await fixture.call("GET", `/v1/flows/${foreign}`)).status).toBe(404);
    expect((await fixture.call("PUT", `/v1/flows/${foreign}`, { name: "hijack" })).status).toBe(
      404,
    );
    expect((await fixture.call("DELETE", `/v1/flows/${foreign}`)).status).toBe(404);
    expect((await fixture.call("POST", `/v1/flows/${foreign}/run`)).status).toBe(404);
    expect(((await callOther("GET", `/v1/flows/${foreign}`)).body as { name: string }).name).toBe(
      otherFlows[0]?.name,
    );
    expect(fixture.sandbox.directory.findByCeligoToken(other.celigoToken)?.id).toBe(
      other.accountId,
    );
    expect(fixture.sandbox.directory.findByComposioKey(other.composioApiKey)?.id).toBe(
      other.accountId,
    );

    // Same scenario and now give the same ids in two accounts; a write in one leaves the other alone.
    const twin = fixture.sandbox.createAccount({ scenario: "small", now: "2025-03-14T15:00:00Z" });
    const shared = (
      (await fixture.call("GET", "/v1/flows")).body as { _id: string; name: string }[]
    )[0];
    const twinBefore = await fixture.sandbox.directory.callApi(twin.accountId, {
      method: "GET",
      path: `/v1/flows/${shared?._id}`,
    });
    expect(
      (
        await fixture.call("PATCH", `/v1/flows/${shared?._id}`, [
          { op: "replace", path: "/name", value: "Only mine" },
        ])
      ).status,
    ).toBe(204);
    const twinAfter = await fixture.sandbox.directory.callApi(twin.accountId, {
      method: "GET",
      path: `/v1/flows/${shared?._id}`,
    });
    expect(twinAfter.body).toEqual(twinBefore.body);
  });

  it("rejects foreign Host and Origin headers (DNS rebinding) with a 403 envelope", async () => {
    const token = { authorization: `Bearer ${fixture.sandbox.defaultAccount.celigoToken}` };
    const evilHost = await rawRequest(fixture.sandbox.baseUrl, "/v1/tokenInfo", {
      ...token,
      host: "evil.example:80",
    });
    expect(evilHost.status).toBe(403);
    expect(JSON.parse(evilHost.body).errors[0].code).toBe("forbidden_host");
    const evilOrigin = await rawRequest(fixture.sandbox.baseUrl, "/v1/tokenInfo", {
      ...token,
      origin: "http://evil.example",
    });
    expect(evilOrigin.status).toBe(403);
    const localhost = await rawRequest(fixture.sandbox.baseUrl, "/v1/tokenInfo", {
      ...token,
      host: "localhost",
      origin: "http://localhost:3000",
    });
    expect(localhost.status).toBe(200);
  });
});
