/**
 * One eval over several processes. The runs of one process share one Node event loop, so an eval
 * in one process keeps about one core busy however high its concurrency; on a machine with more
 * cores, each worker process (eval-worker.ts) takes a slice of the runs, chosen by a hash of their
 * keys, with its own sandbox and model server, and sends each finished run back here, where
 * results.jsonl, the progress and the reports stay in one place.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { EvalOptions } from "./run-eval.ts";
import type { RunRecord } from "./run-record.ts";

export interface WorkerTask {
  options: Omit<EvalOptions, "openSandbox" | "signal" | "progressStream" | "onCaseProblems">;
  slot: { index: number; count: number };
}

export type WorkerMessage =
  | { type: "record"; record: RunRecord }
  | { type: "done" }
  | { type: "error"; message: string };

const workerFile = fileURLToPath(new URL("./eval-worker.ts", import.meta.url));

export async function runInProcesses(
  options: EvalOptions,
  onRecord: (record: RunRecord) => Promise<void>,
): Promise<void> {
  const count = Math.max(1, options.processes ?? 1);
  const {
    openSandbox: _sandbox,
    signal,
    progressStream: _stream,
    onCaseProblems: _problems,
    ...rest
  } = options;
  // Records are appended one at a time, in the order they arrive.
  let writing = Promise.resolve();
  const failures: string[] = [];
  const workers = Array.from({ length: count }, (_, index) => {
    const task: WorkerTask = {
      options: { ...rest, concurrency: Math.max(1, Math.ceil(options.concurrency / count)) },
      slot: { index: index + 1, count },
    };
    const child = fork(workerFile, [JSON.stringify(task)], {
      execArgv: ["--import", import.meta.resolve("tsx")],
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    let finished = false;
    child.on("message", (message: WorkerMessage) => {
      if (message.type === "record") {
        writing = writing.then(() => onRecord(message.record));
      } else if (message.type === "error") {
        failures.push(`process ${index + 1} of ${count}: ${message.message}`);
      } else finished = true;
    });
    return new Promise<void>((resolve) => {
      child.on("exit", (code) => {
        if (!finished && failures.length === 0) {
          failures.push(`process ${index + 1} of ${count} exited (code ${code}) before finishing`);
        }
        resolve();
      });
      signal?.addEventListener("abort", () => {
        if (child.connected) child.send({ type: "stop" });
      });
    });
  });
  await Promise.all(workers);
  await writing;
  if (failures.length > 0) {
    throw new Error(
      `${failures.join("; ")}. Finished runs are in results.jsonl; pnpm eval --resume runs the rest.`,
    );
  }
}
