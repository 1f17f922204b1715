/**
 * Resolves MODEL into what every framework's OpenAI provider needs. `offline` is the project's
 * offline model, started by a local service when one is installed (see agent-context.ts).
 */
import type { AppConfig } from "./config.ts";
import { CeligoAgentsError } from "./errors.ts";
import type { ResolvedModel } from "./runner.ts";

export interface ModelHandle extends ResolvedModel {
  close(): Promise<void>;
}

/** Retries of one model request after a connection error, a 429 or a 5xx. */
export const modelMaxRetries = 2;

const openaiBaseURL = "https://api.openai.com/v1";

export async function resolveModel(
  config: AppConfig,
  offlineModel?: (config: AppConfig) => Promise<ModelHandle>,
): Promise<ModelHandle> {
  if (config.model === "offline" || config.model.startsWith("offline:")) {
    if (!offlineModel) throw offlineModelMissing(config);
    return offlineModel(config);
  }
  const modelId = config.model.slice("openai/".length);
  const baseURL = config.openai.baseURL ?? openaiBaseURL;
  return {
    provider: "openai",
    modelId,
    baseURL,
    // Local OpenAI-compatible servers (Ollama, vLLM, LM Studio) accept any key.
    apiKey: config.openai.apiKey ?? "not-needed",
    api: config.openai.api ?? (baseURL === openaiBaseURL ? "responses" : "chat"),
    timeoutMs: config.modelTimeoutMs,
    maxRetries: modelMaxRetries,
    close: async () => {},
  };
}

function offlineModelMissing(config: AppConfig): CeligoAgentsError {
  return new CeligoAgentsError(
    "model_unavailable",
    "user",
    `No model is configured: MODEL=${config.model} (the default when OPENAI_API_KEY is unset) needs the offline model, which this project does not include. Set OPENAI_API_KEY to use OpenAI (MODEL=openai/gpt-5 by default), or OPENAI_BASE_URL to any OpenAI-compatible server with MODEL=openai/<model>; to run without a key, start \`pnpm offline-model\` in the celigo-agents repository and set OPENAI_BASE_URL to the URL it prints and MODEL=openai/offline.`,
  );
}
