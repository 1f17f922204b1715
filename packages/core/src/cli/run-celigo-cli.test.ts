/** `pnpm celigo` end to end against an in-process sandbox, through real streams. */
import { type RunningSandbox, startSandbox } from "@celigo-agents/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCeligoCommand } from "../testing/run-celigo-command.ts";

let sandbox: RunningSandbox;
let environment: Record<string, string>;
let toolId: string;

beforeAll(async () => {
  sandbox = await startSandbox({
    scenario: "small",
    now: "2025-03-14T15:00:00.000Z",
    rateLimit: false,
  });
  environment = {
    CELIGO_API_URL: sandbox.baseUrl,
    CELIGO_API_TOKEN: sandbox.defaultAccount.celigoToken,
  };
  const tools = await sandbox.directory.callApi(sandbox.defaultAccount.accountId, {
    method: "GET",
    path: "/v1/tools",
  });
  toolId = (tools.body as { _id: string }[])[0]?._id ?? "";
});
afterAll(() => sandbox.close());

async function cli(args: string[], input?: unknown, env: Record<string, string> = environment) {
  // No `pnpm sandbox` a developer may be running is ever picked up here.
  const result = await runCeligoCommand(args, env, {
    input,
    runningSandboxDirectory: "/nonexistent/celigo-agents-sandboxes",
  });
  return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

const definition = () => ({
  name: "Ops tools",
  relativeURI: "/ops-tools",
  disabled: false,
  tools: [
    {
      _toolId: toolId,
      name: "get_failed_jobs",
      disabled: false,
      annotations: { readOnlyHint: true },
    },
  ],
});

describe("pnpm celigo mcp-servers", () => {
  let id = "";

  it("lists nothing at first", async () => {
    expect(await cli(["mcp-servers", "list"])).toMatchObject({
      code: 0,
      stdout: "No MCP servers in this account.\n",
    });
    expect(JSON.parse((await cli(["--json", "mcp-servers", "list"])).stdout)).toEqual([]);
  });

  it("refuses a bad definition with every problem and exit 2, sending nothing", async () => {
    const result = await cli(["mcp-servers", "create"], {
      ...definition(),
      relativeURI: "ops/tools",
      tools: [{ _toolId: toolId, name: "x y" }],
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("nothing was sent to Celigo");
    expect(result.stderr).toContain("  - relativeURI: must be");
    expect(result.stderr).toContain("  - tools.0.name: ");
    expect(result.stderr).toContain("  - disabled: an enabled server needs");
    expect((await cli(["mcp-servers", "list"])).stdout).toBe("No MCP servers in this account.\n");
  });

  it("creates from standard input and shows it in list and get", async () => {
    const created = await cli(["mcp-servers", "create", "--json"], definition());
    expect(created.code).toBe(0);
    id = JSON.parse(created.stdout)._id;
    expect(id).toMatch(/^[a-f0-9]{24}$/);
    const table = (await cli(["mcp-servers", "list"])).stdout;
    expect(table).toContain(id);
    expect(table).toMatch(/Ops tools\s*│\s*\/ops-tools\s*│\s*enabled\s*│\s*1\/1/);
    const shown = (await cli(["mcp-servers", "get", id])).stdout;
    expect(shown).toContain(`${sandbox.baseUrl}/mcp/ops-tools`);
    expect(shown).toMatch(
      /get_failed_jobs\s*│\s*tool\s*│\s*[a-f0-9]{24}\s*│\s*enabled\s*│\s*readOnly/,
    );
  });

  it("sets fields by dot path and patches name and disabled", async () => {
    const set = await cli([
      "mcp-servers",
      "set",
      id,
      'description="Daily ops"',
      "tools.0.annotations.idempotentHint=true",
    ]);
    expect(set).toMatchObject({ code: 0 });
    expect(set.stdout).toContain(`Updated MCP server ${id} "Ops tools" (enabled)`);
    expect((await cli(["mcp-servers", "patch", id, "name=Renamed", "disabled=true"])).code).toBe(0);
    const server = JSON.parse((await cli(["mcp-servers", "get", id, "--json"])).stdout);
    expect(server).toMatchObject({
      name: "Renamed",
      disabled: true,
      description: "Daily ops",
      tools: [{ annotations: { readOnlyHint: true, idempotentHint: true } }],
    });
    const refused = await cli(["mcp-servers", "patch", id, "relativeURI=/x"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`use \`pnpm celigo mcp-servers set ${id} relativeURI=…\``);
  });

  it("replaces with update and reports dependencies", async () => {
    const updated = await cli(["mcp-servers", "update", id], { ...definition(), name: "Ops v2" });
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain('"Ops v2" (enabled)');
    expect((await cli(["mcp-servers", "deps", id])).stdout).toBe(
      "No resources depend on this MCP server.\n",
    );
  });

  it("prints client configs, with the token only on --show-token", async () => {
    const url = `${sandbox.baseUrl}/mcp/ops-tools`;
    const command = await cli(["mcp-config", "claude-code", "--server", "/ops-tools"]);
    expect(command.code).toBe(0);
    expect(command.stdout).toBe(
      `claude mcp add celigo-mcp --transport http \\\n  --header "Authorization: Bearer $CELIGO_API_TOKEN" \\\n  ${url}\n`,
    );
    expect(command.stderr).toContain("--show-token");
    const vscode = await cli(["mcp-config", "vscode", "--server", id, "--show-token"]);
    expect(JSON.parse(vscode.stdout)).toEqual({
      servers: {
        celigo: {
          type: "http",
          url,
          headers: { Authorization: `Bearer ${environment.CELIGO_API_TOKEN}` },
        },
      },
    });
    const cursor = await cli(["mcp-config", "cursor", "--server", "ops-tools"]);
    expect(cursor.stdout).not.toContain(environment.CELIGO_API_TOKEN);
    const unknown = await cli(["mcp-config", "cursor", "--server", "/nope"]);
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toContain("No MCP server of this account has the relativeURI /nope");
  });

  it("answers bad input with one paragraph and exit 2", async () => {
    const noToken = await cli(["mcp-servers", "list"], undefined, {
      CELIGO_API_URL: sandbox.baseUrl,
    });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(
      /^No Celigo API token is configured and no sandbox is running.*pnpm sandbox.*CELIGO_API_TOKEN/s,
    );
    expect((await cli(["mcp-servers", "get", "12"])).stderr).toContain("24 hexadecimal characters");
    const missing = await cli(["mcp-servers", "get", "0123456789abcdef01234567"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^Celigo answered 404 to GET \/v1\/mcpservers\/0123456789abcdef01234567/,
    );
    expect((await cli(["mcp-servers", "create"])).stderr).toContain(
      "reads the MCP server as JSON from standard input",
    );
    expect((await cli(["mcp-servers", "frobnicate"])).code).toBe(2);
    expect((await cli(["mcp-servers", "set", id, "no-equals-sign"])).stderr).toContain(
      "is not a key=value pair",
    );
    const wrongToken = await cli(["mcp-servers", "list"], undefined, {
      ...environment,
      CELIGO_API_TOKEN: "wrong-token",
    });
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.stderr).toContain("Bearer Authentication Failed");
    expect(wrongToken.stderr).not.toContain("wrong-token");
  });

  it("lists the Tools and APIs an entry can reference, saying which MCP accepts", async () => {
    const tools = await cli(["tools", "list"]);
    expect(tools.stdout).toMatch(new RegExp(`${toolId}\\s*│\\s*Get failed jobs\\s*│\\s*yes`));
    const apis = (await cli(["apis", "list"])).stdout;
    expect(apis).toMatch(/Lookup customer\s*│\s*builder\s*│\s*yes/);
    expect(apis).toMatch(/Order status \(script\)\s*│\s*script\s*│\s*no \(not builder mode\)/);
  });

  it("deletes", async () => {
    expect((await cli(["mcp-servers", "delete", id])).stdout).toContain(`Deleted MCP server ${id}`);
    expect((await cli(["mcp-servers", "list"])).stdout).toBe("No MCP servers in this account.\n");
  });
});
