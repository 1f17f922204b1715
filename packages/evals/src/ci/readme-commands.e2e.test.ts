/**
 * Every command shown in README.md and apps/*\/README.md runs as shown, from the repository
 * root, in bash: one-shot chats answer, interactive chats answer a typed question and leave on
 * `exit`, the playground serves its page and stops on Ctrl-C, create-starter writes a project.
 * Keys in the machine's shell or `.env` are blanked, so the commands meet the in-process sandbox
 * and the offline model, as on a fresh clone; the sandbox's clock is pinned so "today" is known.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  accountFacts,
  defaultTestNow,
  flowNames,
  mentionedFlows,
  startTestEnvironment,
} from "@celigo-agents/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRepositoryRoot } from "../repository-root.ts";
import { type ReadmeCommand, readmeCommands, readmeFiles } from "./readme-commands.ts";

const repositoryRoot = findRepositoryRoot(path.dirname(fileURLToPath(import.meta.url)));
const minute = 60_000;

/**
 * The machine's environment with every source and model setting blanked (blank means unset).
 * The base URLs are left alone: with no key they are unused, and @ai-sdk/openai 4 refuses a
 * blank OPENAI_BASE_URL as soon as it is imported.
 */
const environment: NodeJS.ProcessEnv = {
  // biome-ignore lint/style/noProcessEnv: npx and pnpm need the machine's PATH and HOME.
  ...process.env,
  ...Object.fromEntries(
    [
      "MODEL",
      "OPENAI_API_KEY",
      "COMPOSIO_API_KEY",
      "CELIGO_SOURCE",
      "CELIGO_MCP_URL",
      "CELIGO_API_TOKEN",
      "CELIGO_TOOLS",
      "SANDBOX_SCENARIO",
    ].map((name) => [name, ""]),
  ),
  SANDBOX_NOW: defaultTestNow,
  NO_COLOR: "1",
};

interface Finished {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

function start(
  command: string,
  input?: string,
): { child: ChildProcess; finished: Promise<Finished> } {
  // Its own process group, so Ctrl-C (SIGINT) reaches npx, pnpm and the app as from a terminal.
  const child = spawn("bash", ["-c", command], {
    cwd: repositoryRoot,
    env: environment,
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  if (input !== undefined) child.stdin?.end(input);
  else child.stdin?.end();
  const finished = new Promise<Finished>((resolve) =>
    child.on("close", (exitCode, signal) => resolve({ exitCode, signal, output })),
  );
  return { child, finished: withDeadline(child, finished, () => output) };
}

function withDeadline(
  child: ChildProcess,
  finished: Promise<Finished>,
  output: () => string,
): Promise<Finished> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
      reject(new Error(`still running after 4 minutes:\n${output()}`));
    }, 4 * minute);
  });
  return Promise.race([finished, deadline]).finally(() => clearTimeout(timer));
}

