/**
 * A worker process of eval-processes.ts: plans its slice of the runs, runs them on a sandbox and
 * model server of its own, and sends each record to the parent. Ctrl-C reaches it with the
 * parent; it stops the same way (no new run, the running ones finish), and also when the parent
 * says so or goes away.
 */
import { stopGracefullyOnInterrupt } from "../interrupt-handling.ts";
import type { WorkerMessage, WorkerTask } from "./eval-processes.ts";
import { planEval, runPlanned } from "./run-eval.ts";
import { openEvalSandbox } from "./sandbox-harness.ts";

const task = JSON.parse(process.argv[2] ?? "{}") as WorkerTask;
const controller = new AbortController();
stopGracefullyOnInterrupt(() => controller.abort());
process.on("message", (message: { type?: string }) => {
  if (message.type === "stop") controller.abort();
});
process.on("disconnect", () => process.exit(130));
// A framework's stray promise rejection must not take the other frameworks' runs down.
process.on("unhandledRejection", (reason) => {
  const text = reason instanceof Error ? reason.message : String(reason);
  console.error(`warning: unhandled rejection inside a framework: ${text}`);
});

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => process.send?.(message, () => resolve()) ?? resolve());
}

try {
  const options = {
    ...task.options,
    slot: task.slot,
    openSandbox: openEvalSandbox,
    signal: controller.signal,
  };
  const { cases, planned } = await planEval(options);
  if (planned.length > 0) {
    await runPlanned(options, cases, planned, (record) => send({ type: "record", record }));
  }
  await send({ type: "done" });
} catch (error) {
  await send({ type: "error", message: error instanceof Error ? error.message : String(error) });
}
process.exit(0);
