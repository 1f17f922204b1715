import { describe, expect, it } from "vitest";
import type { AccountDirectory, ApiRequest, ApiResponse } from "../account-directory.ts";
import { celigoTools, findCeligoTool } from "./celigo-toolkit.ts";
import { executeTool } from "./execute-tool.ts";
import { celigoToolCatalog } from "./tool-catalog.ts";

/** The seam's test double: records each request and answers from a script. */
function recordingDirectory(answer: (request: ApiRequest) => ApiResponse) {
  const requests: ApiRequest[] = [];
  const directory: AccountDirectory = {
    findByComposioKey: () => undefined,
    findByCeligoToken: () => undefined,
    get: () => undefined,
    callApi: async (_accountId, request) => {
      requests.push(request);
      return answer(request);
    },
  };
  return { directory, requests };
}

const ok = (body: unknown, headers: Record<string, string> = {}): ApiResponse => ({
  status: 200,
  headers,
  body,
});

/** Walks a JSON schema and returns every node. */
function nodes(schema: unknown): Record<string, unknown>[] {
  if (typeof schema !== "object" || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const children = [
    ...Object.values((node.properties as Record<string, unknown> | undefined) ?? {}),
    node.items,
  ];
  return [node, ...children.flatMap(nodes)];
}

describe("the Celigo toolkit", () => {
  it("has every tool of Composio's published list, in its order, with its description", () => {
    const published = Object.entries(celigoToolCatalog);
    expect(published).toHaveLength(117);
    expect(celigoTools.map((tool) => tool.slug)).toEqual(published.map(([slug]) => slug));
    for (const [slug, entry] of published) {
      const tool = celigoTools.find((candidate) => candidate.slug === slug);
      expect(tool?.description).toBe(entry.description);
      expect(tool?.name).toBe(entry.name);
    }
  });

  it("serves schemas every framework keeps intact", () => {
    for (const tool of celigoTools) {
      const schema = tool.inputSchema;
      expect(schema.type, tool.slug).toBe("object");
      const text = JSON.stringify(schema);
      for (const keyword of ["$ref", "anyOf", "oneOf", "allOf", "$schema"]) {
        expect(text, `${tool.slug} uses ${keyword}`).not.toContain(`"${keyword}"`);
      }
      for (const node of nodes(schema)) {
        // No open string maps: objects list their properties and close the rest.
        if (node.type === "object") expect(node.additionalProperties, tool.slug).toBe(false);
        for (const name of (node.required as string[] | undefined) ?? []) {
          expect(Object.keys(node.properties as object), tool.slug).toContain(name);
        }
      }
      for (const name of Object.keys(schema.properties ?? {})) {
        expect(name, tool.slug).toMatch(/^[a-z][a-z0-9_]*$/);
      }
    }
  });

  it("annotates reads, writes and destructive changes by what the tool does", () => {
    const annotations = (slug: string) =>
      celigoTools.find((tool) => tool.slug === slug)?.annotations;
    for (const tool of celigoTools) {
      const verb = tool.slug.split("_")[1];
      if (verb === "GET" || verb === "LIST" || verb === "PARSE") {
        expect(tool.annotations.readOnlyHint, tool.slug).toBe(true);
      }
      if (verb === "DELETE" || verb === "PATCH" || verb === "UPDATE") {
        // Error tags are labels on errors, not configuration: a plain write.
        const expected = tool.slug !== "CELIGO_UPDATE_FLOW_ERROR_TAGS";
        expect(tool.annotations.destructiveHint, tool.slug).toBe(expected);
      }
    }
    expect(annotations("CELIGO_RETRY_ERRORS")).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
    });
    expect(annotations("CELIGO_PING_CONNECTION")).toMatchObject({
      readOnlyHint: true,
      openWorldHint: true,
    });
    expect(annotations("CELIGO_INVITE_USER")?.destructiveHint).toBe(true);
  });
});

