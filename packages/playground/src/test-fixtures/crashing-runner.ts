/** A runner whose agent loop throws out of `run`: only its own column shows the failure. */
import type { CreateRunner } from "@celigo-agents/core";

export const createRunner: CreateRunner = async () => ({
  framework: "crashing",
  run: async () => {
    throw new Error("the agent loop crashed on purpose");
  },
  close: async () => undefined,
});
