/**
 * A framework whose agent never answers and ignores its AbortSignal, for the timeout test: the
 * harness must give up on it at the hard deadline and go on.
 */
import type { CreateRunner } from "@celigo-agents/core";

export const createRunner: CreateRunner = async () => ({
  framework: "hanging",
  run: () => new Promise(() => undefined),
  close: async () => undefined,
});
