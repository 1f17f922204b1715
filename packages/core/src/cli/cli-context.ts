/**
 * What every `pnpm celigo` command shares: where it writes, how it reads a JSON body from
 * standard input, and the Celigo API it talks to: the configured one, or else the sandbox
 * `pnpm sandbox` runs (resolved before a command's action, so `--help` needs neither).
 */
import type { Readable, Writable } from "node:stream";
import { text } from "node:stream/consumers";
import { CeligoApi } from "../celigo-api/celigo-api.ts";
import type { AppConfig } from "../kernel/config.ts";
import { CeligoAgentsError, errorText } from "../kernel/errors.ts";
import type { FoundSandbox } from "./running-sandbox.ts";

export interface CliStreams {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
}

export interface CliContext {
  streams: CliStreams;
  /** Settles which account the commands talk to; call once before an action runs. */
  connect(): Promise<void>;
  /** `--json` was given: machine-readable standard output. */
  json(): boolean;
  /** The API of the connected account; throws a user error naming the variables without one. */
  api(): CeligoApi;
  /** The API origin and token, for URLs and client snippets. */
  connection(): { apiUrl: string; token: string };
  print(line: string): void;
  printJson(value: unknown): void;
  /** Notes for people (hints, what was left out): standard error, so pipes stay clean. */
  note(line: string): void;
  readJsonInput(example: string): Promise<unknown>;
}

export function createCliContext(options: {
  streams: CliStreams;
  loadConfig: () => AppConfig;
  json: () => boolean;
  /** The newest sandbox `pnpm sandbox` runs, used when no token is configured. */
  findRunningSandbox: () => Promise<FoundSandbox | undefined>;
}): CliContext {
  const { streams } = options;
  let api: CeligoApi | undefined;
  let connected: { apiUrl: string; token: string } | undefined;
  const connection = () => {
    if (connected === undefined) throw missingTokenError();
    return connected;
  };
  return {
    streams,
    json: options.json,
    async connect() {
      const { celigo } = options.loadConfig();
      if (celigo.apiToken) {
        connected = { apiUrl: celigo.apiUrl.replace(/\/+$/, ""), token: celigo.apiToken };
        return;
      }
      const sandbox = await options.findRunningSandbox();
      if (sandbox === undefined) return;
      connected = { apiUrl: sandbox.baseUrl, token: sandbox.celigoToken };
      const which =
        sandbox.runningCount > 1
          ? ` (pid ${sandbox.pid}, the newest of ${sandbox.runningCount} running sandboxes)`
          : ` (pid ${sandbox.pid})`;
      streams.stderr.write(
        `No CELIGO_API_TOKEN is set: using the default account of the sandbox \`pnpm sandbox\` runs at ${sandbox.baseUrl}${which}.\n`,
      );
    },
    connection,
    api() {
      if (!api) {
        const { apiUrl, token } = connection();
        api = new CeligoApi({ baseUrl: apiUrl, token });
      }
      return api;
    },
    print: (line) => streams.stdout.write(`${line}\n`),
    printJson: (value) => streams.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    note: (line) => streams.stderr.write(`${line}\n`),
    async readJsonInput(example) {
      if (streams.stdin.isTTY) {
        throw usageError(
          `This command reads the MCP server as JSON from standard input, e.g. \`${example}\`.`,
        );
      }
      const body = await text(streams.stdin);
      try {
        return JSON.parse(body);
      } catch (error) {
        throw usageError(
          `Standard input is not valid JSON (${errorText(error)}); pass a JSON object, e.g. \`${example}\`.`,
        );
      }
    },
  };
}

export function usageError(message: string): CeligoAgentsError {
  return new CeligoAgentsError("input_invalid", "user", message);
}

function missingTokenError(): CeligoAgentsError {
  return new CeligoAgentsError(
    "config_invalid",
    "user",
    "No Celigo API token is configured and no sandbox is running, so `pnpm celigo` does not know which account to use. For the local sandbox, start `pnpm sandbox` in another terminal: while it runs, `pnpm celigo` uses its default account by itself (or set CELIGO_API_URL to the base URL it prints and CELIGO_API_TOKEN to the account's Celigo token). For Celigo itself, set CELIGO_API_TOKEN to an integrator.io API token (Resources > API tokens) and, for the EU region, CELIGO_API_URL=https://api.eu.integrator.io.",
  );
}
