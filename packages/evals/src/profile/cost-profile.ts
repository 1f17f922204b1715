/**
 * The cost profile: what each runner costs apart from the model. Runners are measured one at a
 * time, each in its own child process, so no measurement competes with another: cold start
 * (process start to runner ready), peak RSS, time per tool call with a zero-latency scripted
 * model and a no-op MCP tool (and its ratio to the `baseline` runner when the run includes it),
 * the install closure and the runner's line count. The servers run in a process of their own,
 * so the measured process holds only the runner.
 */
import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { referenceFramework } from "../metrics/paired-comparisons.ts";
import type { FrameworkChoice } from "../runs/run-plan.ts";
import type { ServersMessage } from "./child-protocol.ts";
import { cachedInstallClosure } from "./install-closure.ts";
import { measureRunner } from "./measure-runner.ts";
import { scriptedModelId } from "./scripted-model.ts";

export interface RunnerProfile {
  /** Process start to runner ready (module imported, MCP server connected, tools listed). */
  coldStartMs: number | null;
  /** Peak resident memory of the runner's process over the whole profile. */
  peakRssMb: number | null;
  /** Median time per tool call, zero-latency model and no-op tool: the loop's own cost. */
  overheadPerToolCallMs: number | null;
  /** overheadPerToolCallMs over the baseline runner's; null without a baseline in the run. */
  overheadRatio: number | null;
  /** Production dependency closure of the app (see install-closure.ts). */
  installPackages: number | null;
  installMb: number | null;
  /** Lines of the module that exports createRunner (the app's src/runner.ts). */
  runnerLines: number | null;
  /** Why some numbers are missing. */
  error?: string;
}

export type CostProfile = Record<string, RunnerProfile>;

export interface ProfileConditions {
  measuredAt: string;
  /** The runner the ratios are against, or null when the run has none. */
  reference: string | null;
  toolCallsPerRun: number;
  /** Calls left out of the median: connection set-up and first-call compilation. */
  warmupCalls: number;
  cores: number;
  loadAverage: number;
  durationMs: number;
}

export interface ProfileOutcome {
  runners: CostProfile;
  conditions: ProfileConditions;
}

export interface ProfileOptions {
  frameworks: readonly FrameworkChoice[];
  instructions: string;
  toolCalls?: number;
  warmupCalls?: number;
  timeoutMs?: number;
  onRunner?: (name: string) => void;
  /** Stops before the next runner (Ctrl-C). */
  signal?: AbortSignal | undefined;
}

export const profileFileName = "profile.json";

export async function measureCostProfile(options: ProfileOptions): Promise<ProfileOutcome> {
  const started = performance.now();
  const [load = 0] = loadavg();
  const toolCalls = options.toolCalls ?? 24;
  const warmupCalls = options.warmupCalls ?? 4;
  const servers = await startServers();
  const runners: CostProfile = {};
  try {
    for (const framework of options.frameworks) {
      if (options.signal?.aborted) break;
      options.onRunner?.(framework.name);
      const file = moduleFile(framework.moduleSpecifier);
      const [closure, lines] = await Promise.all([
        file ? cachedInstallClosure(appDirectory(file)) : undefined,
        file ? lineCount(file) : undefined,
      ]);
      const profile: RunnerProfile = {
        coldStartMs: null,
        peakRssMb: null,
        overheadPerToolCallMs: null,
        overheadRatio: null,
        installPackages: closure?.installPackages ?? null,
        installMb: closure?.installMb ?? null,
        runnerLines: lines ?? null,
      };
      try {
        const measured = await measureRunner(
          {
            moduleSpecifier: framework.moduleSpecifier,
            model: {
              provider: "offline",
              modelId: scriptedModelId,
              baseURL: servers.modelBaseURL,
              apiKey: "scripted",
              api: "chat",
              // The scripted model answers at once; a failure should not be retried.
              timeoutMs: 60_000,
              maxRetries: 0,
            },
            instructions: options.instructions,
            echoUrl: servers.echoUrl,
            toolCalls,
          },
          { timeoutMs: options.timeoutMs ?? 60_000, warmupCalls },
        );
        profile.coldStartMs = Math.round(measured.coldStartMs);
        profile.peakRssMb = measured.peakRssMb;
        profile.overheadPerToolCallMs = Math.round(measured.perToolCallMs * 100) / 100;
      } catch (error) {
        profile.error = error instanceof Error ? error.message : String(error);
      }
      runners[framework.name] = profile;
    }
  } finally {
    servers.close();
  }
  const reference = runners[referenceFramework]?.overheadPerToolCallMs ?? null;
  for (const profile of Object.values(runners)) {
    if (reference !== null && reference > 0 && profile.overheadPerToolCallMs !== null) {
      profile.overheadRatio = Math.round((profile.overheadPerToolCallMs / reference) * 100) / 100;
    }
  }
  return {
    runners,
    conditions: {
      measuredAt: new Date().toISOString(),
      reference: reference === null ? null : referenceFramework,
      toolCallsPerRun: toolCalls,
      warmupCalls,
      cores: availableParallelism(),
      loadAverage: Math.round(load * 10) / 10,
      durationMs: Math.round(performance.now() - started),
    },
  };
}

const serversFile = fileURLToPath(new URL("./profile-servers.ts", import.meta.url));

/** Forks profile-servers.ts and waits for its addresses. */
function startServers(): Promise<ServersMessage & { close(): void }> {
  return new Promise((resolve, reject) => {
    const child = fork(serversFile, [], {
      execArgv: ["--import", import.meta.resolve("tsx")],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-1_000);
    });
    const close = () => {
      if (child.connected) child.disconnect();
      setTimeout(() => child.kill(), 2_000).unref();
    };
    child.once("message", (message: ServersMessage) => resolve({ ...message, close }));
    child.once("exit", (code) =>
      reject(new Error(`the profile's servers exited (code ${code}): ${stderr.trim()}`)),
    );
  });
}

export async function writeProfile(directory: string, outcome: ProfileOutcome): Promise<void> {
  await writeFile(path.join(directory, profileFileName), `${JSON.stringify(outcome, null, 2)}\n`);
}

/** Undefined when the folder has no profile (run with --no-profile, or before this existed). */
export async function readProfile(directory: string): Promise<ProfileOutcome | undefined> {
  try {
    return JSON.parse(await readFile(path.join(directory, profileFileName), "utf8"));
  } catch {
    return undefined;
  }
}

/** The file behind a module specifier; undefined when it cannot be resolved. */
function moduleFile(specifier: string): string | undefined {
  try {
    const url = specifier.startsWith("file:") ? specifier : import.meta.resolve(specifier);
    return url.startsWith("file:") ? fileURLToPath(url) : undefined;
  } catch {
    return undefined;
  }
}

function appDirectory(file: string): string {
  let directory = path.dirname(file);
  while (!existsSync(path.join(directory, "package.json"))) {
    const parent = path.dirname(directory);
    if (parent === directory) return path.dirname(file);
    directory = parent;
  }
  return directory;
}

async function lineCount(file: string): Promise<number> {
  const text = await readFile(file, "utf8");
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}
