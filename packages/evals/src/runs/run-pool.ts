/**
 * A small worker pool: at most `concurrency` tasks at once, in order. Once `signal` aborts no
 * new task starts; tasks already running finish (each has its own timeout).
 */
export async function runPool<Item>(
  items: readonly Item[],
  concurrency: number,
  worker: (item: Item) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++] as Item;
      await worker(item);
    }
  };
  const lanes = Math.max(1, Math.min(concurrency, items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
}
