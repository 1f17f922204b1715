/** Readable tables for MCP servers (the `--json` output is the API's own JSON instead). */
import Table from "cli-table3";
import type { McpServerListItem } from "../celigo-api/celigo-api.ts";
import type {
  Annotations,
  McpServer,
  McpServerDependencies,
} from "../celigo-api/mcp-server-schemas.ts";
import { mcpServerUrl } from "../mcp-client-configs.ts";

/** Plain borders: the output is often piped or captured, where colour codes are noise. */
const plain = { style: { head: [], border: [] } };

export function serverListTable(servers: readonly McpServerListItem[]): string {
  const table = new Table({
    ...plain,
    head: ["id", "name", "relativeURI", "status", "tools", "apis", "prompts", "last modified"],
  });
  for (const server of servers) {
    table.push([
      server._id,
      server.name ?? "",
      server.relativeURI ?? "",
      server.disabled === undefined ? "" : server.disabled ? "disabled" : "enabled",
      enabledCount(server.tools),
      enabledCount(server.apis),
      server.prompts?.length ?? "",
      server.lastModified ?? "",
    ]);
  }
  return table.toString();
}

export function serverTable(server: McpServer, apiUrl: string): string {
  const summary = new Table(plain);
  summary.push(
    { id: server._id },
    { name: server.name },
    { url: mcpServerUrl(apiUrl, server.relativeURI) },
    { status: server.disabled === false ? "enabled" : "disabled" },
    ...(server.description ? [{ description: server.description }] : []),
    ...(server.oauth?.issuerURL
      ? [{ oauth: `${server.oauth.issuerURL} (audience ${server.oauth.audience ?? "?"})` }]
      : []),
    ...(server.lastModified ? [{ "last modified": server.lastModified }] : []),
  );
  const entries = new Table({
    ...plain,
    head: ["MCP tool", "from", "resource id", "status", "hints"],
  });
  for (const tool of server.tools ?? []) {
    entries.push([tool.name, "tool", tool._toolId, status(tool.disabled), hints(tool.annotations)]);
  }
  for (const api of server.apis ?? []) {
    entries.push([api.name, "api", api._apiId, status(api.disabled), ""]);
  }
  const prompts = (server.prompts ?? []).map((prompt) => {
    const names = (prompt.arguments ?? []).map((argument) =>
      argument.required === false ? `[${argument.name}]` : argument.name,
    );
    return `  ${prompt.name}(${names.join(", ")})${prompt.description ? `: ${prompt.description}` : ""}`;
  });
  return [
    summary.toString(),
    entries.length > 0 ? entries.toString() : "No tools or APIs.",
    ...(prompts.length > 0 ? ["Prompts:", ...prompts] : []),
  ].join("\n");
}

export function dependenciesTable(dependencies: McpServerDependencies): string {
  const table = new Table({ ...plain, head: ["type", "id", "name", "paths"] });
  for (const [type, entries] of Object.entries(dependencies)) {
    for (const entry of entries)
      table.push([type, entry.id, entry.name, (entry.paths ?? []).join(", ")]);
  }
  return table.length > 0 ? table.toString() : "No resources depend on this MCP server.";
}

function enabledCount(entries: readonly { disabled?: boolean | undefined }[] | undefined): string {
  if (entries === undefined) return "";
  return `${entries.filter((entry) => entry.disabled === false).length}/${entries.length}`;
}

function status(disabled: boolean | undefined): string {
  return disabled === false ? "enabled" : "disabled";
}

function hints(annotations: Annotations | undefined): string {
  if (!annotations) return "";
  const names = ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const;
  return names
    .filter((name) => annotations[name] === true)
    .map((name) => name.replace("Hint", ""))
    .join(", ");
}
