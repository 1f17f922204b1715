/**
 * The `pnpm celigo` program, runnable in process: returns the exit code instead of exiting, so
 * tests drive it with their own streams and environment. Exit 0 on success, 2 for anything the
 * user can fix (bad arguments or input, a definition Celigo refuses), 1 for the rest.
 */
import { Command, CommanderError } from "commander";
import { CeligoApiError } from "../celigo-api/celigo-api-errors.ts";
import { type Environment, loadConfig } from "../kernel/config.ts";
import { CeligoAgentsError, describeError } from "../kernel/errors.ts";
import { type CliStreams, createCliContext } from "./cli-context.ts";
import { mcpConfigCommand } from "./mcp-config-command.ts";
import { mcpServersCommand } from "./mcp-servers-command.ts";
import { apisCommand, toolsCommand } from "./resource-list-commands.ts";
import { findRunningSandbox, runningSandboxDirectory } from "./running-sandbox.ts";

export interface RunCeligoCliOptions {
  /** Where `pnpm sandbox` records itself; a folder of the OS temp folder by default. */
  runningSandboxDirectory?: string;
}

export async function runCeligoCli(
  argv: readonly string[],
  streams: CliStreams,
  environment?: Environment,
  options: RunCeligoCliOptions = {},
): Promise<number> {
  const program = new Command("celigo")
    .description(
      "Manage the Celigo MCP servers of an integrator.io account (CELIGO_API_URL, CELIGO_API_TOKEN; without a token, the running `pnpm sandbox`)",
    )
    .option("--json", "print JSON for scripts instead of tables")
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({
      writeOut: (text) => streams.stdout.write(text),
      writeErr: (text) => streams.stderr.write(text),
    });
  const context = createCliContext({
    streams,
    loadConfig: () => loadConfig(environment),
    json: () => program.opts<{ json?: boolean }>().json === true,
    findRunningSandbox: () =>
      findRunningSandbox(options.runningSandboxDirectory ?? runningSandboxDirectory()),
  });
  program
    .addCommand(mcpServersCommand(context))
    .addCommand(mcpConfigCommand(context))
    .addCommand(toolsCommand(context))
    .addCommand(apisCommand(context))
    // Runs before any command's action, never for --help or a usage error.
    .hook("preAction", () => context.connect());
  exitWithoutExiting(program);

  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    streams.stderr.write(`${describeError(error)}\n`);
    return isUserError(error) ? 2 : 1;
  }
}

/**
 * Commander exits the process on usage errors and --help; here every command throws instead.
 * Commands built apart and added with `addCommand` also take the root's output streams.
 */
function exitWithoutExiting(command: Command): void {
  command.exitOverride();
  for (const child of command.commands) {
    child.copyInheritedSettings(command);
    exitWithoutExiting(child);
  }
}

function isUserError(error: unknown): boolean {
  if (error instanceof CeligoApiError) return [400, 404, 422].includes(error.status ?? 0);
  return error instanceof CeligoAgentsError && error.kind === "user";
}
