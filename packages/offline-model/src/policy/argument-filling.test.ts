import { describe, expect, it } from "vitest";
import { fillArguments } from "./argument-filling.ts";

describe("fillArguments", () => {
  const listJobs = {
    type: "object",
    properties: {
      flow_id: { type: "string" },
      created_at_gte: { type: "string", description: "ISO 8601" },
      created_at_lte: { type: "integer", description: "epoch milliseconds" },
      status: { type: "string", enum: ["failed", "completed"] },
      type: { type: "string", enum: ["export", "import"] },
      limit: { type: "integer", maximum: 200 },
    },
    required: ["flow_id"],
  };

  it("sends ISO text to a string bound even when its description mentions epoch milliseconds", () => {
    const since = new Date("2026-11-21T00:00:00.000Z");
    const schema = {
      type: "object",
      properties: {
        created_at_gte: { type: "string", description: "ISO 8601 date or epoch milliseconds" },
        num_error_gte: { type: "integer", description: "Only jobs with at least this many errors" },
      },
      required: ["created_at_gte"],
    };
    expect(fillArguments("CELIGO_LIST_JOBS", schema, { since })).toEqual({
      arguments: { created_at_gte: "2026-11-21T00:00:00.000Z" },
      missing: [],
    });
  });

  it("shapes objects inside arrays by their own schema: a JSON-text patch value", () => {
    const schema = {
      type: "object",
      properties: {
        flow_id: { type: "string" },
        operations: {
          type: "array",
          items: {
            type: "object",
            properties: {
              op: { type: "string", enum: ["replace"] },
              path: { type: "string" },
              value: { type: "string", description: "The new value, JSON-encoded" },
            },
          },
        },
      },
      required: ["flow_id", "operations"],
    };
    const filled = fillArguments("CELIGO_PATCH_FLOW", schema, {
      flowId: "f1",
      patchOperations: [{ op: "replace", path: "/disabled", value: true }],
    });
    expect(filled).toEqual({
      arguments: {
        flow_id: "f1",
        operations: [{ op: "replace", path: "/disabled", value: "true" }],
      },
      missing: [],
    });
  });

  it("maps values to the schema's own names and types", () => {
    const since = new Date("2026-11-21T00:00:00.000Z");
    const until = new Date("2026-11-21T10:00:00.000Z");
    const filled = fillArguments("CELIGO_LIST_JOBS", listJobs, {
      flowId: "f1",
      since,
      until,
      status: "failed",
      jobType: "flow",
    });
    // `type` has no "flow" in its enum, so it is left out rather than sent wrong.
    expect(filled).toEqual({
      arguments: {
        flow_id: "f1",
        created_at_gte: "2026-11-21T00:00:00.000Z",
        created_at_lte: until.getTime(),
        status: "failed",
        limit: 200,
      },
      missing: [],
    });
  });

  it("reports required parameters it has no value for", () => {
    expect(fillArguments("CELIGO_LIST_JOBS", listJobs, {}).missing).toEqual(["flow_id"]);
  });

  it("reads a bare id as the id of the tool's resource and wraps single values into arrays", () => {
    const schema = {
      type: "object",
      properties: {
        id: { type: "string" },
        error_ids: { type: "array", items: { type: "string" } },
      },
    };
    expect(
      fillArguments("CELIGO_GET_FLOW", schema, { flowId: "f9", errorIds: "e1" }).arguments,
    ).toEqual({
      id: "f9",
      error_ids: ["e1"],
    });
  });
});
