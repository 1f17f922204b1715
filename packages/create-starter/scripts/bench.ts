/**
 * `pnpm --filter @celigo-agents/create-starter bench [framework...] [--cold]`: per framework,
 * the time to export a starter, `npm install` it and get its first answer
 * (`npm start -- "Which flows failed today?"` against an in-process sandbox and offline model),
 * one framework at a time. The npm cache is the user's own (warm after a first run) or, with
 * --cold, a new empty one per install. Prints the load average, since other work on the
 * machine slows every number.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { failedFlowsPrompt, startTestEnvironment } from "@celigo-agents/core/testing";
import { createStarter, defaultRepositoryRoot } from "../src/create-starter.ts";
import { listFrameworks } from "../src/starter-apps.ts";
import {
  installStarter,
  machineEnvironment,
  runCommand,
  starterScratchDirectory,
} from "../src/starter-commands.ts";

const { values, positionals } = parseArgs({
  args: process.argv.slice(2).filter((argument) => argument !== "--"),
  allowPositionals: true,
  options: { cold: { type: "boolean", default: false } },
});
const known = listFrameworks(defaultRepositoryRoot);
const frameworks = positionals.length > 0 ? positionals : known;
const unknown = frameworks.filter((framework) => !known.includes(framework));
if (unknown.length > 0) {
  console.error(`Unknown framework ${unknown.join(", ")}: use ${known.join(", ")}.`);
  process.exit(2);
}

const machine = machineEnvironment(process.env);
const parent = starterScratchDirectory(defaultRepositoryRoot);
mkdirSync(parent, { recursive: true });
const scratch = mkdtempSync(join(parent, "bench-"));
// Stops the starters' search for a .env here, so no .env of the machine changes what runs.
writeFileSync(join(scratch, ".env"), "");
const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");

console.log(
  `npm cache: ${values.cold ? "a new empty one per install (cold)" : "the user's (warm after a first run)"}`,
);
console.log(`load average before: ${load()} (1, 5, 15 min) on this machine`);
console.log("framework      export  install  first answer  total");
try {
  for (const framework of frameworks) {
    const directory = join(scratch, framework);
    const exportStarted = performance.now();
    createStarter({ framework, directory, name: `bench-${framework}` });
    const exported = performance.now() - exportStarted;
    const cache: Record<string, string> = values.cold
      ? { npm_config_cache: join(scratch, `cache-${framework}`) }
      : {};
    const install = await installStarter(directory, { ...machine, ...cache }, 30 * 60_000);
    if (install.exitCode !== 0)
      throw new Error(`${framework}: npm install failed\n${install.stderr}`);
    const environment = await startTestEnvironment({ exposure: "direct", now: "today" });
    try {
      const sandbox = environment.session.sandbox;
      if (!sandbox) throw new Error("the sandbox source always has a sandbox account");
      const answer = await runCommand("npm", ["start", "--", failedFlowsPrompt], {
        cwd: directory,
        env: {
          ...machine,
          NO_COLOR: "1",
          COMPOSIO_BASE_URL: sandbox.baseUrl,
          COMPOSIO_API_KEY: sandbox.composioApiKey,
          OPENAI_BASE_URL: environment.model.baseURL,
          MODEL: `openai/${environment.model.modelId}`,
        },
        timeoutMs: 10 * 60_000,
      });
      if (answer.exitCode !== 0)
        throw new Error(`${framework}: npm start failed\n${answer.stderr}`);
      const total = exported + install.durationMs + answer.durationMs;
      console.log(
        `${framework.padEnd(14)} ${seconds(exported).padStart(6)} ${seconds(install.durationMs).padStart(8)} ${seconds(answer.durationMs).padStart(13)} ${seconds(total).padStart(6)}`,
      );
    } finally {
      await environment.close();
    }
  }
} finally {
  console.log(`load average after:  ${load()}`);
  rmSync(scratch, { recursive: true, force: true });
}
