/**
 * Runs an app's one-shot CLI (`node --import tsx src/main.ts "prompt"`) in a child process with
 * a clean environment: the sandbox and the offline model at the pinned test time, whatever
 * keys the developer's shell or `.env` holds.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ToolExposure } from "../kernel/config.ts";
import { defaultTestNow } from "./test-environment.ts";

const defaultTestScenario = "acme-retail";

export interface ChatCommandOptions {
  /** The app folder holding `src/main.ts`. */
  appDirectory: string | URL;
  args: string[];
  exposure?: ToolExposure;
  scenario?: string;
  /** The process is killed, and the promise rejects, after this long (default 60 s). */
  timeoutMs?: number;
}

export interface ChatCommandResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export function runChatCommand(options: ChatCommandOptions): Promise<ChatCommandResult> {
  const cwd =
    options.appDirectory instanceof URL
      ? fileURLToPath(options.appDirectory)
      : options.appDirectory;
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", ...options.args], {
    cwd,
    // Explicit values win over any `.env` file (see config.ts), so no real key is ever used.
    env: {
      CELIGO_SOURCE: "sandbox",
      CELIGO_EXPOSURE: options.exposure ?? "router",
      SANDBOX_SCENARIO: options.scenario ?? defaultTestScenario,
      SANDBOX_NOW: defaultTestNow,
      MODEL: "offline",
      NO_COLOR: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    // A process that does not exit on its own has leaked a handle: that is a failure.
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`The chat command did not exit within ${timeoutMs} ms.\n${stdout}${stderr}`),
      );
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}
