/**
 * Issue 11, item 4: one paging parser for every list route, one cap on string lengths for
 * writes, an impossible "now" refused as a 400 naming the field, unexpected errors logged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountRegistry } from "../account-registry.ts";
import { startSandbox } from "../server.ts";
import { type SandboxFixture, startTestSandbox } from "../testing/sandbox-fixture.ts";
import { maximumStringCharacters } from "./request-body.ts";

type Envelope = { errors: { code: string; message: string; field?: string }[] };

describe("input limits of the API", () => {
  let fixture: SandboxFixture;
  let flowId: string;
  let jobId: string;
  let errorListPath: string;
  beforeAll(async () => {
    fixture = await startTestSandbox();
    const flows = (await fixture.call("GET", "/v1/flows")).body as {
      _id: string;
      pageGenerators?: { _exportId: string }[];
    }[];
    const flow = flows.find((candidate) => candidate.pageGenerators?.[0] !== undefined);
    flowId = flow?._id ?? "";
    errorListPath = `/v1/flows/${flowId}/${flow?.pageGenerators?.[0]?._exportId}/errors`;
    const jobs = (
      await fixture.call("GET", "/v1/jobs", undefined, { createdAt_gte: "2000-01-01T00:00:00Z" })
    ).body as { _id: string; numError: number }[];
    jobId = jobs.find((job) => job.numError > 1)?._id ?? "";
  });
  afterAll(() => fixture.sandbox.close());

  const listRoutes = () => [
    { path: "/v1/flows", query: {}, skip: "skip", size: "pageSize" },
    { path: "/v1/exports", query: {}, skip: "skip", size: "pageSize" },
    {
      path: "/v1/jobs",
      query: { createdAt_gte: "2000-01-01T00:00:00Z" },
      skip: "skip",
      size: "pageSize",
    },
    { path: errorListPath, query: {}, skip: "page", size: "pageSize" },
    { path: `/v1/jobs/${jobId}/errors`, query: {}, skip: "page", size: "page_size" },
  ];

  it("refuses the same bad paging values on every list route with a 400 naming the parameter", async () => {
    // The report: /v1/jobs accepted pageSize=-1 and skip=0x10 while /v1/flows refused them.
    const bad = ["-1", "0x10", "1e1", " 1", "1.5", "", "99999999999999999"];
    for (const route of listRoutes()) {
      for (const [name, value] of [
        ...bad.map((value) => [route.skip, value]),
        ...[...bad, "0", "1001"].map((value) => [route.size, value]),
      ] as [string, string][]) {
        const answer = await fixture.call("GET", route.path, undefined, {
          ...route.query,
          [name]: value,
        });
        const where = `${route.path}?${name}=${value}`;
        expect(answer.status, where).toBe(400);
        expect((answer.body as Envelope).errors[0], where).toMatchObject({
          code: "invalid_query_params",
          field: name,
        });
      }
    }
  });

  it("pages every list route with good values", async () => {
    for (const route of listRoutes()) {
      const all = await fixture.call("GET", route.path, undefined, route.query);
      const items = (
        Array.isArray(all.body) ? all.body : (all.body as { errors: unknown[] }).errors
      ) as unknown[];
      const firstPage = route.skip === "page" && route.size === "page_size" ? "1" : "0";
      const one = await fixture.call("GET", route.path, undefined, {
        ...route.query,
        [route.skip]: firstPage,
        [route.size]: "1",
      });
      expect(items.length, route.path).toBeGreaterThan(1);
      expect(one.status, route.path).toBe(200);
      const page = (
        Array.isArray(one.body) ? one.body : (one.body as { errors: unknown[] }).errors
      ) as unknown[];
      expect(page, route.path).toEqual(items.slice(0, 1));
    }
  });

  it("refuses a write holding a string over the cap, naming the field, and saves nothing", async () => {
    // The report: a 900 KB flow name was saved.
    const before = (await fixture.call("GET", `/v1/flows/${flowId}`)).body as { name: string };
    const answer = await fixture.call("PUT", `/v1/flows/${flowId}`, {
      ...before,
      name: "n".repeat(900_000),
    });
    expect(answer.status).toBe(422);
    expect((answer.body as Envelope).errors[0]).toMatchObject({
      code: "invalid_field",
      field: "name",
    });
    expect((answer.body as Envelope).errors[0]?.message).toContain(
      `limited to ${maximumStringCharacters} characters`,
    );
    const after = (await fixture.call("GET", `/v1/flows/${flowId}`)).body as { name: string };
    expect(after.name).toBe(before.name);
    const nested = await fixture.call("PUT", "/v1/state/long-value", {
      deep: [{ text: "t".repeat(maximumStringCharacters + 1) }],
    });
    expect((nested.body as Envelope).errors[0]?.field).toBe("deep.0.text");
    const atTheCap = await fixture.call("PUT", `/v1/flows/${flowId}`, {
      ...before,
      description: "d".repeat(maximumStringCharacters),
    });
    expect(atTheCap.status).toBe(200);
  });

  it("answers an impossible now with a 400 naming the field", async () => {
    const admin = (body: unknown) =>
      fetch(`${fixture.sandbox.baseUrl}/sandbox/accounts`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${fixture.sandbox.adminToken}`,
          "content-type": "application/json",
        },
        body: JSON.stringify(body),
      });
    // The report: this answered 500 and logged nothing.
    for (const now of ["+275760-09-13T00:00:00Z", "1969-12-31T23:59:59Z", "2025-13-45T00:00:00Z"]) {
      const answer = await admin({ now });
      expect(answer.status, now).toBe(400);
      expect(((await answer.json()) as Envelope).errors[0], now).toMatchObject({
        code: "invalid_field",
        field: "now",
      });
    }
    const unknown = await admin({ scenario: "nope" });
    expect(((await unknown.json()) as Envelope).errors[0]?.field).toBe("scenario");
    expect((await admin({ now: "9999-12-31T00:00:00Z", scenario: "small" })).status).toBe(201);
  });
});

describe("unexpected errors", () => {
  it("are logged with their stack, and answered with a generic 500 envelope", async () => {
    const lines: string[] = [];
    const sandbox = await startSandbox({
      scenario: "small",
      rateLimit: false,
      log: (line) => lines.push(line),
    });
    try {
      // Fault injection: a lookup every /v1 request makes throws, as a sandbox bug would.
      (sandbox.directory as AccountRegistry).runtimeByCeligoToken = () => {
        throw new Error("injected lookup failure");
      };
      const answer = await fetch(`${sandbox.baseUrl}/v1/flows?token=not-logged`, {
        headers: { authorization: `Bearer ${sandbox.defaultAccount.celigoToken}` },
      });
      expect(answer.status).toBe(500);
      const text = await answer.text();
      expect(JSON.parse(text).errors[0].code).toBe("internal_error");
      expect(text).not.toContain("injected");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain("sandbox: unexpected error in GET /v1/flows");
      expect(lines[0]).toContain("Error: injected lookup failure");
      expect(lines[0]).toMatch(/at .*celigo-auth\.ts/);
      expect(lines[0]).not.toContain("not-logged");
      expect(lines[0]).not.toContain(sandbox.defaultAccount.celigoToken);
    } finally {
      await sandbox.close();
    }
  });
});
