/**
 * Every app, exported and used as a user would: `npm install` from the registry (the npm cache
 * of the user's home, shared between runs), `npm run typecheck`, `npm test` and
 * `npm start -- "Which flows failed today?"` against this repository's sandbox (through its
 * Composio emulation) and offline model (as an OpenAI-compatible server), on the machine's own
 * Node and npm, outside this repository. The answer must name exactly the flows that failed
 * today, read from the sandbox account's REST API.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  accountFacts,
  failedFlowsPrompt,
  flowNames,
  mentionedFlows,
  startTestEnvironment,
  type TestEnvironment,
} from "@celigo-agents/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStarter, defaultRepositoryRoot } from "./create-starter.ts";
import { listFrameworks } from "./starter-apps.ts";
import {
  type CommandResult,
  installStarter,
  machineEnvironment,
  runCommand,
  starterScratchDirectory,
} from "./starter-commands.ts";

// biome-ignore lint/style/noProcessEnv: npm needs the machine's PATH, HOME and proxy settings.
const machine = machineEnvironment(process.env);
const minute = 60_000;

describe("exported starters", () => {
  let scratch: string;
  beforeAll(() => {
    const parent = starterScratchDirectory(defaultRepositoryRoot);
    mkdirSync(parent, { recursive: true });
    scratch = mkdtempSync(join(parent, "test-"));
    // The starter's config reads the nearest .env up from its folder: this empty one stops the
    // search, so no .env of the machine changes what runs.
    writeFileSync(join(scratch, ".env"), "");
  });
  // Five node_modules folders of about 500 MB each take a while to delete on a busy machine.
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }, 5 * minute);

  it.concurrent.each(listFrameworks(defaultRepositoryRoot))(
    "%s: installs from npm, typechecks, passes its tests and names exactly the flows that failed today",
    async (framework) => {
      const directory = join(scratch, framework);
      const timings: string[] = [];
      const step = async (
        label: string,
        args: string[],
        variables: Record<string, string>,
        timeoutMs: number,
      ): Promise<CommandResult> => {
        const result = await runCommand("npm", args, {
          cwd: directory,
          env: { ...machine, NO_COLOR: "1", ...variables },
          timeoutMs,
        });
        timings.push(`${label} ${(result.durationMs / 1000).toFixed(1)} s`);
        return result;
      };

      const exportStarted = performance.now();
      createStarter({ framework, directory, name: `celigo-${framework}-starter` });
      timings.push(`export ${((performance.now() - exportStarted) / 1000).toFixed(1)} s`);
      const packageText = readFileSync(join(directory, "package.json"), "utf8");
      expect(packageText).not.toMatch(/workspace:|catalog:|@celigo-agents\//);

      const install = await installStarter(directory, machine, 15 * minute);
      timings.push(`install ${(install.durationMs / 1000).toFixed(1)} s`);
      expect(install.exitCode, install.stderr).toBe(0);
      const typecheck = await step("typecheck", ["run", "typecheck"], {}, 10 * minute);
      expect(typecheck.exitCode, typecheck.stdout + typecheck.stderr).toBe(0);

      // Without a source or a model, it says what to set in one paragraph, with no stack trace.
      const unconfigured = await step(
        "unconfigured",
        ["start", "--", failedFlowsPrompt],
        {},
        5 * minute,
      );
      expect(unconfigured.exitCode, unconfigured.stdout + unconfigured.stderr).toBe(2);
      expect(unconfigured.stderr).toContain("Nothing to connect to yet");
      expect(unconfigured.stderr).not.toMatch(/^\s+at /m);

      // A fresh account on the agent's real day, just before the runs that read it.
      const environment: TestEnvironment = await startTestEnvironment({
        exposure: "direct",
        now: "today",
      });
      try {
        const sandbox = environment.session.sandbox;
        if (!sandbox) throw new Error("the sandbox source always has a sandbox account");
        const services = {
          COMPOSIO_BASE_URL: sandbox.baseUrl,
          COMPOSIO_API_KEY: sandbox.composioApiKey,
          OPENAI_BASE_URL: environment.model.baseURL,
          MODEL: `openai/${environment.model.modelId}`,
        };
        const tests = await step("test", ["test"], services, 10 * minute);
        expect(tests.exitCode, tests.stdout + tests.stderr).toBe(0);
        // The runner's own test ran against the services rather than being skipped.
        expect(tests.stderr).not.toContain("src/runner.test.ts is skipped");
        expect(tests.stdout).toMatch(/src\/runner\.test\.ts \(1 test\)/);

        const facts = accountFacts(environment);
        const answer = await step(
          "answer",
          ["start", "--", failedFlowsPrompt],
          services,
          5 * minute,
        );
        expect(answer.exitCode, answer.stdout + answer.stderr).toBe(0);
        const expected = flowNames(await facts.failedFlowsToday());
        expect(expected.length, "the scenario should have failures today").toBeGreaterThan(0);
        expect(flowNames(mentionedFlows(answerText(answer.stdout), await facts.flows()))).toEqual(
          expected,
        );
      } finally {
        await environment.close();
        console.info(`${framework}: ${timings.join(", ")}`);
      }
    },
    45 * minute,
  );
});

/** What `npm start` printed as the answer: npm's banner and the chat's tool lines left out. */
function answerText(stdout: string): string {
  return stdout
    .split("\n")
    .filter((line) => !line.startsWith(">") && !/^\s*↳/.test(line))
    .join("\n");
}
