import { runChat } from "./celigo/index.ts";
import { createRunner } from "./runner.ts";

process.exitCode = await runChat(createRunner, { command: "npm start --" });
