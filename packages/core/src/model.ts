/**
 * Resolves MODEL into what every framework's OpenAI provider needs. `offline` starts the
 * embedded offline model (loaded lazily) on a free loopback port.
 */
import type { AppConfig } from "./config.ts";
import { CeligoAgentsError } from "./errors.ts";
import type { ResolvedModel } from "./runner.ts";

export interface ModelHandle extends ResolvedModel {
  close(): Promise<void>;
}

const openaiBaseURL = "https://api.openai.com/v1";

export async function resolveModel(config: AppConfig): Promise<ModelHandle> {
  if (config.model === "offline") return startEmbeddedOfflineModel(config);
  const modelId = config.model.slice("openai/".length);
  const baseURL = config.openai.baseURL ?? openaiBaseURL;
  return {
    provider: "openai",
    modelId,
    baseURL,
    // Local OpenAI-compatible servers (Ollama, vLLM, LM Studio) accept any key.
    apiKey: config.openai.apiKey ?? "not-needed",
    api: config.openai.api ?? (baseURL === openaiBaseURL ? "responses" : "chat"),
    close: async () => {},
  };
}

async function startEmbeddedOfflineModel(config: AppConfig): Promise<ModelHandle> {
  const offlineModule = await import("@celigo-agents/offline-model").catch((error: unknown) => {
    throw new CeligoAgentsError(
      "model_unavailable",
      "user",
      `MODEL=offline needs the @celigo-agents/offline-model package, which could not be loaded (${error instanceof Error ? error.message : String(error)}). Install it, or set OPENAI_API_KEY (and MODEL=openai/<model>) to use a real model.`,
      { cause: error },
    );
  });
  const server = await offlineModule.startOfflineModel({ port: 0 });
  return {
    provider: "offline",
    modelId: server.modelId,
    baseURL: server.baseURL,
    apiKey: "offline",
    api: config.openai.api ?? "chat",
    close: () => server.close(),
  };
}
