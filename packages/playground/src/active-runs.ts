/**
 * How many columns are running their agent right now (a column waiting for a click does not
 * count). A column's state snapshot after a turn is synchronous work of a few hundred
 * milliseconds on a busy machine; it waits until the other columns' agents are done, so it
 * does not slow down the answers still streaming.
 */
export class ActiveRuns {
  #count = 0;
  #waiters: Array<() => void> = [];

  begin(): void {
    this.#count++;
  }

  end(): void {
    this.#count = Math.max(0, this.#count - 1);
    if (this.#count > 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves when no agent runs, or after `limitMs` in any case. */
  quiet(limitMs: number): Promise<void> {
    if (this.#count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, limitMs);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
