import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { loadConfig } from "./config.ts";
import { ConfigError } from "./errors.ts";

function problemsOf(environment: Record<string, string>) {
  try {
    loadConfig(environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig defaults", () => {
  it("runs fully offline with nothing set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      source: "sandbox",
      exposure: "router",
      model: "offline",
      celigo: { apiUrl: "https://api.integrator.io" },
      composio: { userId: "celigo-agents" },
      sandbox: { scenario: "acme-retail" },
    });
    expect(config.tools).toBeUndefined();
  });

  it("chooses composio when a Composio key is set", () => {
    expect(loadConfig({ COMPOSIO_API_KEY: "ck_live" }).source).toBe("composio");
  });

  it("chooses celigo when a Celigo MCP URL is set", () => {
    const config = loadConfig({
      CELIGO_MCP_URL: "https://api.integrator.io/mcp/ops",
      CELIGO_API_TOKEN: "t",
    });
    expect(config.source).toBe("celigo");
  });

  it("prefers composio over celigo when both are set", () => {
    const config = loadConfig({
      COMPOSIO_API_KEY: "ck",
      CELIGO_MCP_URL: "https://api.integrator.io/mcp/ops",
    });
    expect(config.source).toBe("composio");
  });

  it("uses openai/gpt-5 when an OpenAI key is set", () => {
    expect(loadConfig({ OPENAI_API_KEY: "sk-test" }).model).toBe("openai/gpt-5");
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ CELIGO_SOURCE: "", MODEL: " " })).toMatchObject({
      source: "sandbox",
      model: "offline",
    });
  });
});

describe("loadConfig values", () => {
  it("reads every variable", () => {
    const config = loadConfig({
      CELIGO_SOURCE: "composio",
      COMPOSIO_API_KEY: "ck",
      COMPOSIO_USER_ID: "ops@acme.test",
      COMPOSIO_BASE_URL: "http://127.0.0.1:4010",
      COMPOSIO_CELIGO_AUTH_CONFIG_ID: "ac_123",
      CELIGO_MCP_URL: "https://api.eu.integrator.io/mcp/ops",
      CELIGO_API_TOKEN: "token",
      CELIGO_API_URL: "https://api.eu.integrator.io",
      CELIGO_EXPOSURE: "direct",
      CELIGO_TOOLS: "celigo_list_flows, CELIGO_LIST_JOBS",
      MODEL: "openai/gpt-5-mini",
      MODEL_TIMEOUT_S: "12.5",
      OPENAI_API_KEY: "sk",
      OPENAI_BASE_URL: "http://localhost:11434/v1",
      OPENAI_API: "chat",
      SANDBOX_URL: "http://127.0.0.1:4010",
      SANDBOX_ADMIN_TOKEN: "admin",
      SANDBOX_SCENARIO: "small",
      SANDBOX_NOW: "2026-11-21T15:00:00Z",
    });
    expect(config).toEqual({
      source: "composio",
      composio: {
        apiKey: "ck",
        userId: "ops@acme.test",
        baseURL: "http://127.0.0.1:4010",
        celigoAuthConfigId: "ac_123",
      },
      celigo: {
        mcpUrl: "https://api.eu.integrator.io/mcp/ops",
        apiToken: "token",
        apiUrl: "https://api.eu.integrator.io",
      },
      exposure: "direct",
      tools: ["CELIGO_LIST_FLOWS", "CELIGO_LIST_JOBS"],
      model: "openai/gpt-5-mini",
      modelTimeoutMs: 12_500,
      openai: { apiKey: "sk", baseURL: "http://localhost:11434/v1", api: "chat" },
      sandbox: {
        url: "http://127.0.0.1:4010",
        adminToken: "admin",
        scenario: "small",
        now: "2026-11-21T15:00:00Z",
      },
    });
  });

  it("bounds model requests at 60 s unless MODEL_TIMEOUT_S says otherwise, and reads mistake profiles", () => {
    expect(loadConfig({}).modelTimeoutMs).toBe(60_000);
    expect(loadConfig({ MODEL: "offline:unknown-tool" }).model).toBe("offline:unknown-tool");
  });

  it("accepts the sandbox on loopback as the Celigo API", () => {
    expect(loadConfig({ CELIGO_API_URL: "http://127.0.0.1:4010" }).celigo.apiUrl).toBe(
      "http://127.0.0.1:4010",
    );
  });
});