/** What the chat printed as its answer: pnpm's banner and the tool and footer lines left out. */
function answerOf(output: string): string {
  return output
    .split("\n")
    .filter((line) => !/^\s*(>|↳|\()/.test(line))
    .join("\n");
}

const commands = readmeFiles(repositoryRoot).flatMap((file) =>
  readmeCommands(repositoryRoot, file),
);
const failedTodayPrompt = "Which flows failed today?";

describe("README commands", () => {
  let failedToday: string[];
  let flows: Awaited<ReturnType<ReturnType<typeof accountFacts>["flows"]>>;
  let scratch: string;
  beforeAll(async () => {
    // The same scenario and clock as the commands' in-process sandbox, read through its REST API.
    const reference = await startTestEnvironment({ exposure: "direct", now: defaultTestNow });
    try {
      const facts = accountFacts(reference);
      flows = await facts.flows();
      failedToday = flowNames(await facts.failedFlowsToday());
    } finally {
      await reference.close();
    }
    scratch = mkdtempSync(path.join(tmpdir(), "readme-commands-"));
  }, 2 * minute);
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("finds the commands the READMEs show", () => {
    expect(commands.filter((entry) => entry.file === "README.md").length).toBeGreaterThan(3);
    for (const app of ["mastra", "openai-agents", "ai-sdk", "langchain", "baseline"]) {
      expect(commands.some((entry) => entry.file === `apps/${app}/README.md`)).toBe(true);
    }
  });

  const label = (entry: ReadmeCommand) => `${entry.file}:${entry.line} ${entry.command}`;

  it.concurrent.each(commands.map((entry) => [label(entry), entry] as const))(
    "%s",
    async (_label, entry) => {
      const { command } = entry;
      if (/^npx -y pnpm@[\d.]+ install && npx pnpm eval$|^npx pnpm test$/.test(command)) {
        // The quick start: .ci/run runs both lines on a clean clone (this suite is the second).
        return;
      }
      if (/^cd \S+ && npm install && npm start/.test(command)) {
        // Installing an exported starter from the registry and asking it this question is what
        // packages/create-starter/src/exported-starters.e2e.test.ts does for every framework.
        return;
      }
      const exportMatch = command.match(/^npx pnpm create-starter (\S+) (\S+)$/);
      if (exportMatch) {
        // The same command into a scratch folder rather than next to the reader's clone.
        const directory = path.join(scratch, exportMatch[1] ?? "starter");
        const { finished } = start(`npx pnpm create-starter ${exportMatch[1]} ${directory}`);
        const { exitCode, output } = await finished;
        expect(exitCode, output).toBe(0);
        expect(existsSync(path.join(directory, "package.json")), output).toBe(true);
        expect(existsSync(path.join(directory, "src", "runner.ts")), output).toBe(true);
        return;
      }
      if (command === "npx pnpm playground") {
        const { child, finished } = start(command);
        let output = "";
        child.stdout?.on("data", (chunk: Buffer) => {
          output += chunk.toString("utf8");
        });
        const url = await new Promise<string>((resolve, reject) => {
          const poll = setInterval(() => {
            const found = output.match(/playground: (http:\/\/\S+)/)?.[1];
            if (found) {
              clearInterval(poll);
              resolve(found);
            }
          }, 100);
          finished.then(
            (result) => {
              clearInterval(poll);
              reject(new Error(`the playground exited before serving:\n${result.output}`));
            },
            () => clearInterval(poll),
          );
        });
        const page = await fetch(url);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain("<html");
        if (child.pid) process.kill(-child.pid, "SIGINT");
        const stopped = await finished;
        expect(stopped.output).toContain("Stopping the columns and closing the sandbox");
        // pnpm reports any script ended by Ctrl-C as failed (130) or dies of the signal itself,
        // whatever the app returns.
        expect([0, 130, "SIGINT"]).toContain(stopped.exitCode ?? stopped.signal);
        return;
      }
      const chatMatch = command.match(
        /^npx pnpm chat (\S+)(?: (".*?(?<!\\)"))?( --allow-destructive)?$/,
      );
      expect(chatMatch, `no rule in this test runs "${command}": add one`).not.toBeNull();
      const prompt = chatMatch?.[2];
      // Interactive: typed lines on standard input, as a pipe into the chat would send them.
      const { finished } = start(
        command,
        prompt === undefined ? `${failedTodayPrompt}\nexit\n` : undefined,
      );
      const { exitCode, output } = await finished;
      expect(exitCode, output).toBe(0);
      const answer = answerOf(output);
      const asked = prompt === undefined ? failedTodayPrompt : JSON.parse(prompt);
      if (asked === failedTodayPrompt) {
        expect(failedToday.length, "the scenario should have failures today").toBeGreaterThan(0);
        expect(flowNames(mentionedFlows(answer, flows)), output).toEqual(failedToday);
      } else if (/^Disable\b/.test(asked)) {
        expect(output).toMatch(
          /↳ .*CELIGO_(PATCH|UPDATE|DISABLE)_FLOW on flow Amazon Seller Central Orders to NetSuite.* · ok/,
        );
        expect(answer, output).toContain("Disabled Amazon Seller Central Orders to NetSuite");
      } else {
        expect.fail(`no expectation for the prompt "${asked}": add one to this test`);
      }
    },
    5 * minute,
  );
});
