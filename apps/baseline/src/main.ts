import { runChat } from "@celigo-agents/core";
import { createRunner } from "./runner.ts";

process.exitCode = await runChat(createRunner);
