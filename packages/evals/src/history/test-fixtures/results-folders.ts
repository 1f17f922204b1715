/**
 * Results folders written the way `pnpm eval` writes them (run.json, results.jsonl and the
 * reports), from a list of outcomes, for the diff and history tests that need many shapes of
 * run quickly. The end-to-end tests use real runs instead.
 */
import { mkdir } from "node:fs/promises";
import { writeReports } from "../../reports/write-reports.ts";
import { ResultsFile } from "../../runs/results-file.ts";
import { type RunMetadata, writeRunMetadata } from "../../runs/run-metadata.ts";
import type { RunRecord, RunStatus } from "../../runs/run-record.ts";
import type { RunManifest } from "../run-manifest.ts";

export interface Outcome {
  framework: string;
  caseId: string;
  status: RunStatus;
  repeat?: number;
  model?: string;
  durationMs?: number;
}

export function recordOf(runId: string, outcome: Outcome): RunRecord {
  const model = outcome.model ?? "offline";
  const repeat = outcome.repeat ?? 1;
  const passed = outcome.status === "passed";
  return {
    key: [outcome.framework, model, "router", outcome.caseId, repeat].join("|"),
    runId,
    caseId: outcome.caseId,
    caseFile: `cases/${outcome.caseId}.yaml`,
    prompt: `prompt of ${outcome.caseId}`,
    framework: outcome.framework,
    model,
    exposure: "router",
    repeat,
    status: outcome.status,
    passed,
    graders:
      outcome.status === "failed"
        ? [{ grader: "answer", passed: false, details: [`answer of ${outcome.caseId} lacks it`] }]
        : outcome.status === "passed"
          ? [{ grader: "answer", passed: true, details: [] }]
          : [],
    text: passed ? "the answer" : "",
    toolCalls: [],
    steps: 2,
    usage: { inputTokens: 1000, outputTokens: 100 },
    toolDefinitionTokens: 689,
    costUsd: 0,
    durationMs: outcome.durationMs ?? 400,
    startedAt: "2026-11-21T15:06:00.000Z",
    attempts: 1,
    error:
      outcome.status === "infrastructure-error"
        ? { code: "sandbox_unavailable", message: "the sandbox did not answer" }
        : undefined,
  };
}

export function manifestOf(
  caseHashes: Record<string, string>,
  overrides: Partial<RunManifest> = {},
): RunManifest {
  return {
    git: { commit: "0123456789abcdef0123456789abcdef01234567", dirty: false },
    node: "v24.11.1",
    machine: { platform: "linux", arch: "x64", cpus: 2 },
    frameworks: {
      mastra: {
        package: "@celigo-agents/mastra",
        directory: "apps/mastra",
        dependencies: { "@mastra/core": "1.71.0" },
      },
    },
    models: [
      { name: "offline", provider: "offline", modelId: "offline", offlineProfile: "default" },
    ],
    exposures: ["router"],
    scenarios: ["acme-retail"],
    now: "2026-11-21T15:06:00.000Z",
    cases: Object.fromEntries(
      Object.entries(caseHashes).map(([caseId, sha256]) => [
        caseId,
        { file: `cases/${caseId}.yaml`, sha256, scenario: "acme-retail" },
      ]),
    ),
    ...overrides,
  };
}

export async function writeResultsFolder(
  directory: string,
  metadata: Partial<RunMetadata> & { runId: string; startedAt: string },
  outcomes: readonly Outcome[],
): Promise<RunRecord[]> {
  await mkdir(directory, { recursive: true });
  const full: RunMetadata = {
    now: "2026-11-21T15:06:00.000Z",
    cases: "cases",
    frameworks: [...new Set(outcomes.map((outcome) => outcome.framework))],
    models: ["offline"],
    exposures: ["router"],
    repeat: Math.max(1, ...outcomes.map((outcome) => outcome.repeat ?? 1)),
    ...metadata,
  };
  await writeRunMetadata(directory, full);
  const file = new ResultsFile(directory);
  const records = outcomes.map((outcome) => recordOf(full.runId, outcome));
  for (const record of records) await file.append(record);
  await writeReports(directory, full, records);
  return records;
}
