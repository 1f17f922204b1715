/**
 * A framework whose agent crashes mid-run (it throws out of `run`), for the crash-isolation
 * test: the harness must fail this framework's runs and nothing else.
 */
import type { CreateRunner } from "@celigo-agents/core";

export const createRunner: CreateRunner = async () => ({
  framework: "throwing",
  run: async () => {
    throw new Error("the agent loop crashed on purpose");
  },
  close: async () => undefined,
});
