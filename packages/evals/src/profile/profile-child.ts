/**
 * One runner's cost profile, in a process of its own (forked by measure-runner.ts, so one
 * framework's imports and memory never count against another's). It loads the runner module,
 * creates a runner connected to the echo MCP server and reports "ready" (the parent times
 * process start to that message), then runs a scripted echo loop against the zero-latency model
 * on the same runner and reports when each tool call ended, and the process's peak resident
 * memory.
 */
import { type CreateRunner, ToolPolicy } from "@celigo-agents/core";
import type { ChildMessage, ChildTask } from "./child-protocol.ts";

const task = JSON.parse(process.argv[2] ?? "{}") as ChildTask;

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, () => resolve());
  });
}

try {
  const module = (await import(task.moduleSpecifier)) as { createRunner?: CreateRunner };
  if (typeof module.createRunner !== "function") {
    throw new Error(`${task.moduleSpecifier} does not export a createRunner function.`);
  }
  const runner = await module.createRunner({
    session: { url: task.echoUrl, headers: {} },
    model: task.model,
    instructions: task.instructions,
    toolPolicy: new ToolPolicy(),
    maxSteps: task.toolCalls + 2,
  });
  await send({ type: "ready" });
  const toolCallEnds: number[] = [];
  const result = await runner.run(`Call the echo tool ${task.toolCalls} times.`, {
    onEvent: (event) => {
      if (event.type === "tool-call-end") toolCallEnds.push(performance.now());
    },
  });
  await runner.close();
  await send({
    type: "result",
    toolCallEnds,
    failedCalls: result.toolCalls.filter((call) => call.isError).length,
    error: result.error?.message,
    maxRssKb: process.resourceUsage().maxRSS,
  });
} catch (error) {
  await send({ type: "error", message: error instanceof Error ? error.message : String(error) });
}
// A framework may keep sockets or timers open after close(); the measurement is done.
process.exit(0);
