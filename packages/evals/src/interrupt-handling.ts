/**
 * Ctrl-C (SIGINT) and SIGTERM stop an eval gracefully: no new run starts, the running ones
 * finish, the reports are written. A second signal more than a second later quits at once (one
 * Ctrl-C reaches pnpm, tsx and this process together, so signals within a second count as one).
 *
 * Framework libraries install process-wide handlers that exit the process on these signals
 * (Mastra's MCP client through exit-hook, the OpenAI Agents tracing provider): the eval owns the
 * process, so any handler added after ours is removed as soon as it is added.
 */
const signals = ["SIGINT", "SIGTERM"] as const;
const burstMs = 1_000;

export function stopGracefullyOnInterrupt(onFirst: () => void): void {
  let firstAt = 0;
  const handler = (signal: NodeJS.Signals) => {
    if (firstAt === 0) {
      firstAt = Date.now();
      onFirst();
    } else if (Date.now() - firstAt > burstMs) {
      process.exit(signal === "SIGINT" ? 130 : 143);
    }
  };
  for (const signal of signals) process.on(signal, handler);
  process.on("newListener", (event, listener) => {
    if ((signals as readonly (string | symbol)[]).includes(event) && listener !== handler) {
      // `newListener` fires before the listener is added: remove it right after.
      queueMicrotask(() => process.off(event as NodeJS.Signals, listener));
    }
  });
}
