/**
 * Version 2 of the same agent (same file name, so the same framework name in the eval) with a
 * bug: it drops the person's approval callback, so every destructive call is refused. Reads
 * still work; the approved write cases regress.
 */
import type { CreateRunner } from "@celigo-agents/core";
import { createRunner as createMastraRunner } from "@celigo-agents/mastra";

export const createRunner: CreateRunner = async (options) => {
  const runner = await createMastraRunner(options);
  return {
    framework: runner.framework,
    run: (prompt, runOptions) => runner.run(prompt, { ...runOptions, approve: undefined }),
    close: () => runner.close(),
  };
};
