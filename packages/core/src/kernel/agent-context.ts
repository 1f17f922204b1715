/**
 * Everything a runner needs, built from config: the Celigo session, the model and the
 * instructions. The chat REPL and the eval harness both start here.
 */
import { type AppConfig, loadConfig } from "./config.ts";
import { CeligoAgentsError } from "./errors.ts";
import { celigoInstructions } from "./instructions.ts";
import { type ModelHandle, resolveModel } from "./model.ts";
import type { ResolvedModel, RunnerOptions, SessionConnection } from "./runner.ts";
import { type CeligoSession, createCeligoSession } from "./session.ts";
import { ToolPolicy } from "./tool-policy.ts";

/**
 * Local stand-ins for the real services, plugged in by the monorepo (core's local-services.ts):
 * without them only the real sources and models are available.
 */
export interface LocalServices {
  /** CELIGO_SOURCE=sandbox: a session on a fresh sandbox account. */
  sandboxSession?: (config: AppConfig) => Promise<CeligoSession>;
  /** MODEL=offline[:profile]: the offline model on a free loopback port. */
  offlineModel?: (config: AppConfig) => Promise<ModelHandle>;
}

export interface AgentContext {
  config: AppConfig;
  session: CeligoSession;
  model: ModelHandle;
  runnerOptions: RunnerOptions;
  close(): Promise<void>;
}

export async function openAgentContext(
  config: AppConfig = loadConfig(),
  services: LocalServices = {},
): Promise<AgentContext> {
  if (needsBothLocalServices(config) && !services.sandboxSession && !services.offlineModel) {
    throw nothingConfigured();
  }
  const model = await resolveModel(config, services.offlineModel);
  let session: CeligoSession;
  try {
    session = await createCeligoSession(config, services.sandboxSession);
  } catch (error) {
    await model.close();
    throw error;
  }
  return {
    config,
    session,
    model,
    runnerOptions: runnerOptionsFor({ session, model, now: session.now() }),
    close: async () => {
      await Promise.allSettled([session.close(), model.close()]);
    },
  };
}

/** The options every runner is created with; the chat, the eval and the playground share it. */
export function runnerOptionsFor(parts: {
  session: SessionConnection;
  model: ResolvedModel;
  /** The account's current time, which the instructions tell the agent. */
  now: Date;
  maxSteps?: number;
}): RunnerOptions {
  const { session, model } = parts;
  return {
    session: { url: session.url, headers: session.headers, allowedTools: session.allowedTools },
    model: {
      provider: model.provider,
      modelId: model.modelId,
      baseURL: model.baseURL,
      apiKey: model.apiKey,
      api: model.api,
      timeoutMs: model.timeoutMs,
      maxRetries: model.maxRetries,
    },
    instructions: celigoInstructions(parts.now),
    toolPolicy: new ToolPolicy(),
    ...(parts.maxSteps !== undefined ? { maxSteps: parts.maxSteps } : {}),
  };
}

/** The defaults with no key set: the local sandbox and the offline model. */
function needsBothLocalServices(config: AppConfig): boolean {
  return config.source === "sandbox" && /^offline(:|$)/.test(config.model);
}

/**
 * One paragraph for a project without the local services (an exported starter) run with nothing
 * set, rather than the model's message now and the source's after the user fixes the first.
 */
function nothingConfigured(): CeligoAgentsError {
  return new CeligoAgentsError(
    "config_invalid",
    "user",
    "Nothing to connect to yet: with no key set, the agent uses the local Celigo sandbox (CELIGO_SOURCE=sandbox) and the offline model (MODEL=offline), and this project includes neither. Set COMPOSIO_API_KEY for Composio's Tool Router, or CELIGO_MCP_URL and CELIGO_API_TOKEN for a Celigo MCP server; and OPENAI_API_KEY for OpenAI, or OPENAI_BASE_URL with MODEL=openai/<model> for any OpenAI-compatible server (in the environment or .env; see .env.example). To try it without an account, start `pnpm sandbox` and `pnpm offline-model` in the celigo-agents repository, then set COMPOSIO_BASE_URL and COMPOSIO_API_KEY to the base URL and Composio API key the sandbox prints, OPENAI_BASE_URL to the URL the offline model prints, and MODEL=openai/offline.",
  );
}
