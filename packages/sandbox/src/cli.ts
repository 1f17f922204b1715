import { parseArgs } from "node:util";
import { scenarioNames } from "./scenarios/scenario-catalog.ts";
import { type RunningSandbox, startSandbox } from "./server.ts";

const usage = `Usage: pnpm sandbox [--port N] [--scenario ${scenarioNames().join("|")}] [--now ISO-8601] [--json]`;

interface CliOptions {
  port: number;
  scenario: string | undefined;
  now: string | undefined;
  json: boolean;
}

function readOptions(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      scenario: { type: "string" },
      now: { type: "string" },
      json: { type: "boolean", default: false },
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
  return { port, scenario: values.scenario, now: values.now, json: values.json === true };
}

function describeSandbox(sandbox: RunningSandbox): string {
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
    "  MCP endpoints: not available in this build (the Tool Router emulation is not installed).",
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
  const sandbox = await startSandbox({
    port: options.port,
    scenario: options.scenario,
    now: options.now,
  });
  const { defaultAccount } = sandbox;
  if (options.json) {
    const summary = {
      baseUrl: sandbox.baseUrl,
      adminToken: sandbox.adminToken,
      accountId: defaultAccount.accountId,
      celigoToken: defaultAccount.celigoToken,
      composioApiKey: defaultAccount.composioApiKey,
      mcp: { router: null, direct: null },
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    process.stdout.write(`${describeSandbox(sandbox)}\n`);
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
