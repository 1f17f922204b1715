/** `pnpm playground`'s flags; each bad value gets a message naming the fix. */
import { parseArgs } from "node:util";
import { CeligoAgentsError, errorText } from "@celigo-agents/core";
import { builtInFrameworks, type FrameworkChoice, parseFrameworks } from "@celigo-agents/evals";

export const usage = `Usage: pnpm playground [--port N] [--runners LIST] [--json]
  --port N        port on 127.0.0.1 (default 0: a free port)
  --runners LIST  comma-separated runners: ${builtInFrameworks.join(", ")} (the default: all),
                  or paths (from the repository root) to modules exporting createRunner
  --json          print {"url": ...} as the first line of standard output
Configuration comes from the environment and .env, as for pnpm chat (see .env.example).`;

export interface PlaygroundFlags {
  port: number;
  runners: FrameworkChoice[];
  json: boolean;
  help: boolean;
}

export function parsePlaygroundFlags(argv: string[], repositoryRoot: string): PlaygroundFlags {
  let values: { port?: string; runners?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string" },
        runners: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw usageError(errorText(error));
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw usageError(
      `--port must be an integer from 0 to 65535 (0 picks a free port); got "${values.port}".`,
    );
  }
  let runners: FrameworkChoice[];
  try {
    runners = parseFrameworks(values.runners ?? builtInFrameworks.join(","), repositoryRoot);
  } catch (error) {
    throw usageError(errorText(error).replaceAll("--frameworks", "--runners"));
  }
  const names = runners.map((runner) => runner.name);
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length > 0) {
    throw usageError(`--runners names ${repeated.join(", ")} twice; name each runner once.`);
  }
  return { port, runners, json: values.json === true, help: values.help === true };
}

function usageError(message: string): CeligoAgentsError {
  return new CeligoAgentsError("input_invalid", "user", message);
}
