/**
 * `pnpm playground [--port N] [--runners LIST] [--json]`: builds the page, starts the server
 * on loopback and prints its URL. Ctrl-C (or SIGTERM) stops every column and closes the
 * sandbox and model; a second Ctrl-C quits at once.
 */
import { fileURLToPath } from "node:url";
import { describeError, isCeligoAgentsError, loadConfig } from "@celigo-agents/core";
import { parsePlaygroundFlags, usage } from "./cli-options.ts";
import { startPlayground } from "./playground-server.ts";
import { buildUi } from "./ui-build.ts";

const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));
const secondInterruptMs = 1_000;

async function main(argv: string[]): Promise<number> {
  let flags: ReturnType<typeof parsePlaygroundFlags>;
  try {
    flags = parsePlaygroundFlags(argv, repositoryRoot);
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n${usage}\n`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  try {
    const config = loadConfig();
    await buildUi();
    const playground = await startPlayground({
      config,
      runners: flags.runners,
      port: flags.port,
    });
    const names = flags.runners.map((runner) => runner.name).join(", ");
    // With --json the URL line is all that goes to standard output.
    const say = (text: string) => (flags.json ? process.stderr : process.stdout).write(text);
    if (flags.json) process.stdout.write(`${JSON.stringify({ url: playground.url })}\n`);
    else say(`Celigo agents playground: ${playground.url}\n`);
    say(`  runners: ${names}\n  Ctrl-C to stop.\n`);
    await new Promise<void>((resolve) => {
      let firstAt: number | undefined;
      const stop = () => {
        // tsx relays the terminal's Ctrl-C a moment later when its child is slow to report
        // it: only a press well after the first one means "quit at once".
        if (firstAt === undefined) {
          firstAt = Date.now();
          resolve();
        } else if (Date.now() - firstAt > secondInterruptMs) {
          process.exit(130);
        }
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    say("Stopping the columns and closing the sandbox...\n");
    await playground.close();
    return 0;
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return isCeligoAgentsError(error) && error.kind === "user" ? 2 : 1;
  }
}

process.exit(await main(process.argv.slice(2)));
