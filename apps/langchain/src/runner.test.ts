import {
  describeRunnerEndToEnd,
  failedFlowsPrompt,
  startTestEnvironment,
  type TestEnvironment,
} from "@celigo-agents/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunner } from "./runner.ts";

describeRunnerEndToEnd({ createRunner, appDirectory: new URL("..", import.meta.url) });

describe("step limit", () => {
  let environment: TestEnvironment;
  beforeAll(async () => {
    environment = await startTestEnvironment({ exposure: "direct" });
  }, 60_000);
  afterAll(() => environment?.close());

  it("reports running out of model calls and gives the next run a full budget", async () => {
    const runner = await createRunner({ ...environment.runnerOptions, maxSteps: 1 });
    try {
      const first = await runner.run(failedFlowsPrompt);
      expect(first.error?.code).toBe("step_limit");
      expect(first.steps).toBe(1);

      // The limit middleware's own counter would otherwise still be at the limit here.
      const second = await runner.run(failedFlowsPrompt);
      expect(second.steps).toBe(1);
      expect(second.error?.code).toBe("step_limit");
    } finally {
      await runner.close();
    }
  }, 60_000);
});
