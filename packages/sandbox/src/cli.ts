import { parseArgs } from "node:util";
import {
  removeRunningSandboxRecord,
  runningSandboxDirectory,
  writeRunningSandboxRecord,
} from "./running-sandbox-record.ts";
import { SandboxInputError } from "./sandbox-input-error.ts";
import { scenarioNames } from "./scenarios/scenario-catalog.ts";
import { type RunningSandbox, startSandbox } from "./server.ts";

const usage = `Usage: pnpm sandbox [--port N] [--scenario ${scenarioNames().join("|")}] [--now ISO-8601] [--json]`;

const help = `${usage}

Runs the local integrator.io emulator (REST under /v1, the Celigo toolkit over MCP, the Composio
Tool Router) on loopback, with a default account, until Ctrl-C.

Options:
  --port N          port to listen on; 0 (the default) picks a free one
  --scenario NAME   the default account's data: ${scenarioNames().join(", ")}
  --now ISO-8601    the default account's clock; the real time by default
  --json            print one JSON summary (base URL, tokens, MCP URLs) as the first line
  --help            print this and exit
`;

interface CliOptions {
  port: number;
  scenario: string | undefined;
  now: string | undefined;
  json: boolean;
  help: boolean;
}

function readOptions(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      scenario: { type: "string" },
      now: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `--port must be an integer from 0 to 65535 (0 picks a free port); got "${values.port}".`,
    );
  }
  if (values.scenario !== undefined && !scenarioNames().includes(values.scenario)) {
    throw new Error(
      `--scenario "${values.scenario}" is unknown; use one of ${scenarioNames().join(", ")}.`,
    );
  }
  if (values.now !== undefined && Number.isNaN(Date.parse(values.now))) {
    throw new Error(
      `--now must be an ISO 8601 date such as 2025-03-14T15:00:00Z; got "${values.now}".`,
    );
  }
  return {
    port,
    scenario: values.scenario,
    now: values.now,
    json: values.json === true,
    help: values.help === true,
  };
}

interface McpUrls {
  router: string;
  direct: string;
}

/** Two ready-made Tool Router sessions of the default account, one per exposure. */
function openMcpSessions(sandbox: RunningSandbox): McpUrls {
  const url = (exposure: "router" | "direct") =>
    `${sandbox.baseUrl}${sandbox.toolRouter.createSession(sandbox.defaultAccount.accountId, { exposure }).mcpUrlPath}`;
  return { router: url("router"), direct: url("direct") };
}

/** Client configs in the forms of Celigo's client set-up guide (seed 002), with our header. */
function clientConfigs(url: string, apiKey: string): string {
  const headers = { "x-api-key": apiKey };
  const cursor = { mcpServers: { "celigo-sandbox": { url, headers } } };
  const vscode = { servers: { "celigo-sandbox": { type: "http", url, headers } } };
  return [
    "  Claude Code:",
    `    claude mcp add --transport http celigo-sandbox ${url} --header "x-api-key: ${apiKey}"`,
    "  Cursor (~/.cursor/mcp.json):",
    indent(JSON.stringify(cursor, null, 2), 4),
    "  VS Code (.vscode/mcp.json):",
    indent(JSON.stringify(vscode, null, 2), 4),
  ].join("\n");
}

function indent(text: string, spaces: number): string {
  return text
    .split("\n")
    .map((line) => `${" ".repeat(spaces)}${line}`)
    .join("\n");
}

/** Records this sandbox for `pnpm celigo`; undefined (and a note on stderr) when it cannot. */
function recordRunningSandbox(sandbox: RunningSandbox): string | undefined {
  try {
    return writeRunningSandboxRecord({
      baseUrl: sandbox.baseUrl,
      celigoToken: sandbox.defaultAccount.celigoToken,
      accountId: sandbox.defaultAccount.accountId,
      pid: process.pid,
      startedAt: new Date().toISOString(),
    });
  } catch (error) {
    process.stderr.write(
      `Could not record the sandbox in ${runningSandboxDirectory()} (${error instanceof Error ? error.message : String(error)}); \`pnpm celigo\` will need CELIGO_API_URL and CELIGO_API_TOKEN.\n`,
    );
    return undefined;
  }
}

function describeSandbox(
  sandbox: RunningSandbox,
  mcp: McpUrls,
  recordFile: string | undefined,
): string {
  const { defaultAccount } = sandbox;
  return [
    "Celigo sandbox is running (Ctrl-C stops it).",
    "",
    `  Base URL (integrator.io API under /v1, Composio emulation): ${sandbox.baseUrl}`,
    `  Admin token (/sandbox/... routes):  ${sandbox.adminToken}`,
    `  Default account:                    ${defaultAccount.accountId}`,
    `  Celigo API token (Bearer):          ${defaultAccount.celigoToken}`,
    `  Composio API key (x-api-key):       ${defaultAccount.composioApiKey}`,
    "",
    "  Try it:",
    `    curl -H "Authorization: Bearer ${defaultAccount.celigoToken}" ${sandbox.baseUrl}/v1/integrations`,
    "",
    "  MCP endpoints of the default account (streamable HTTP, header x-api-key):",
    `    router exposure (Composio meta-tools): ${mcp.router}`,
    `    direct exposure (the CELIGO_* tools):  ${mcp.direct}`,
    "",
    clientConfigs(mcp.direct, defaultAccount.composioApiKey),
    ...(recordFile === undefined
      ? []
      : [
          "",
          `  \`pnpm celigo\` uses the default account of the newest running sandbox (this one is recorded in ${recordFile}).`,
        ]),
  ].join("\n");
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    // `pnpm sandbox -- --json` forwards the `--` separator itself.
    const argv = process.argv.slice(2);
    options = readOptions(argv[0] === "--" ? argv.slice(1) : argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n${usage}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(help);
    return;
  }
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({
      port: options.port,
      scenario: options.scenario,
      now: options.now,
    });
  } catch (error) {
    // A value parseArgs let through but the sandbox refuses (a year +275760), or a port in use.
    const message = error instanceof Error ? error.message : String(error);
    const flag = error instanceof SandboxInputError && error.field ? `--${error.field}: ` : "";
    process.stderr.write(`The sandbox could not start: ${flag}${message}\n${usage}\n`);
    process.exit(2);
  }
  const { defaultAccount } = sandbox;
  const mcp = openMcpSessions(sandbox);
  const recordFile = recordRunningSandbox(sandbox);
  // Every way out, process.exit() and uncaught errors included; after a SIGKILL the record stays
  // behind until a reader or the next sandbox finds its process gone and prunes it.
  if (recordFile !== undefined) process.on("exit", () => removeRunningSandboxRecord(recordFile));
  if (options.json) {
    const summary = {
      baseUrl: sandbox.baseUrl,
      adminToken: sandbox.adminToken,
      accountId: defaultAccount.accountId,
      celigoToken: defaultAccount.celigoToken,
      composioApiKey: defaultAccount.composioApiKey,
      mcp,
      ...(recordFile === undefined ? {} : { recordFile }),
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    process.stdout.write(`${describeSandbox(sandbox, mcp, recordFile)}\n`);
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

await main();
