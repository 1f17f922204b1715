/**
 * `pnpm celigo mcp-config <client> --server ID|relativeURI`: the snippet or command that points a
 * client at an MCP server of this account. The token stays out unless `--show-token`.
 */
import { Argument, Command } from "commander";
import { objectIdPattern, relativeUriPattern } from "../celigo-api/mcp-server-schemas.ts";
import {
  type McpClient,
  mcpClientConfig,
  mcpClients,
  mcpServerUrl,
} from "../mcp-client-configs.ts";
import { type CliContext, usageError } from "./cli-context.ts";

interface McpConfigOptions {
  server: string;
  showToken?: boolean;
  oauth?: boolean;
  name?: string;
}

export function mcpConfigCommand(context: CliContext): Command {
  return new Command("mcp-config")
    .description("Print the config or command that connects an MCP client to one of your servers")
    .addArgument(new Argument("<client>", "MCP client").choices(mcpClients))
    .requiredOption(
      "--server <id|relativeURI>",
      "the MCP server: its id or its relativeURI (/ops-tools)",
    )
    .option("--show-token", "write the API token into the output (it is left out by default)")
    .option("--oauth", "the client signs in through OAuth instead of sending the API token")
    .option("--name <name>", "name of the server in the client's config")
    .action(async (client: McpClient, options: McpConfigOptions) => {
      const { apiUrl, token } = context.connection();
      const relativeUri = await resolveRelativeUri(context, options.server);
      const config = mcpClientConfig({
        client,
        url: mcpServerUrl(apiUrl, relativeUri),
        auth: options.oauth ? "oauth" : "token",
        token: options.showToken ? token : undefined,
        name: options.name,
      });
      if (context.json())
        context.printJson({ client, url: mcpServerUrl(apiUrl, relativeUri), ...config });
      else context.print(config.text);
      context.note(config.where);
      if (!options.oauth && !options.showToken && config.format !== "toml") {
        context.note(
          config.format === "shell"
            ? "The token is read from $CELIGO_API_TOKEN in your shell; pass --show-token to write it out instead."
            : "Replace YOUR_API_TOKEN with your API token, or pass --show-token to write it in.",
        );
      }
    });
}

/** An id is looked up; a relativeURI is checked against the account's servers. */
async function resolveRelativeUri(context: CliContext, server: string): Promise<string> {
  if (objectIdPattern.test(server)) return (await context.api().getMcpServer(server)).relativeURI;
  const relativeUri = server.startsWith("/") ? server : `/${server}`;
  if (!relativeUriPattern.test(relativeUri)) {
    throw usageError(
      `--server "${server}" is neither an MCP server id (24 hexadecimal characters) nor a relativeURI such as /ops-tools.`,
    );
  }
  const servers = await context.api().listMcpServers({ include: ["relativeURI"] });
  if (!servers.some((item) => item.relativeURI === relativeUri)) {
    throw usageError(
      `No MCP server of this account has the relativeURI ${relativeUri}; see \`pnpm celigo mcp-servers list\`.`,
    );
  }
  return relativeUri;
}
