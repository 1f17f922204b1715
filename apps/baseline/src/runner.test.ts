import { describeRunnerEndToEnd } from "@celigo-agents/core/testing";
import { createRunner } from "./runner.ts";

describeRunnerEndToEnd({ createRunner, appDirectory: new URL("..", import.meta.url) });
