/**
 * Runs `pnpm celigo …` in process (the same program as the command line) with an explicit
 * environment and, for commands that read one, a JSON body on standard input.
 */
import { PassThrough, Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { type RunCeligoCliOptions, runCeligoCli } from "../cli/run-celigo-cli.ts";
import type { Environment } from "../kernel/config.ts";

export interface CeligoCommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function runCeligoCommand(
  args: readonly string[],
  environment: Environment,
  options: { input?: unknown } & RunCeligoCliOptions = {},
): Promise<CeligoCommandResult> {
  const { input, ...cliOptions } = options;
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  // No input: a terminal, as when a person types the command without a redirect.
  const stdin =
    input === undefined
      ? Object.assign(Readable.from([]), { isTTY: true })
      : Readable.from([JSON.stringify(input)]);
  const exitCode = await runCeligoCli(args, { stdin, stdout, stderr }, environment, cliOptions);
  stdout.end();
  stderr.end();
  return { exitCode, stdout: await text(stdout), stderr: await text(stderr) };
}
