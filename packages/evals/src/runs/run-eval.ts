/**
 * One eval: load cases, plan the matrix, start the shared sandbox and models, run everything
 * through a small pool (appending each result as it ends), then write the reports.
 */
import { mkdir } from "node:fs/promises";
import {
  type CreateRunner,
  errorText,
  loadConfig,
  type ResolvedModel,
  ToolPolicy,
} from "@celigo-agents/core";
import {
  celigoInstructions,
  createToolRouterSession,
  modelMaxRetries,
  resolveModel,
} from "@celigo-agents/core/internal";
import { startOfflineModel } from "@celigo-agents/offline-model";
import { type CaseProblem, type LoadedCase, loadCases } from "../cases/case-loader.ts";
import { resolveReferences } from "../cases/resolve-references.ts";
import { UsageError } from "../cli-options.ts";
import { buildRunManifest } from "../history/run-manifest.ts";
import { measureCostProfile, readProfile, writeProfile } from "../profile/cost-profile.ts";
import { createProgress } from "../reports/live-progress.ts";
import { type WrittenReports, writeReports } from "../reports/write-reports.ts";
import { findRepositoryRoot } from "../repository-root.ts";
import type { EvalContext, EvalSandbox, ReferenceAction, ReferenceState } from "./eval-context.ts";
import { runInProcesses } from "./eval-processes.ts";
import { executeRun } from "./execute-run.ts";
import { loadCreateRunner } from "./framework-loader.ts";
import { finishedKeys, latestRecords, ResultsFile, readResults } from "./results-file.ts";
import { type RunMetadata, writeRunMetadata } from "./run-metadata.ts";
import {
  type FrameworkChoice,
  inShard,
  type PlannedRun,
  planRuns,
  type Shard,
} from "./run-plan.ts";
import { runPool } from "./run-pool.ts";
import type { Exposure, RunRecord } from "./run-record.ts";
import { listSessionTools, toolDefinitionTokens } from "./tool-definitions.ts";

export interface EvalOptions {
  metadata: RunMetadata;
  frameworks: FrameworkChoice[];
  workingDirectory: string;
  outDirectory: string;
  concurrency: number;
  timeoutMs: number;
  infrastructureRetries: number;
  /** Simulated think time of the offline model per response. */
  offlineLatencyMs: number;
  shard?: Shard | undefined;
  /** Starts the sandbox every account of this eval lives on. */
  openSandbox: (now: string) => Promise<EvalSandbox>;
  /** Ctrl-C: no new run starts; finished runs are already on disk. */
  signal?: AbortSignal;
  progressStream?: NodeJS.WriteStream;
  /** Called once the cases are loaded, before any run, with the files that failed validation. */
  onCaseProblems?: (problems: readonly CaseProblem[], validCases: number) => void;
  /**
   * Measure each runner's cost profile (profile.json) in child processes before the runs;
   * skipped when the folder already has one (resume).
   */
  profile?: boolean;
  /**
   * Processes to run in. The runs of one process share one event loop, so they use about one
   * core; with more, each process takes a slice of the runs by a hash of their keys and this one
   * writes results and reports. 1 (the default) runs everything here.
   */
  processes?: number;
  /** Set in a worker process: its slice of the runs. */
  slot?: Shard | undefined;
}

export interface EvalOutcome {
  /** As written to run.json, with its provenance manifest. */
  metadata: RunMetadata;
  problems: CaseProblem[];
  /** Runs executed now (resume skips finished ones). */
  executed: number;
  records: RunRecord[];
  reports: WrittenReports;
}

