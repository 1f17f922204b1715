/**
 * The only module that reads the environment. Everything else receives an `AppConfig`.
 * Values come from `process.env`, then from a `.env` file found in the working directory or
 * the nearest parent (process.env wins, as with every dotenv setup).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse as parseDotenv } from "dotenv";
import { z } from "zod";
import { ConfigError, type ConfigProblem } from "./errors.ts";

export type CeligoSource = "sandbox" | "composio" | "celigo";
export type ToolExposure = "router" | "direct";

export interface AppConfig {
  source: CeligoSource;
  composio: {
    apiKey?: string;
    userId: string;
    baseURL?: string;
    celigoAuthConfigId?: string;
  };
  celigo: {
    mcpUrl?: string;
    apiToken?: string;
    apiUrl: string;
  };
  exposure: ToolExposure;
  /** Allow-list of tool slugs offered to the model; undefined offers every tool. */
  tools?: string[];
  /** `offline`, `offline:<mistake profile>`, or `openai/<model id>`. */
  model: string;
  /** Bound on one model request (MODEL_TIMEOUT_S). */
  modelTimeoutMs: number;
  openai: {
    apiKey?: string;
    baseURL?: string;
    /** Unset: Responses for OpenAI itself, Chat Completions for any other server. */
    api?: "chat" | "responses";
  };
  sandbox: {
    /** A running sandbox (`pnpm sandbox`); unset starts one in process. */
    url?: string;
    adminToken?: string;
    scenario: string;
    /** The scenario's "now" (ISO 8601); unset uses the current time. */
    now?: string;
  };
}

export type Environment = Record<string, string | undefined>;

/** Variables whose values are never echoed back, even when invalid. */
const secretVariables = new Set([
  "COMPOSIO_API_KEY",
  "CELIGO_API_TOKEN",
  "OPENAI_API_KEY",
  "SANDBOX_ADMIN_TOKEN",
]);

const celigoApiHosts = ["api.integrator.io", "api.eu.integrator.io"];
const loopbackHosts = ["127.0.0.1", "localhost", "[::1]"];

/** True for a URL on this machine: local emulators, where telemetry and TLS rules do not apply. */
export function isLoopbackUrl(url: string | undefined): boolean {
  return url !== undefined && URL.canParse(url) && loopbackHosts.includes(new URL(url).hostname);
}

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const url = (hint: string) =>
  optionalText.refine((value) => value === undefined || isHttpUrl(value), {
    message: `must be an absolute http(s) URL, e.g. ${hint}`,
  });

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol);
}

const environmentSchema = z.object({
  CELIGO_SOURCE: optionalText.pipe(
    z
      .enum(["sandbox", "composio", "celigo"], {
        message: "must be sandbox, composio or celigo (or unset to choose from the keys you set)",
      })
      .optional(),
  ),
  COMPOSIO_API_KEY: optionalText,
  COMPOSIO_USER_ID: optionalText.pipe(
    z
      .string()
      .regex(/^[\w.@+-]{1,128}$/, "must be 1-128 letters, digits or . _ @ + -")
      .optional(),
  ),
  COMPOSIO_BASE_URL: url("https://backend.composio.dev"),
  COMPOSIO_CELIGO_AUTH_CONFIG_ID: optionalText.pipe(
    z
      .string()
      .regex(/^ac_\w+$/, "must be a Composio auth config id starting with ac_")
      .optional(),
  ),
  CELIGO_MCP_URL: url("https://api.integrator.io/mcp/my-server"),
  CELIGO_API_TOKEN: optionalText,
  CELIGO_API_URL: url("https://api.integrator.io").refine(
    (value) => {
      if (value === undefined) return true;
      if (isLoopbackUrl(value)) return true;
      const { hostname, protocol } = new URL(value);
      return protocol === "https:" && celigoApiHosts.includes(hostname);
    },
    {
      message:
        "must be https://api.integrator.io (US), https://api.eu.integrator.io (EU) or a loopback URL of the sandbox",
    },
  ),
  CELIGO_EXPOSURE: optionalText.pipe(
    z
      .enum(["router", "direct"], {
        message: "must be router (Composio meta-tools) or direct (the CELIGO_* tools themselves)",
      })
      .optional(),
  ),
  CELIGO_TOOLS: optionalText.pipe(
    z
      .string()
      .regex(
        /^\s*[A-Za-z0-9_]+(\s*,\s*[A-Za-z0-9_]+)*\s*$/,
        "must be a comma-separated list of tool slugs, e.g. CELIGO_LIST_FLOWS,CELIGO_LIST_JOBS",
      )
      .optional(),
  ),
  MODEL: optionalText.pipe(
    z
      .string()
      .regex(
        /^(offline(:[a-z-]+)?|openai\/[\w.:-]+)$/,
        "must be offline, offline:<mistake profile> (e.g. offline:flaky) or openai/<model id>, e.g. openai/gpt-5 (any OpenAI-compatible server via OPENAI_BASE_URL)",
      )
      .optional(),
  ),
  MODEL_TIMEOUT_S: optionalText.pipe(
    z
      .string()
      .regex(/^\d+(\.\d+)?$/, "must be a number of seconds, e.g. 60")
      .transform(Number)
      .pipe(z.number().positive("must be more than 0 seconds").max(3600, "must be at most 3600"))
      .optional(),
  ),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: url("http://localhost:11434/v1"),
  OPENAI_API: optionalText.pipe(
    z
      .enum(["chat", "responses"], {
        message: "must be chat (Chat Completions) or responses (Responses API)",
      })
      .optional(),
  ),
  SANDBOX_URL: url("http://127.0.0.1:4010"),
  SANDBOX_ADMIN_TOKEN: optionalText,
  SANDBOX_SCENARIO: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9-]+$/, "must be a scenario name such as acme-retail")
      .optional(),
  ),
  SANDBOX_NOW: optionalText.refine(
    (value) => value === undefined || !Number.isNaN(Date.parse(value)),
    {
      message: "must be an ISO 8601 time, e.g. 2026-11-21T15:00:00Z",
    },
  ),
});

