/** Forks profile-child.ts for one runner and turns what it reports into numbers. */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { percentile } from "../metrics/percentile.ts";
import type { ChildMessage, ChildTask } from "./child-protocol.ts";

export interface RunnerMeasurement {
  /** Fork to the child's "ready": Node's start, imports, createRunner connected and listed. */
  coldStartMs: number;
  peakRssMb: number;
  /** Median time between consecutive tool-call ends after the warm-up calls. */
  perToolCallMs: number;
  /** Intervals the median was taken over. */
  measuredCalls: number;
}

const childFile = fileURLToPath(new URL("./profile-child.ts", import.meta.url));
const tsxLoader = import.meta.resolve("tsx");
const stderrKept = 2_000;

export function measureRunner(
  task: ChildTask,
  options: { timeoutMs: number; warmupCalls: number },
): Promise<RunnerMeasurement> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let coldStartMs: number | undefined;
    let settled = false;
    let stderr = "";
    const child = fork(childFile, [JSON.stringify(task)], {
      execArgv: ["--import", tsxLoader],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill("SIGKILL");
      outcome();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new Error(`no result within ${options.timeoutMs / 1000} s; the child was stopped`),
          ),
        ),
      options.timeoutMs,
    );
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-stderrKept);
    });
    child.on("message", (message: ChildMessage) => {
      if (message.type === "ready") coldStartMs = performance.now() - started;
      else if (message.type === "error") finish(() => reject(new Error(message.message)));
      else {
        finish(() => {
          if (message.error) {
            reject(new Error(`the echo run failed: ${message.error}`));
            return;
          }
          const intervals = message.toolCallEnds
            .slice(options.warmupCalls)
            .map((end, index, ends) =>
              index === 0 ? undefined : end - (ends[index - 1] as number),
            )
            .filter((interval): interval is number => interval !== undefined);
          if (intervals.length === 0 || coldStartMs === undefined) {
            reject(
              new Error(
                `the runner made ${message.toolCallEnds.length} of ${task.toolCalls} echo calls (${message.failedCalls} failed)`,
              ),
            );
            return;
          }
          resolve({
            coldStartMs,
            peakRssMb: Math.round((message.maxRssKb * 1024) / 1e5) / 10,
            perToolCallMs: percentile(intervals, 0.5) as number,
            measuredCalls: intervals.length,
          });
        });
      }
    });
    child.on("exit", (code) =>
      finish(() =>
        reject(
          new Error(
            `the profile process exited (code ${code}) before reporting${stderr ? `: ${lastLine(stderr)}` : ""}`,
          ),
        ),
      ),
    );
  });
}

function lastLine(text: string): string {
  const lines = text.trim().split("\n");
  return (lines[lines.length - 1] ?? "").slice(0, 300);
}
