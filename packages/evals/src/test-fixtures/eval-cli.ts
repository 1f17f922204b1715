/** `pnpm eval ...` as a child process, for tests of the command line: its exit code and output. */
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const evalCliPath = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "cli.ts");
/** The evals package folder, where `pnpm eval` runs. */
export const evalsPackageDirectory = path.resolve(path.dirname(evalCliPath), "..");
// Absolute, so the child finds tsx from any working folder.
const tsx = import.meta.resolve("tsx");
const execute = promisify(execFile);

export interface EvalCliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export function runEvalCli(
  args: string[],
  cwd: string = evalsPackageDirectory,
): Promise<EvalCliOutcome> {
  return execute(process.execPath, ["--import", tsx, evalCliPath, ...args], {
    cwd,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: EvalCliOutcome) => error,
  );
}