type ParsedEnvironment = z.infer<typeof environmentSchema>;

/**
 * Reads and validates the configuration. Throws a `ConfigError` listing every problem at once.
 * Pass `environment` to validate something other than this process's environment (tests, CLIs).
 */
export function loadConfig(environment?: Environment): AppConfig {
  const values = environment ?? { ...readDotenvFile(), ...process.env };
  const parsed = environmentSchema.safeParse(values);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => toProblem(issue, values)));
  }
  const problems: ConfigProblem[] = [];
  const config = toConfig(parsed.data);
  problems.push(...crossCheck(config));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function toConfig(env: ParsedEnvironment): AppConfig {
  const source: CeligoSource =
    env.CELIGO_SOURCE ??
    (env.COMPOSIO_API_KEY ? "composio" : env.CELIGO_MCP_URL ? "celigo" : "sandbox");
  return {
    source,
    composio: {
      apiKey: env.COMPOSIO_API_KEY,
      userId: env.COMPOSIO_USER_ID ?? "celigo-agents",
      baseURL: env.COMPOSIO_BASE_URL,
      celigoAuthConfigId: env.COMPOSIO_CELIGO_AUTH_CONFIG_ID,
    },
    celigo: {
      mcpUrl: env.CELIGO_MCP_URL,
      apiToken: env.CELIGO_API_TOKEN,
      apiUrl: env.CELIGO_API_URL ?? "https://api.integrator.io",
    },
    exposure: env.CELIGO_EXPOSURE ?? "router",
    tools: env.CELIGO_TOOLS?.split(",").map((slug) => slug.trim().toUpperCase()),
    model: env.MODEL ?? (env.OPENAI_API_KEY ? "openai/gpt-5" : "offline"),
    modelTimeoutMs: Math.round((env.MODEL_TIMEOUT_S ?? 60) * 1000),
    openai: { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL, api: env.OPENAI_API },
    sandbox: {
      url: env.SANDBOX_URL,
      adminToken: env.SANDBOX_ADMIN_TOKEN,
      scenario: env.SANDBOX_SCENARIO ?? "acme-retail",
      now: env.SANDBOX_NOW,
    },
  };
}

/** Rules that span variables: what each source and model needs. */
function crossCheck(config: AppConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (config.source === "composio" && !config.composio.apiKey) {
    problems.push({
      variable: "COMPOSIO_API_KEY",
      message:
        "is required when CELIGO_SOURCE=composio; create one in Composio's dashboard (Settings > API keys), or unset CELIGO_SOURCE to use the local sandbox",
    });
  }
  if (config.source === "celigo") {
    if (!config.celigo.mcpUrl) {
      problems.push({
        variable: "CELIGO_MCP_URL",
        message:
          "is required when CELIGO_SOURCE=celigo: the URL of your Celigo MCP server, e.g. https://api.integrator.io/mcp/my-server (see `pnpm celigo mcp-servers list`)",
      });
    }
    if (!config.celigo.apiToken) {
      problems.push({
        variable: "CELIGO_API_TOKEN",
        message:
          "is required when CELIGO_SOURCE=celigo: an integrator.io API token (Resources > API tokens) that can reach the MCP server",
      });
    }
  }
  if (config.model.startsWith("openai/") && !config.openai.apiKey && !config.openai.baseURL) {
    problems.push({
      variable: "OPENAI_API_KEY",
      message: `is required for MODEL=${config.model}; set it, or set OPENAI_BASE_URL to a local OpenAI-compatible server, or use MODEL=offline`,
    });
  }
  if (config.sandbox.url && !config.sandbox.adminToken && config.source === "sandbox") {
    problems.push({
      variable: "SANDBOX_ADMIN_TOKEN",
      message: "is required with SANDBOX_URL: copy the admin token `pnpm sandbox` printed at start",
    });
  }
  return problems;
}

function toProblem(issue: z.core.$ZodIssue, values: Environment): ConfigProblem {
  const variable = String(issue.path[0] ?? "environment");
  const shown = secretVariables.has(variable) ? "" : ` (got "${values[variable] ?? ""}")`;
  return { variable, message: `${issue.message}${shown}` };
}

/** The nearest `.env` from the working directory up; empty when there is none. */
function readDotenvFile(start = process.cwd()): Environment {
  for (let directory = start; ; directory = dirname(directory)) {
    const candidate = join(directory, ".env");
    if (existsSync(candidate)) return parseDotenv(readFileSync(candidate));
    if (existsSync(join(directory, "pnpm-workspace.yaml")) || dirname(directory) === directory) {
      return {};
    }
  }
}
