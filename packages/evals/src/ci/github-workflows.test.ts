/**
 * Both workflows pass actionlint, say what the project needs (ci runs .ci/run; eval shards,
 * merges and diffs on demand and on pushes to main), and every run script parses in bash.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { findRepositoryRoot } from "../repository-root.ts";
import { findStep, lintWorkflow, readWorkflow, workflowPath } from "./github-workflows.ts";

const repositoryRoot = findRepositoryRoot(path.dirname(fileURLToPath(import.meta.url)));
const run = promisify(execFile);

describe("GitHub Actions workflows", () => {
  it.each(["ci.yml", "eval.yml"])(
    "%s passes actionlint and its scripts parse",
    async (name) => {
      const { text, workflow } = await readWorkflow(workflowPath(repositoryRoot, name));
      const problems = await lintWorkflow(text);
      expect(
        problems.map((problem) => `${name}:${problem.line}:${problem.column} ${problem.message}`),
      ).toEqual([]);
      for (const [jobName, job] of Object.entries(workflow.jobs)) {
        for (const step of job.steps.filter((candidate) => candidate.run)) {
          // Expressions are substituted before bash sees the script; any word stands in for them.
          const script = (step.run as string).replaceAll(/\$\{\{[^}]*\}\}/g, "expression");
          await expect(
            run("bash", ["-n", "-c", script]),
            `${name} ${jobName} "${step.name ?? step.id}"`,
          ).resolves.toBeDefined();
        }
      }
    },
    60_000,
  );

  it("actionlint catches a broken workflow (the check can fail)", async () => {
    const { text } = await readWorkflow(workflowPath(repositoryRoot, "eval.yml"));
    const broken = text
      .replace("needs: [plan, shard]", "needs: [plan, shards]")
      .replace("needs.plan.outputs.count }}", "needs.plan.outputs.total }}");
    expect(broken).not.toBe(text);
    const messages = (await lintWorkflow(broken)).map((problem) => problem.message).join("\n");
    expect(messages).toContain('needs job "shards" which does not exist');
    expect(messages).toContain('property "total" is not defined');
  }, 60_000);

  it("ci runs .ci/run; eval runs on demand with the four inputs and on pushes to main", async () => {
    const ci = (await readWorkflow(workflowPath(repositoryRoot, "ci.yml"))).workflow;
    const ciSteps = Object.values(ci.jobs).flatMap((job) => job.steps);
    expect(ciSteps.some((step) => step.run?.trim() === "bash .ci/run")).toBe(true);

    const { workflow } = await readWorkflow(workflowPath(repositoryRoot, "eval.yml"));
    const dispatch = workflow.on.workflow_dispatch as { inputs: Record<string, unknown> };
    expect(Object.keys(dispatch.inputs)).toEqual(
      expect.arrayContaining(["model", "frameworks", "repeat", "shards"]),
    );
    expect((workflow.on.push as { branches: string[] }).branches).toEqual(["main"]);
    const strategy = workflow.jobs.shard?.strategy as { matrix: { shard: string } };
    expect(strategy.matrix.shard).toContain("fromJSON(needs.plan.outputs.shards)");
    expect(findStep(workflow, "shard", "eval-shard").run).toContain(
      '--shard "$SHARD" --run-id "$RUN_ID"',
    );
    expect(findStep(workflow, "merge", "merge").run).toContain("npx pnpm eval merge");
    expect(findStep(workflow, "merge", "diff").run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    // The machines need only Node 20 and npm: every install is the README's quick-start line.
    const readme = await readFile(path.join(repositoryRoot, "README.md"), "utf8");
    const installs = Object.values(workflow.jobs)
      .flatMap((job) => job.steps)
      .filter((step) => step.name?.startsWith("Install"))
      .map((step) => step.run?.trim() ?? "");
    expect(installs.length).toBe(2);
    for (const install of installs) expect(readme).toContain(`${install} && npx pnpm eval`);
  });
});
