/** Entry of `pnpm celigo`. */
import { runCeligoCli } from "./run-celigo-cli.ts";

process.exitCode = await runCeligoCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