describe("loadConfig errors", () => {
  it.each([
    ["CELIGO_SOURCE", "cloud", /sandbox, composio or celigo/],
    ["COMPOSIO_USER_ID", "has spaces", /letters, digits/],
    ["COMPOSIO_BASE_URL", "not a url", /absolute http\(s\) URL/],
    ["COMPOSIO_CELIGO_AUTH_CONFIG_ID", "123", /ac_/],
    ["CELIGO_MCP_URL", "mcp/server", /absolute http\(s\) URL/],
    ["CELIGO_API_URL", "https://evil.example.com", /api\.eu\.integrator\.io/],
    ["CELIGO_API_URL", "http://api.integrator.io", /https:\/\/api\.integrator\.io/],
    ["CELIGO_EXPOSURE", "all", /router .* or direct/],
    ["CELIGO_TOOLS", "CELIGO_LIST_FLOWS;DROP", /comma-separated/],
    ["MODEL", "gpt-5", /offline, offline:<mistake profile> .* or openai\/<model id>/],
    ["MODEL", "offline:Flaky!", /offline:<mistake profile>/],
    ["MODEL_TIMEOUT_S", "1m", /number of seconds/],
    ["MODEL_TIMEOUT_S", "0", /more than 0 seconds/],
    ["MODEL_TIMEOUT_S", "7200", /at most 3600/],
    ["OPENAI_BASE_URL", "localhost:11434", /absolute http\(s\) URL/],
    ["OPENAI_API", "completions", /chat .* or responses/],
    ["SANDBOX_URL", "4010", /absolute http\(s\) URL/],
    ["SANDBOX_SCENARIO", "Acme Retail", /scenario name/],
    ["SANDBOX_NOW", "yesterday", /ISO 8601/],
  ])("rejects %s=%s and says how to fix it", (variable, value, message) => {
    const problems = problemsOf({ [variable]: value });
    expect(problems).toEqual([{ variable, message: expect.stringMatching(message) }]);
    expect(problems[0]?.message).toContain(`"${value}"`);
  });

  it("lists every problem at once", () => {
    const problems = problemsOf({ CELIGO_SOURCE: "nope", MODEL: "gpt", CELIGO_EXPOSURE: "x" });
    expect(problems.map((problem) => problem.variable).sort()).toEqual([
      "CELIGO_EXPOSURE",
      "CELIGO_SOURCE",
      "MODEL",
    ]);
  });

  it("requires what each source needs", () => {
    expect(problemsOf({ CELIGO_SOURCE: "composio" })).toEqual([
      { variable: "COMPOSIO_API_KEY", message: expect.stringContaining("CELIGO_SOURCE=composio") },
    ]);
    expect(problemsOf({ CELIGO_SOURCE: "celigo" }).map((problem) => problem.variable)).toEqual([
      "CELIGO_MCP_URL",
      "CELIGO_API_TOKEN",
    ]);
    expect(problemsOf({ SANDBOX_URL: "http://127.0.0.1:4010" })).toEqual([
      { variable: "SANDBOX_ADMIN_TOKEN", message: expect.stringContaining("pnpm sandbox") },
    ]);
  });

  it("requires a key or a base URL for OpenAI models", () => {
    expect(problemsOf({ MODEL: "openai/gpt-5" })).toEqual([
      { variable: "OPENAI_API_KEY", message: expect.stringContaining("OPENAI_BASE_URL") },
    ]);
    expect(
      loadConfig({ MODEL: "openai/llama3.1", OPENAI_BASE_URL: "http://localhost:11434/v1" }).openai
        .apiKey,
    ).toBeUndefined();
  });

  it("never echoes a secret", () => {
    const error = (() => {
      try {
        loadConfig({
          CELIGO_SOURCE: "celigo",
          CELIGO_MCP_URL: "bad",
          CELIGO_API_TOKEN: "super-secret-token",
        });
      } catch (caught) {
        return caught as ConfigError;
      }
    })();
    expect(error?.message).toContain("CELIGO_MCP_URL");
    expect(error?.message).not.toContain("super-secret-token");
  });

  it("names the variable and the fix in one message", () => {
    expect(() => loadConfig({ MODEL: "claude" })).toThrow(
      /MODEL: must be offline, .*openai\/<model id>.*See \.env\.example/s,
    );
  });
});

describe("loadConfig .env file", () => {
  it("reads the nearest .env, and the process environment wins", () => {
    const root = mkdtempSync(join(tmpdir(), "celigo-config-"));
    writeFileSync(join(root, "pnpm-workspace.yaml"), "packages: []\n");
    writeFileSync(join(root, ".env"), "CELIGO_EXPOSURE=direct\nSANDBOX_SCENARIO=small\n");
    const nested = join(root, "apps", "mastra");
    mkdirSync(nested, { recursive: true });
    vi.spyOn(process, "cwd").mockReturnValue(nested);
    vi.stubEnv("SANDBOX_SCENARIO", "acme-retail");
    // Whatever the shell running the tests sets (an exported starter's user may set it).
    vi.stubEnv("CELIGO_EXPOSURE", undefined);
    try {
      const config = loadConfig();
      expect(config.exposure).toBe("direct");
      expect(config.sandbox.scenario).toBe("acme-retail");
    } finally {
      vi.restoreAllMocks();
      vi.unstubAllEnvs();
    }
  });
});
