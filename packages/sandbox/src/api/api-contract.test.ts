import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxFixture, startTestSandbox } from "../testing/sandbox-fixture.ts";

type Envelope = { errors: { code: string }[] };
const firstCode = async (response: Response) =>
  ((await response.json()) as Envelope).errors[0]?.code;

describe("integrator.io API contract", () => {
  let fixture: SandboxFixture;
  const raw = (path: string, init: RequestInit = {}) =>
    fetch(`${fixture.sandbox.baseUrl}${path}`, init);
  const bearer = () => ({ authorization: `Bearer ${fixture.sandbox.defaultAccount.celigoToken}` });
  beforeAll(async () => {
    fixture = await startTestSandbox();
  });
  afterAll(() => fixture.sandbox.close());

  it("answers 401 with a bare message, distinguishing no token from a bad one", async () => {
    const missing = await raw("/v1/flows");
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ message: "Unauthorized" });
    const bad = await raw("/v1/flows", { headers: { authorization: "Bearer 0123456789abcdef" } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ message: "Bearer Authentication Failed" });
  });

  it("answers unknown routes, bad JSON and oversized bodies with the errors[] envelope", async () => {
    const unknown = await raw("/v1/no-such-thing", { headers: bearer() });
    expect(unknown.status).toBe(404);
    expect(await firstCode(unknown)).toBe("not_found");
    const badJson = await raw("/v1/tags", {
      method: "POST",
      headers: { ...bearer(), "content-type": "application/json" },
      body: "{not json",
    });
    expect(badJson.status).toBe(400);
    expect(await firstCode(badJson)).toBe("invalid_json");
    const big = await raw("/v1/tags", {
      method: "POST",
      headers: { ...bearer(), "content-type": "application/json" },
      body: JSON.stringify({ tag: "x".repeat(1_100_000) }),
    });
    expect(big.status).toBe(413);
    const text = await big.text();
    expect((JSON.parse(text) as Envelope).errors[0]?.code).toBe("payload_too_large");
    expect(text).not.toMatch(/at .*\.ts/);
  });

  it("answers 204 with no body for an empty list", async () => {
    const response = await fixture.call("GET", "/v1/ediprofiles");
    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
  });

  it("projects lists with include (summary) or exclude, and rejects both together", async () => {
    const included = await fixture.call("GET", "/v1/exports", undefined, {
      include: "http.method",
    });
    const exports = included.body as Record<string, unknown>[];
    expect(Object.keys(exports[0] ?? {}).sort()).toEqual([
      "_connectionId",
      "_id",
      "adaptorType",
      "http",
      "name",
    ]);
    const excluded = await fixture.call("GET", "/v1/flows", undefined, {
      exclude: "pageGenerators,name",
    });
    const flows = excluded.body as Record<string, unknown>[];
    expect(flows[0]).not.toHaveProperty("pageGenerators");
    expect(flows[0]).toHaveProperty("name");
    const both = await fixture.call("GET", "/v1/flows", undefined, {
      include: "name",
      exclude: "schedule",
    });
    expect(both.status).toBe(400);
    expect(both.body).toEqual({
      errors: [
        {
          code: "invalid_query_params",
          message:
            "Please provide either include or exclude param in the request query and not both.",
        },
      ],
    });
    expect((await fixture.call("GET", "/v1/tags", undefined, { include: "tag" })).status).toBe(400);
    expect(
      (await fixture.call("GET", "/v1/flows", undefined, { include: "name;drop" })).status,
    ).toBe(400);
  });

  it("pages lists with an RFC 5988 Link header", async () => {
    const all = (await fixture.call("GET", "/v1/exports")).body as { _id: string }[];
    const first = await fixture.call("GET", "/v1/exports", undefined, { pageSize: 2 });
    expect((first.body as unknown[]).length).toBe(2);
    const link = first.headers.link ?? "";
    expect(link).toMatch(/^<\/v1\/exports\?.*>; rel="next"$/);
    const next = link.slice(1, link.indexOf(">"));
    const second = await fixture.call(
      "GET",
      next.split("?")[0] ?? "",
      undefined,
      Object.fromEntries(new URLSearchParams(next.split("?")[1])),
    );
    expect((second.body as { _id: string }[])[0]?._id).toBe(all[2]?._id);
  });

  it("validates writes with field-level 422s and audits every write", async () => {
    const missingName = await fixture.call("POST", "/v1/integrations", { description: "no name" });
    expect(missingName.status).toBe(422);
    expect((missingName.body as { errors: { field?: string }[] }).errors[0]?.field).toBe("name");
    const created = await fixture.call("POST", "/v1/integrations", { name: "Test Integration" });
    expect(created.status).toBe(201);
    const id = (created.body as { _id: string })._id;
    await fixture.call("PUT", `/v1/integrations/${id}`, { name: "Renamed Integration" });
    const audit = await fixture.call("GET", `/v1/integrations/${id}/audit`);
    const entries = audit.body as {
      event: string;
      fieldChanges: { fieldPath: string; newValue?: unknown }[];
      source: string;
    }[];
    expect(entries.map((entry) => entry.event)).toEqual(["update", "create"]);
    expect(entries[0]?.fieldChanges).toContainEqual({
      fieldPath: "name",
      oldValue: "Test Integration",
      newValue: "Renamed Integration",
    });
    expect(entries[0]?.source).toBe("api");
    expect((await fixture.call("DELETE", `/v1/integrations/${id}`)).status).toBe(204);
    expect((await fixture.call("GET", `/v1/integrations/${id}`)).status).toBe(404);
  });

  it("allows only whitelisted JSON Patch paths (422 otherwise)", async () => {
    const flows = (await fixture.call("GET", "/v1/flows")).body as {
      _id: string;
      _integrationId: string;
    }[];
    const flowId = flows[0]?._id ?? "";
    const allowed = await fixture.call("PATCH", `/v1/flows/${flowId}`, [
      { op: "replace", path: "/name", value: "Patched Flow" },
    ]);
    expect(allowed.status).toBe(204);
    expect(((await fixture.call("GET", `/v1/flows/${flowId}`)).body as { name: string }).name).toBe(
      "Patched Flow",
    );
    const forbidden = await fixture.call("PATCH", `/v1/flows/${flowId}`, [
      { op: "replace", path: "/_integrationId", value: "x" },
    ]);
    expect(forbidden.status).toBe(422);
    expect((forbidden.body as { errors: { code: string }[] }).errors[0]?.code).toBe(
      "invalid_patch",
    );
    const badSchedule = await fixture.call("PATCH", `/v1/flows/${flowId}`, [
      { op: "replace", path: "/schedule", value: "every hour" },
    ]);
    expect(badSchedule.status).toBe(422);
  });

  it("answers tokenInfo and revokes the token on DELETE", async () => {
    const account = fixture.sandbox.createAccount({ scenario: "small" });
    const call = (method: "GET" | "DELETE") =>
      fixture.sandbox.directory.callApi(account.accountId, { method, path: "/v1/tokenInfo" });
    const info = await call("GET");
    expect(info.body).toMatchObject({ scope: "*" });
    expect((await call("DELETE")).status).toBe(204);
    const after = await call("GET");
    expect(after.status).toBe(401);
    expect(after.body).toEqual({ message: "Bearer Authentication Failed" });
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After: 2 once the account's bucket is empty", async () => {
    const fixture = await startTestSandbox({ rateLimit: { capacity: 3, refillPerSecond: 0.001 } });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 4; index++)
        statuses.push((await fixture.call("GET", "/v1/tags")).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await fixture.call("GET", "/v1/tags");
      expect(limited.headers["retry-after"]).toBe("2");
      expect(limited.body).toEqual({
        errors: [{ code: "rate_limited", message: "Too many requests. Retry after 2 seconds." }],
      });
      const other = fixture.sandbox.createAccount({ scenario: "small" });
      const otherCall = await fixture.sandbox.directory.callApi(other.accountId, {
        method: "GET",
        path: "/v1/tags",
      });
      expect(otherCall.status).toBe(200);
    } finally {
      await fixture.sandbox.close();
    }
  });
});
