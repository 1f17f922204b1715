import type { CommittedMistake, MistakeKind } from "@celigo-agents/offline-model";
import { describe, expect, it } from "vitest";
import type { RunRecord, RunStatus } from "../runs/run-record.ts";
import { resilienceOf } from "./resilience.ts";

function record(
  framework: string,
  status: RunStatus,
  kinds: MistakeKind[] | undefined,
  repeat = 1,
): RunRecord {
  const mistakes = kinds?.map(
    (kind, turn): CommittedMistake => ({ kind, turn, tool: "CELIGO_LIST_FLOWS", detail: kind }),
  );
  return {
    key: `${framework}|offline:flaky|router|case|${repeat}`,
    runId: "run",
    caseId: "case",
    caseFile: "cases/case.yaml",
    prompt: "Which flows failed today?",
    framework,
    model: kinds === undefined ? "offline" : "offline:flaky",
    exposure: "router",
    repeat,
    status,
    passed: status === "passed",
    graders: [],
    text: "",
    toolCalls: [],
    steps: 1,
    usage: { inputTokens: 1, outputTokens: 1 },
    toolDefinitionTokens: 1,
    durationMs: 1,
    startedAt: "2026-11-21T15:06:00.000Z",
    attempts: 1,
    ...(mistakes ? { mistakes } : {}),
  };
}

describe("the resilience table", () => {
  it("is absent when no run used a mistake profile", () => {
    expect(resilienceOf([record("mastra", "passed", undefined)])).toBeUndefined();
  });

  it("sorts each run that met a kind by how it ended, and leaves infrastructure errors out", () => {
    const table = resilienceOf([
      record("mastra", "passed", ["unknown-tool"], 1),
      record("mastra", "failed", ["unknown-tool"], 2),
      record("mastra", "agent-error", ["unknown-tool"], 3),
      record("mastra", "timeout", ["premature-answer"], 4),
      record("mastra", "infrastructure-error", ["unknown-tool"], 5),
      record("ai-sdk", "passed", [], 1),
      // Two kinds in one run: the run counts for both.
      record("ai-sdk", "failed", ["name-for-id", "ignore-tool-error"], 2),
    ]);
    expect(table).toEqual({
      mastra: {
        "unknown-tool": { runs: 3, recovered: 1, failed: 1, crashed: 1 },
        "name-for-id": { runs: 0, recovered: 0, failed: 0, crashed: 0 },
        "premature-answer": { runs: 1, recovered: 0, failed: 0, crashed: 1 },
        "ignore-tool-error": { runs: 0, recovered: 0, failed: 0, crashed: 0 },
      },
      "ai-sdk": {
        "unknown-tool": { runs: 0, recovered: 0, failed: 0, crashed: 0 },
        "name-for-id": { runs: 1, recovered: 0, failed: 1, crashed: 0 },
        "premature-answer": { runs: 0, recovered: 0, failed: 0, crashed: 0 },
        "ignore-tool-error": { runs: 1, recovered: 0, failed: 1, crashed: 0 },
      },
    });
  });
});
