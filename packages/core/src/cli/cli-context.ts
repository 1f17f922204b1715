/**
 * What every `pnpm celigo` command shares: where it writes, how it reads a JSON body from
 * standard input, and the Celigo API it talks to (built lazily, so `--help` needs no token).
 */
import type { Readable, Writable } from "node:stream";
import { text } from "node:stream/consumers";
import { CeligoApi } from "../celigo-api/celigo-api.ts";
import type { AppConfig } from "../config.ts";
import { CeligoAgentsError } from "../errors.ts";

export interface CliStreams {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
}

export interface CliContext {
  streams: CliStreams;
  /** `--json` was given: machine-readable standard output. */
  json(): boolean;
  /** The configured API; throws a user error naming the variables when no token is set. */
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
}): CliContext {
  const { streams } = options;
  let api: CeligoApi | undefined;
  const connection = () => {
    const { celigo } = options.loadConfig();
    if (!celigo.apiToken) throw missingTokenError();
    return { apiUrl: celigo.apiUrl.replace(/\/+$/, ""), token: celigo.apiToken };
  };
  return {
    streams,
    json: options.json,
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
          `Standard input is not valid JSON (${error instanceof Error ? error.message : String(error)}); pass a JSON object, e.g. \`${example}\`.`,
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
    "No Celigo API token is configured, so `pnpm celigo` does not know which account to use. For the local sandbox, start `pnpm sandbox` in another terminal and set CELIGO_API_URL to the base URL it prints and CELIGO_API_TOKEN to the default account's Celigo token (in your shell or in .env). For Celigo itself, set CELIGO_API_TOKEN to an integrator.io API token (Resources > API tokens) and, for the EU region, CELIGO_API_URL=https://api.eu.integrator.io.",
  );
}
