import { describe, expect, it } from "vitest";
import { openAgentContext } from "./agent-context.ts";
import { loadConfig } from "./config.ts";
import { CeligoAgentsError } from "./errors.ts";

// Without local services (as in an exported starter), the defaults have nothing to run on; each
// case fails before any network call, since the missing piece is known from the config alone.
describe("openAgentContext without local services", () => {
  it("explains both choices in one paragraph when nothing is set", async () => {
    const error = await openAgentContext(loadConfig({})).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CeligoAgentsError);
    const { message, kind } = error as CeligoAgentsError;
    expect(kind).toBe("user");
    expect(message).not.toContain("\n");
    for (const named of [
      "COMPOSIO_API_KEY",
      "CELIGO_MCP_URL",
      "OPENAI_API_KEY",
      "OPENAI_BASE_URL",
      "pnpm sandbox",
      "pnpm offline-model",
      "MODEL=openai/offline",
    ]) {
      expect(message).toContain(named);
    }
  });

  it("names only the model when a Celigo source is set", async () => {
    const config = loadConfig({ COMPOSIO_API_KEY: "ck_test" });
    const error = await openAgentContext(config).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "model_unavailable", kind: "user" });
    expect((error as Error).message).toMatch(/^No model is configured: .*pnpm offline-model/);
  });

  it("names only the source when a model is set", async () => {
    const config = loadConfig({ MODEL: "openai/gpt-5", OPENAI_API_KEY: "sk-test" });
    const error = await openAgentContext(config).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "sandbox_unavailable", kind: "user" });
    expect((error as Error).message).toMatch(/^No Celigo source is configured: .*pnpm sandbox/);
  });
});
