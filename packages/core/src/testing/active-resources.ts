/**
 * Leak checks for `close()`: counts what keeps the event loop alive (Node's
 * `process.getActiveResourcesInfo()`) and waits for those counts to come back to a baseline.
 */

export type ResourceCounts = Map<string, number>;

export function activeResourceCounts(): ResourceCounts {
  const counts: ResourceCounts = new Map();
  for (const type of process.getActiveResourcesInfo()) {
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
}

/**
 * Polls until no resource type is above its baseline count, and returns what is still above
 * it when `timeoutMs` runs out (empty when everything settled), e.g. `["TCPSocketWrap +2"]`.
 * Sockets take a few event-loop turns to close after their owner is closed, hence the polling.
 */
export async function waitForResourcesToSettle(
  baseline: ResourceCounts,
  timeoutMs = 3000,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const leftover = [...activeResourceCounts()]
      .filter(([type, count]) => count > (baseline.get(type) ?? 0))
      .map(([type, count]) => `${type} +${count - (baseline.get(type) ?? 0)}`);
    if (leftover.length === 0 || Date.now() >= deadline) return leftover;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
