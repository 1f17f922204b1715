/**
 * Everything a runner needs, built from config: the Celigo session, the model and the
 * instructions. The chat REPL and the eval harness both start here.
 */
import { type AppConfig, loadConfig } from "./config.ts";
import { celigoInstructions } from "./instructions.ts";
import { type ModelHandle, resolveModel } from "./model.ts";
import type { RunnerOptions } from "./runner.ts";
import { type CeligoSession, createCeligoSession } from "./session.ts";
import { ToolPolicy } from "./tool-policy.ts";

export interface AgentContext {
  config: AppConfig;
  session: CeligoSession;
  model: ModelHandle;
  runnerOptions: RunnerOptions;
  close(): Promise<void>;
}

export async function openAgentContext(config: AppConfig = loadConfig()): Promise<AgentContext> {
  const model = await resolveModel(config);
  let session: CeligoSession;
  try {
    session = await createCeligoSession(config);
  } catch (error) {
    await model.close();
    throw error;
  }
  return {
    config,
    session,
    model,
    runnerOptions: {
      session,
      model: {
        provider: model.provider,
        modelId: model.modelId,
        baseURL: model.baseURL,
        apiKey: model.apiKey,
        api: model.api,
      },
      instructions: celigoInstructions(session.now()),
      toolPolicy: new ToolPolicy(),
    },
    close: async () => {
      await Promise.allSettled([session.close(), model.close()]);
    },
  };
}
