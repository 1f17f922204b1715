/**
 * `pnpm celigo mcp-servers …`: the `celigo mcp-servers` commands of Celigo's MCP-server skill
 * (list, get, create, update, set, delete) plus patch and deps, over `CeligoApi`.
 */
import { Command } from "commander";
import type { McpServer, McpServerPatch } from "../celigo-api/mcp-server-schemas.ts";
import { mcpServerUrl } from "../mcp-client-configs.ts";
import { applyAssignments, parseAssignments } from "./assignments.ts";
import { type CliContext, usageError } from "./cli-context.ts";
import { dependenciesTable, serverListTable, serverTable } from "./mcp-server-tables.ts";

export function mcpServersCommand(context: CliContext): Command {
  const command = new Command("mcp-servers").description(
    "Define the MCP servers of a Celigo account (/v1/mcpservers)",
  );

  command
    .command("list")
    .description("List the account's MCP servers")
    .option("--include <fields>", "summary projection: _id, name and these comma-separated fields")
    .option("--exclude <fields>", "full records without these comma-separated fields")
    .action(async (options: { include?: string; exclude?: string }) => {
      const servers = await context.api().listMcpServers({
        include: splitFields(options.include),
        exclude: splitFields(options.exclude),
      });
      if (context.json()) context.printJson(servers);
      else
        context.print(
          servers.length > 0 ? serverListTable(servers) : "No MCP servers in this account.",
        );
    });

  command
    .command("get")
    .description("Show one MCP server with its tools, APIs and prompts")
    .argument("<id>", "MCP server id")
    .action(async (id: string) => {
      const server = await context.api().getMcpServer(id);
      if (context.json()) context.printJson(server);
      else context.print(serverTable(server, context.connection().apiUrl));
    });

  command
    .command("create")
    .description("Create an MCP server from JSON on standard input (checked locally first)")
    .action(async () => {
      const body = await context.readJsonInput("pnpm celigo mcp-servers create < server.json");
      reportSaved(context, "Created", await context.api().createMcpServer(body));
    });

  command
    .command("update")
    .description("Replace an MCP server with JSON on standard input (PUT; checked locally first)")
    .argument("<id>", "MCP server id")
    .action(async (id: string) => {
      const body = await context.readJsonInput(
        `pnpm celigo mcp-servers update ${id} < server.json`,
      );
      reportSaved(context, "Updated", await context.api().updateMcpServer(id, body));
    });

  command
    .command("set")
    .description(
      "Change fields by dot path (e.g. disabled=false tools.0.disabled=false); sends the whole server",
    )
    .argument("<id>", "MCP server id")
    .argument("<assignments...>", "key=value pairs; values are JSON when they parse as JSON")
    .action(async (id: string, values: string[]) => {
      const assignments = parseAssignments(values);
      const api = context.api();
      const current = await api.getMcpServer(id);
      const changed = applyAssignments(current, assignments);
      reportSaved(context, "Updated", await api.updateMcpServer(id, changed));
    });

  command
    .command("patch")
    .description("Rename, enable or disable without sending the whole server (name=… disabled=…)")
    .argument("<id>", "MCP server id")
    .argument("<assignments...>", 'name="New name" and/or disabled=true|false')
    .action(async (id: string, values: string[]) => {
      const operations = parseAssignments(values).map(({ path, value }) => {
        const key = path.join(".");
        if (key !== "name" && key !== "disabled") {
          throw usageError(
            `Celigo patches only name and disabled; to change ${key}, use \`pnpm celigo mcp-servers set ${id} ${key}=…\`.`,
          );
        }
        return { op: "replace", path: `/${key}`, value };
      });
      await context.api().patchMcpServer(id, operations as McpServerPatch);
      if (context.json()) context.printJson({ _id: id, patched: operations });
      else context.print(`Patched MCP server ${id}: ${values.join(" ")}`);
    });

  command
    .command("delete")
    .description("Delete an MCP server (Celigo keeps it 30 days before removing it)")
    .argument("<id>", "MCP server id")
    .action(async (id: string) => {
      await context.api().deleteMcpServer(id);
      if (context.json()) context.printJson({ _id: id, deleted: true });
      else context.print(`Deleted MCP server ${id}; Celigo removes it for good after 30 days.`);
    });

  command
    .command("deps")
    .description("List the resources that depend on an MCP server")
    .argument("<id>", "MCP server id")
    .action(async (id: string) => {
      const dependencies = await context.api().getMcpServerDependencies(id);
      if (context.json()) context.printJson(dependencies);
      else context.print(dependenciesTable(dependencies));
    });

  return command;
}

function reportSaved(context: CliContext, verb: string, server: McpServer): void {
  if (context.json()) {
    context.printJson(server);
    return;
  }
  const url = mcpServerUrl(context.connection().apiUrl, server.relativeURI);
  context.print(
    `${verb} MCP server ${server._id} "${server.name}" (${server.disabled === false ? "enabled" : "disabled"}) at ${url}`,
  );
  context.note(`Connect a client: pnpm celigo mcp-config claude-code --server ${server._id}`);
}

function splitFields(value: string | undefined): string[] | undefined {
  return value
    ?.split(",")
    .map((field) => field.trim())
    .filter((field) => field !== "");
}