export async function runEval(options: EvalOptions): Promise<EvalOutcome> {
  const { cases, problems, planned } = await planEval(options);
  // A resumed run keeps the manifest it started with.
  const metadata: RunMetadata = {
    ...options.metadata,
    manifest:
      options.metadata.manifest ??
      (await buildRunManifest({
        cases,
        frameworks: options.frameworks,
        models: options.metadata.models,
        exposures: options.metadata.exposures,
        now: options.metadata.now,
        workingDirectory: options.workingDirectory,
        repositoryRoot: findRepositoryRoot(options.workingDirectory),
      })),
  };
  await writeRunMetadata(options.outDirectory, metadata);
  if (planned.length > 0) {
    // Measured first, alone: beside the runs the profile's processes and the runs slowed each
    // other down (57 s without it, 139 s with it alongside, on this 2-core machine under load).
    if (options.profile && !options.signal?.aborted && !(await readProfile(options.outDirectory))) {
      await profileRunners(options);
    }
    const resultsFile = new ResultsFile(options.outDirectory);
    const progress = createProgress(planned.length, options.progressStream);
    const onRecord = async (record: RunRecord) => {
      await resultsFile.append(record);
      progress.runFinished(record);
    };
    try {
      if ((options.processes ?? 1) > 1) await runInProcesses(options, onRecord);
      else await runPlanned(options, cases, planned, onRecord);
    } finally {
      progress.stop();
    }
  }
  const records = latestRecords((await readResults(options.outDirectory)).records);
  const reports = await writeReports(options.outDirectory, metadata, records);
  return { metadata, problems, executed: planned.length, records, reports };
}

/** Loads the cases and plans the runs still to do (this shard's and this process's). */
export async function planEval(
  options: EvalOptions,
): Promise<{ cases: LoadedCase[]; problems: CaseProblem[]; planned: PlannedRun[] }> {
  const { metadata } = options;
  const { cases, problems } = await loadCases(metadata.cases, options.workingDirectory);
  if (!options.slot) options.onCaseProblems?.(problems, cases.length);
  if (cases.length === 0) {
    throw new UsageError(
      `No valid case to run in ${options.metadata.cases}. Fix the problems above, or point --cases at a folder of case files or a glob.`,
    );
  }
  await mkdir(options.outDirectory, { recursive: true });
  const done = finishedKeys((await readResults(options.outDirectory)).records);
  const planned = planRuns({
    cases,
    frameworks: options.frameworks,
    models: metadata.models,
    exposures: metadata.exposures,
    repeat: metadata.repeat,
  }).filter(
    (run) =>
      (!options.shard || inShard(run.key, options.shard)) &&
      (!options.slot || inShard(`process|${run.key}`, options.slot)) &&
      !done.has(run.key),
  );
  return { cases, problems, planned };
}

/** The planned runs through the pool, on one sandbox and model server in this process. */
export async function runPlanned(
  options: EvalOptions,
  cases: readonly LoadedCase[],
  planned: readonly PlannedRun[],
  onRecord: (record: RunRecord) => Promise<void>,
): Promise<void> {
  const context = await openContext(options, cases);
  try {
    // Import every framework before the first run: a run connecting while others import
    // megabytes of code can miss its MCP client's connect timeout on a busy machine.
    const frameworks = new Map(planned.map((run) => [run.framework.name, run.framework]));
    await Promise.allSettled(
      [...frameworks.values()].map((choice) => context.context.framework(choice)),
    );
    await runPool(
      planned,
      options.concurrency,
      async (run) => {
        const record = await executeRun(run, context.context).catch((error: unknown) =>
          harnessFailure(run, options.metadata.runId, error),
        );
        await onRecord(record);
      },
      options.signal,
    );
  } finally {
    await context.close();
  }
}

