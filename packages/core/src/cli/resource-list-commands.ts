/**
 * `pnpm celigo tools list` and `pnpm celigo apis list`: the discovery commands of Celigo's
 * MCP-server skill, to find the ids that `tools[]` and `apis[]` entries reference.
 */
import Table from "cli-table3";
import { Command } from "commander";
import { isObjectRootSchema } from "../celigo-api/mcp-server-checklist.ts";
import type { CliContext } from "./cli-context.ts";

export function toolsCommand(context: CliContext): Command {
  const command = new Command("tools").description("The account's Tools (for tools[] entries)");
  command
    .command("list")
    .description("List Tools; MCP needs an input schema whose root is an object")
    .action(async () => {
      const tools = await context.api().listTools();
      if (context.json()) return context.printJson(tools);
      const rows = tools.map((tool) => [
        tool._id,
        tool.name ?? "",
        isObjectRootSchema(tool.input?.schema) ? "yes" : "no (input root is not an object)",
        tool.description ?? "",
      ]);
      context.print(
        rows.length > 0
          ? table(["id", "name", "MCP-ready", "description"], rows)
          : "No Tools in this account.",
      );
    });
  return command;
}

export function apisCommand(context: CliContext): Command {
  const command = new Command("apis").description("The account's APIs (for apis[] entries)");
  command
    .command("list")
    .description("List APIs; only builder-mode ones can be exposed over MCP")
    .action(async () => {
      const apis = await context.api().listApis();
      if (context.json()) return context.printJson(apis);
      const rows = apis.map((api) => [
        api._id,
        api.name ?? "",
        api.type ?? "legacy",
        api.type === "builder" ? "yes" : "no (not builder mode)",
      ]);
      context.print(
        rows.length > 0
          ? table(["id", "name", "type", "MCP-ready"], rows)
          : "No APIs in this account.",
      );
    });
  return command;
}

function table(head: string[], rows: string[][]): string {
  const result = new Table({ head, style: { head: [], border: [] }, wordWrap: true });
  result.push(...rows);
  return result.toString();
}