describe("executeTool", () => {
  it("names the bad argument instead of calling the API", async () => {
    const { directory, requests } = recordingDirectory(() => ok({}));
    const result = await executeTool(directory, "account", "CELIGO_LIST_JOBS", { limit: "ten" });
    expect(result.isError).toBe(true);
    expect(result.structuredContent.error).toContain(
      'Argument "limit" must be a number, not a string',
    );
    expect(requests).toHaveLength(0);
  });

  it("tells a missing argument from one of the wrong type", async () => {
    const { directory } = recordingDirectory(() => ok({}));
    const missing = await executeTool(directory, "account", "CELIGO_GET_FLOW", {});
    expect(missing.structuredContent.error).toContain('Argument "flow_id" is required (string)');
    const wrongType = await executeTool(directory, "account", "CELIGO_GET_FLOW", { flow_id: 42 });
    expect(wrongType.structuredContent.error).toContain(
      'Argument "flow_id" must be a string, not a number',
    );
  });

  it("rejects an argument its schema does not declare, for every tool, before calling the API", async () => {
    const { directory, requests } = recordingDirectory(() => ok([]));
    const fieldsOf = (result: Awaited<ReturnType<typeof executeTool>>) =>
      (result.structuredContent.data as { errors: { field?: string }[] }).errors.map(
        (error) => error.field,
      );
    // The report of issue 11: CELIGO_LIST_FLOWS {bogus_arg: 1} used to list the flows.
    const listed = await executeTool(directory, "account", "CELIGO_LIST_FLOWS", { bogus_arg: 1 });
    expect(listed.isError).toBe(true);
    expect(fieldsOf(listed)).toEqual(["bogus_arg"]);
    const parameters = Object.keys(findCeligoTool("CELIGO_LIST_FLOWS")?.input.shape ?? {});
    expect(listed.structuredContent.error).toContain(`its parameters are ${parameters.join(", ")}`);
    for (const tool of celigoTools) {
      const result = await executeTool(directory, "account", tool.slug, { bogus_arg: 1 });
      expect(result.isError, tool.slug).toBe(true);
      expect(fieldsOf(result), tool.slug).toContain("bogus_arg");
    }
    expect(requests).toHaveLength(0);
  });

  it("rejects an undeclared key inside a nested argument, and keeps undefined ones out of it", async () => {
    const { directory, requests } = recordingDirectory(() => ok({}));
    const nested = await executeTool(directory, "account", "CELIGO_UPDATE_USER", {
      user_id: "u1",
      integration_access: [{ integration_id: "i1", access_level: "monitor", role: "admin" }],
    });
    expect(nested.isError).toBe(true);
    expect(nested.structuredContent.error).toBe(
      'Argument "integration_access.0.role" is not a parameter of this tool inside "integration_access.0". Leave it out.',
    );
    expect(requests).toHaveLength(0);
    const declaredOnly = await executeTool(directory, "account", "CELIGO_UPDATE_USER", {
      user_id: "u1",
      access_level: "monitor",
      integration_access: undefined,
    });
    expect(declaredOnly.isError).toBeUndefined();
    expect(requests.map((request) => request.method)).toEqual(["PUT"]);
  });

  it("carries Celigo's errors[] on an API failure", async () => {
    const { directory } = recordingDirectory(() => ({
      status: 422,
      headers: {},
      body: { errors: [{ code: "invalid_ref", message: "Export x does not exist.", field: "x" }] },
    }));
    const result = await executeTool(directory, "account", "CELIGO_DELETE_EXPORT", {
      export_id: "x",
    });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toEqual({
      data: {
        status: 422,
        errors: [{ code: "invalid_ref", message: "Export x does not exist.", field: "x" }],
      },
      successful: false,
      error: "Export x does not exist.",
    });
    expect(JSON.parse(result.content[0]?.text ?? "")).toEqual(result.structuredContent);
  });

  it("maps job filters to Celigo's query and hands out the keyset cursor", async () => {
    const jobs = Array.from({ length: 5 }, (_, index) => ({
      _id: `job${index}`,
      createdAt: new Date(Date.UTC(2025, 2, 14, 12, 0, 5 - index)).toISOString(),
    }));
    const { directory, requests } = recordingDirectory(() => ok(jobs));
    const result = await executeTool(directory, "account", "CELIGO_LIST_JOBS", {
      flow_id: "f1",
      created_at_gte: "2025-03-14",
      status: ["failed", "completed"],
      limit: 3,
    });
    expect(requests[0]).toEqual({
      method: "GET",
      path: "/v1/jobs",
      query: { _flowId: "f1", createdAt_gte: "2025-03-14", status: ["failed", "completed"] },
    });
    const data = result.structuredContent.data as { jobs: unknown[]; next_cursor: string };
    expect(data.jobs).toHaveLength(3);
    expect(data.next_cursor).toBe("2025-03-14T12:00:02.999Z");
  });

  it("patches with decoded JSON values and pages lists by Link header", async () => {
    const { directory, requests } = recordingDirectory((request) =>
      request.method === "PATCH"
        ? { status: 204, headers: {}, body: undefined }
        : ok([{ _id: "a" }], { link: '</v1/flows?skip=1&pageSize=1>; rel="next"' }),
    );
    await executeTool(directory, "account", "CELIGO_PATCH_FLOW", {
      flow_id: "f1",
      operations: [
        { op: "replace", path: "/disabled", value: "true" },
        { op: "replace", path: "/name", value: "Orders v2" },
        { op: "replace", path: "/schedule", value: false },
      ],
    });
    expect(requests[0]).toEqual({
      method: "PATCH",
      path: "/v1/flows/f1",
      body: [
        { op: "replace", path: "/disabled", value: true },
        { op: "replace", path: "/name", value: "Orders v2" },
        { op: "replace", path: "/schedule", value: false },
      ],
    });
    const listed = await executeTool(directory, "account", "CELIGO_LIST_FLOWS", { limit: 1 });
    expect(requests[1]?.query).toEqual({ skip: 0, pageSize: 1 });
    expect(listed.structuredContent.data).toMatchObject({ count: 1, next_offset: 1 });
  });

  it("updates by reading the resource and sending it back whole", async () => {
    const current = { _id: "f1", name: "Old", schedule: "? 0 * ? * *", createdAt: "x" };
    const { directory, requests } = recordingDirectory((request) =>
      ok(request.method === "GET" ? current : { ...current, name: "New" }),
    );
    await executeTool(directory, "account", "CELIGO_UPDATE_FLOW", { flow_id: "f1", name: "New" });
    expect(requests.map((request) => request.method)).toEqual(["GET", "PUT"]);
    expect(requests[1]?.body).toEqual({ name: "New", schedule: "? 0 * ? * *" });
  });

  it("encodes ids into the path so they cannot change the route", async () => {
    const { directory, requests } = recordingDirectory(() => ok({}));
    await executeTool(directory, "account", "CELIGO_GET_STATE_VALUE", { key: "../flows/x" });
    expect(requests[0]?.path).toBe("/v1/state/..%2Fflows%2Fx");
  });

  it("answers an unknown slug with a tool error", async () => {
    const { directory } = recordingDirectory(() => ok({}));
    const result = await executeTool(directory, "account", "CELIGO_RUN_EVERYTHING", {});
    expect(result.isError).toBe(true);
    expect(result.structuredContent.error).toContain("CELIGO_RUN_EVERYTHING");
  });
});