async function openContext(
  options: EvalOptions,
  cases: readonly LoadedCase[],
): Promise<{ context: EvalContext; close: () => Promise<void> }> {
  const { metadata } = options;
  const closers: Array<() => Promise<void>> = [];
  const sandbox = await options.openSandbox(metadata.now);
  closers.push(() => sandbox.close());
  const once = <Key, Value>(produce: (key: Key) => Promise<Value>) => {
    const cache = new Map<Key, Promise<Value>>();
    return (key: Key): Promise<Value> => {
      let value = cache.get(key);
      if (!value) {
        value = produce(key);
        // A failed attempt is not cached: the next run retries it.
        value.catch(() => cache.delete(key));
        cache.set(key, value);
      }
      return value;
    };
  };
  const model = once(async (name: string): Promise<ResolvedModel> => {
    if (name === "offline") {
      const server = await startOfflineModel({ port: 0, latencyMs: options.offlineLatencyMs });
      closers.push(() => server.close());
      return {
        provider: "offline",
        modelId: server.modelId,
        baseURL: server.baseURL,
        apiKey: "offline",
        api: "chat",
        timeoutMs: loadConfig().modelTimeoutMs,
        maxRetries: modelMaxRetries,
      };
    }
    const handle = await resolveModel({ ...loadConfig(), model: name });
    closers.push(() => handle.close());
    const { close: _close, ...resolved } = handle;
    return resolved;
  });
  const framework = once(
    (choice: FrameworkChoice): Promise<CreateRunner> => loadCreateRunner(choice),
  );
  const policy = new ToolPolicy();
  const listTools = once(async (exposure: Exposure) => {
    const account = await sandbox.createAccount(cases[0]?.scenario ?? "acme-retail");
    try {
      const session = await createToolRouterSession({
        apiKey: account.composioApiKey,
        baseURL: sandbox.baseUrl,
        userId: "eval-tool-listing",
        exposure,
        offline: true,
      });
      try {
        return await listSessionTools(session);
      } finally {
        await session.delete().catch(() => undefined);
      }
    } finally {
      await sandbox.deleteAccount(account.accountId).catch(() => undefined);
    }
  });
  // Annotations come from the direct listing (router exposure hides the Celigo tools). If it
  // fails, slug rules still classify, and each run reports the failure as infrastructure.
  await listTools("direct").then(
    (tools) => policy.learn(tools),
    () => undefined,
  );
  const initialState = once(async (scenario: string): Promise<unknown> => {
    const account = await sandbox.createAccount(scenario);
    try {
      return await sandbox.accountState(account.accountId);
    } finally {
      await sandbox.deleteAccount(account.accountId).catch(() => undefined);
    }
  });
  const referenceState = once(async (evalCase: LoadedCase): Promise<ReferenceState> => {
    const initial = await initialState(evalCase.scenario);
    const actions = resolveReferences(evalCase.expect.state?.actions ?? [], initial) as unknown[];
    // Nothing to replay: the expected state is the fresh account's.
    if (actions.length === 0) return { initial, expected: initial };
    const account = await sandbox.createAccount(evalCase.scenario);
    try {
      await sandbox.replay(account.accountId, actions as ReferenceAction[]);
      return { initial, expected: await sandbox.accountState(account.accountId) };
    } finally {
      await sandbox.deleteAccount(account.accountId).catch(() => undefined);
    }
  });
  const context: EvalContext = {
    runId: metadata.runId,
    now: metadata.now,
    sandbox,
    model,
    framework,
    initialState,
    referenceState,
    toolDefinitionTokens: async (exposure) => toolDefinitionTokens(await listTools(exposure)),
    policy,
    timeoutMs: options.timeoutMs,
    infrastructureRetries: options.infrastructureRetries,
  };
  return {
    context,
    close: async () => {
      await Promise.allSettled(closers.reverse().map((close) => close()));
    },
  };
}

/**
 * Each runner in its own process, one after another. Never fails the eval: a profile that cannot
 * be measured is said so, and an interrupted one is not written (resume measures it again).
 */
async function profileRunners(options: EvalOptions): Promise<void> {
  const stream = options.progressStream ?? process.stdout;
  stream.write(`Measuring the cost profile of ${options.frameworks.length} runners…\n`);
  try {
    const outcome = await measureCostProfile({
      frameworks: options.frameworks,
      instructions: celigoInstructions(new Date(options.metadata.now)),
      signal: options.signal,
    });
    if (!options.signal?.aborted) await writeProfile(options.outDirectory, outcome);
  } catch (error) {
    stream.write(`The cost profile could not be measured: ${errorText(error)}\n`);
  }
}

/** A bug or a bad case surfacing mid-run: recorded (and retried on resume), never fatal. */
function harnessFailure(run: PlannedRun, runId: string, error: unknown): RunRecord {
  return {
    key: run.key,
    runId,
    caseId: run.evalCase.id,
    caseFile: run.evalCase.file,
    family: run.evalCase.family,
    description: run.evalCase.description,
    prompt: run.evalCase.prompt,
    framework: run.framework.name,
    model: run.model,
    exposure: run.exposure,
    repeat: run.repeat,
    status: "infrastructure-error",
    passed: false,
    graders: [],
    text: "",
    toolCalls: [],
    steps: 0,
    usage: { inputTokens: 0, outputTokens: 0 },
    toolDefinitionTokens: 0,
    durationMs: 0,
    startedAt: new Date().toISOString(),
    attempts: 1,
    error: {
      code: "harness_error",
      message: `the harness failed on this run: ${errorText(error)}`,
    },
  };
}
