import type { ToolCallRecord } from "@celigo-agents/core";
import { describe, expect, it } from "vitest";
import { flattenToolCalls } from "./flatten-tool-calls.ts";
import { gradeTrajectory, type TrajectoryExpectation } from "./trajectory-grader.ts";

function record(slug: string, args: unknown, name = slug, result: unknown = { ok: true }) {
  return { name, slug, arguments: args, result, isError: false, durationMs: 1 } as ToolCallRecord;
}

const listFlows = record("CELIGO_LIST_FLOWS", {});
const retry = record("CELIGO_RETRY_ERRORS", { flowId: "f1", retryDataKeys: ["a"] });
const listJobs = record("CELIGO_LIST_JOBS", { status: "failed" });

function expectation(overrides: Partial<TrajectoryExpectation>): TrajectoryExpectation {
  return {
    order: "strict",
    args: "exact",
    calls: [
      { tool: "CELIGO_LIST_FLOWS", args: {} },
      { tool: "CELIGO_RETRY_ERRORS", args: { flowId: "f1", retryDataKeys: ["a"] } },
    ],
    ...overrides,
  };
}

describe("gradeTrajectory order modes", () => {
  it("strict passes the exact sequence and names an out-of-order call", () => {
    expect(gradeTrajectory(expectation({}), flattenToolCalls([listFlows, retry])).passed).toBe(
      true,
    );
    const swapped = gradeTrajectory(expectation({}), flattenToolCalls([retry, listFlows]));
    expect(swapped.passed).toBe(false);
    expect(swapped.details.join("\n")).toMatch(/CELIGO_(LIST_FLOWS|RETRY_ERRORS)/);
  });

  it("unordered accepts any order but not an extra call", () => {
    const mode = expectation({ order: "unordered" });
    expect(gradeTrajectory(mode, flattenToolCalls([retry, listFlows])).passed).toBe(true);
    const extra = gradeTrajectory(mode, flattenToolCalls([retry, listJobs, listFlows]));
    expect(extra.details).toEqual(['extra: CELIGO_LIST_JOBS {"status":"failed"} (call 2)']);
  });

  it("superset allows extras and reports a missing call", () => {
    const mode = expectation({ order: "superset" });
    expect(gradeTrajectory(mode, flattenToolCalls([listJobs, listFlows, retry])).passed).toBe(true);
    const missing = gradeTrajectory(mode, flattenToolCalls([listFlows]));
    expect(missing.details).toEqual([
      'missing: CELIGO_RETRY_ERRORS {"flowId":"f1","retryDataKeys":["a"]}',
    ]);
  });

  it("subset allows leaving calls out but no tool beyond the reference", () => {
    const mode = expectation({ order: "subset" });
    expect(gradeTrajectory(mode, flattenToolCalls([listFlows])).passed).toBe(true);
    expect(gradeTrajectory(mode, flattenToolCalls([listFlows, listJobs])).details).toEqual([
      'extra: CELIGO_LIST_JOBS {"status":"failed"} (call 2)',
    ]);
  });
});

describe("gradeTrajectory argument modes", () => {
  const other = record("CELIGO_RETRY_ERRORS", { flowId: "f2", retryDataKeys: ["a"] });
  const more = record("CELIGO_RETRY_ERRORS", { flowId: "f1", retryDataKeys: ["a"], note: "x" });
  const fewer = record("CELIGO_RETRY_ERRORS", { flowId: "f1" });
  const calls = (call: ToolCallRecord) => flattenToolCalls([listFlows, call]);

  it("exact names the different argument", () => {
    const result = gradeTrajectory(expectation({}), calls(other));
    expect(result.details).toEqual([
      'different: CELIGO_RETRY_ERRORS (call 2) arguments: flowId: expected "f1", got "f2"',
    ]);
    expect(gradeTrajectory(expectation({}), calls(more)).details[0]).toContain(
      'note not expected (got "x")',
    );
  });

  it("ignore compares by slug only", () => {
    expect(gradeTrajectory(expectation({ args: "ignore" }), calls(other)).passed).toBe(true);
  });

  it("superset accepts extra arguments and reports a missing one", () => {
    expect(gradeTrajectory(expectation({ args: "superset" }), calls(more)).passed).toBe(true);
    expect(gradeTrajectory(expectation({ args: "superset" }), calls(fewer)).details[0]).toContain(
      'retryDataKeys missing (expected ["a"])',
    );
  });

  it("subset accepts fewer arguments but not an unexpected one", () => {
    expect(gradeTrajectory(expectation({ args: "subset" }), calls(fewer)).passed).toBe(true);
    expect(gradeTrajectory(expectation({ args: "subset" }), calls(more)).passed).toBe(false);
  });

  it("a per-call mode overrides the trajectory's", () => {
    const mode = expectation({
      calls: [
        { tool: "CELIGO_LIST_FLOWS" },
        { tool: "CELIGO_RETRY_ERRORS", args: { flowId: "f1" }, argsMode: "superset" },
      ],
    });
    expect(gradeTrajectory(mode, calls(more)).passed).toBe(true);
  });
});

describe("router and direct exposure grade alike", () => {
  it("drops discovery meta-tools and unwraps multi-execute into its inner calls", () => {
    const routed = [
      record("COMPOSIO_SEARCH_TOOLS", { queries: [{ use_case: "retry errors" }] }),
      record(
        "COMPOSIO_MULTI_EXECUTE_TOOL",
        JSON.stringify({
          tools: [
            { tool_slug: "CELIGO_LIST_FLOWS", arguments: {} },
            { tool_slug: "CELIGO_RETRY_ERRORS", arguments: { flowId: "f1", retryDataKeys: ["a"] } },
          ],
          sync_response_to_workbench: false,
        }),
        "celigo_COMPOSIO_MULTI_EXECUTE_TOOL",
        {
          content: [
            {
              type: "text",
              text: JSON.stringify({
                data: {
                  results: [
                    { response: { successful: true } },
                    { response: { successful: false } },
                  ],
                },
              }),
            },
          ],
        },
      ),
    ];
    const flat = flattenToolCalls(routed);
    expect(flat.map((call) => [call.slug, call.isError, call.via])).toEqual([
      ["CELIGO_LIST_FLOWS", false, "celigo_COMPOSIO_MULTI_EXECUTE_TOOL"],
      ["CELIGO_RETRY_ERRORS", true, "celigo_COMPOSIO_MULTI_EXECUTE_TOOL"],
    ]);
    expect(gradeTrajectory(expectation({}), flat).passed).toBe(true);
  });
});
