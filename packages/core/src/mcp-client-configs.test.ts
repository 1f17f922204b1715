import { describe, expect, it } from "vitest";
import { mcpClientConfig, mcpClients, mcpServerUrl } from "./mcp-client-configs.ts";

const url = mcpServerUrl("https://api.integrator.io/", "/ops-tools");
const token = "181667f7161a464f802e8e61d14d74cb";

describe("mcpServerUrl", () => {
  it("joins the API origin, /mcp and the relativeURI", () => {
    expect(url).toBe("https://api.integrator.io/mcp/ops-tools");
  });
});

describe("mcpClientConfig", () => {
  it("writes Celigo's documented Claude Code commands", () => {
    expect(mcpClientConfig({ client: "claude-code", url, token }).text).toBe(
      `claude mcp add celigo-mcp --transport http \\\n  --header "Authorization: Bearer ${token}" \\\n  ${url}`,
    );
    expect(mcpClientConfig({ client: "claude-code", url, auth: "oauth" }).text).toBe(
      `claude mcp add celigo-mcp --transport http ${url}`,
    );
  });

  it("writes Cursor's and VS Code's mcp.json with the header", () => {
    expect(JSON.parse(mcpClientConfig({ client: "cursor", url, token }).text)).toEqual({
      mcpServers: { celigo: { url, headers: { Authorization: `Bearer ${token}` } } },
    });
    expect(JSON.parse(mcpClientConfig({ client: "cursor", url, auth: "oauth" }).text)).toEqual({
      celigo: { type: "streamableHttp", url },
    });
    expect(JSON.parse(mcpClientConfig({ client: "vscode", url, token }).text)).toEqual({
      servers: { celigo: { type: "http", url, headers: { Authorization: `Bearer ${token}` } } },
    });
  });

  it("writes Codex's TOML, which reads the token from the environment", () => {
    const config = mcpClientConfig({ client: "codex", url, token });
    expect(config.text).toBe(
      `[[mcp_servers]]\nname = "celigo-mcp"\nurl = "${url}"\ntransport = "http"\nbearer_token_env_var = "CELIGO_API_TOKEN"`,
    );
    expect(config.where).toMatch(/export CELIGO_API_TOKEN/);
  });

  it("writes Gemini CLI's and Claude Desktop's forms", () => {
    expect(mcpClientConfig({ client: "gemini", url, auth: "oauth" }).text).toBe(
      `gemini mcp add celigo-mcp ${url}`,
    );
    expect(mcpClientConfig({ client: "gemini", url, token }).text).toBe(
      `gemini mcp add --transport http --header "Authorization: Bearer ${token}" celigo-mcp ${url}`,
    );
    expect(
      JSON.parse(mcpClientConfig({ client: "claude-desktop", url, auth: "oauth" }).text),
    ).toEqual({
      mcpServers: { celigo: { command: "npx", args: ["-y", "mcp-remote", url] } },
    });
    const withToken = JSON.parse(mcpClientConfig({ client: "claude-desktop", url, token }).text);
    expect(withToken.mcpServers.celigo.env).toEqual({ CELIGO_AUTH_HEADER: `Bearer ${token}` });
  });

  it.each(mcpClients)("%s: leaves the token out unless it is given", (client) => {
    const config = mcpClientConfig({ client, url, name: "ops" });
    expect(config.text).toContain(url);
    expect(config.text).toContain("ops");
    expect(config.text).not.toContain(token);
    expect(config.text).toMatch(/YOUR_API_TOKEN|\$CELIGO_API_TOKEN|"CELIGO_API_TOKEN"/);
  });
});
