/**
 * How each MCP client is pointed at a Celigo MCP server, in the forms Celigo documents ("Connect
 * the Celigo MCP server to Claude and Cursor"). With a token, the client sends
 * `Authorization: Bearer <token>`; without one it signs in through OAuth. The token itself is
 * written only when the caller passes it: otherwise commands read `$CELIGO_API_TOKEN` from the
 * user's shell and JSON files get a placeholder.
 */

export const mcpClients = [
  "claude-code",
  "cursor",
  "vscode",
  "codex",
  "gemini",
  "claude-desktop",
] as const;

export type McpClient = (typeof mcpClients)[number];

export interface McpClientConfigOptions {
  client: McpClient;
  /** The server's URL: the API origin + `/mcp` + its relativeURI. */
  url: string;
  /** `token`: an API token in a header (default); `oauth`: the client signs in in a browser. */
  auth?: "token" | "oauth";
  /** The token to write into the config; omit to keep it out of the output. */
  token?: string;
  /** Environment variable that holds the token, for clients that read it themselves. */
  tokenVariable?: string;
  /** Name of the server in the client's config; defaults to Celigo's documented names. */
  name?: string;
}

export interface McpClientConfig {
  /** `shell`: a command to run; `json`/`toml`: text to add to the file named in `where`. */
  format: "shell" | "json" | "toml";
  text: string;
  /** Where the text goes, one sentence. */
  where: string;
}

export function isMcpClient(value: string): value is McpClient {
  return (mcpClients as readonly string[]).includes(value);
}

/** The URL of the MCP server with this relativeURI, on this API origin. */
export function mcpServerUrl(apiUrl: string, relativeUri: string): string {
  return `${apiUrl.replace(/\/+$/, "")}/mcp${relativeUri}`;
}

export function mcpClientConfig(options: McpClientConfigOptions): McpClientConfig {
  const useToken = (options.auth ?? "token") === "token";
  const variable = options.tokenVariable ?? "CELIGO_API_TOKEN";
  const jsonToken = options.token ?? "YOUR_API_TOKEN";
  const shellHeader = `"Authorization: Bearer ${options.token ?? `$${variable}`}"`;
  const { url } = options;

  switch (options.client) {
    case "claude-code": {
      const name = options.name ?? "celigo-mcp";
      return {
        format: "shell",
        where: "Run in a terminal; Claude Code stores the server in its settings.",
        text: useToken
          ? `claude mcp add ${name} --transport http \\\n  --header ${shellHeader} \\\n  ${url}`
          : `claude mcp add ${name} --transport http ${url}`,
      };
    }
    case "cursor": {
      const name = options.name ?? "celigo";
      return {
        format: "json",
        where: "Add to Cursor's mcp.json (Settings > Tools and MCPs > New MCP Server).",
        text: json(
          useToken
            ? { mcpServers: { [name]: { url, headers: { Authorization: `Bearer ${jsonToken}` } } } }
            : { [name]: { type: "streamableHttp", url } },
        ),
      };
    }
    case "vscode": {
      const name = options.name ?? "celigo";
      const server = useToken
        ? { type: "http", url, headers: { Authorization: `Bearer ${jsonToken}` } }
        : { type: "http", url };
      return {
        format: "json",
        where: "Add to .vscode/mcp.json in your workspace (or run MCP: Add Server > HTTP).",
        text: json({ servers: { [name]: server } }),
      };
    }
    case "codex": {
      // Codex refuses an inline bearer token in config.toml: it reads it from the environment.
      const lines = [
        "[[mcp_servers]]",
        `name = "${options.name ?? "celigo-mcp"}"`,
        `url = "${url}"`,
        `transport = "http"`,
        ...(useToken ? [`bearer_token_env_var = "${variable}"`] : []),
      ];
      return {
        format: "toml",
        where: `Add to codex.toml or .codex/config.toml (Codex may need its rmcp_client flag)${useToken ? `; export ${variable} before starting Codex` : ""}.`,
        text: lines.join("\n"),
      };
    }
    case "gemini": {
      const name = options.name ?? "celigo-mcp";
      return {
        format: "shell",
        where: "Run in a terminal (Gemini CLI only; its web app has no custom MCP servers yet).",
        text: useToken
          ? `gemini mcp add --transport http --header ${shellHeader} ${name} ${url}`
          : `gemini mcp add ${name} ${url}`,
      };
    }
    case "claude-desktop": {
      const name = options.name ?? "celigo";
      // mcp-remote's documented way to pass a header whose value has a space: it expands the
      // variable from `env` itself, so the placeholder is meant literally.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: expanded by mcp-remote, not by us
      const headerArgument = "Authorization:${CELIGO_AUTH_HEADER}";
      const server = useToken
        ? {
            command: "npx",
            args: ["-y", "mcp-remote", url, "--header", headerArgument],
            env: { CELIGO_AUTH_HEADER: `Bearer ${jsonToken}` },
          }
        : { command: "npx", args: ["-y", "mcp-remote", url] };
      return {
        format: "json",
        where:
          "Add to Claude Desktop's config (Settings > Developer > Edit config), then restart Claude.",
        text: json({ mcpServers: { [name]: server } }),
      };
    }
  }
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
