/**
 * A small deterministic PRNG (mulberry32 seeded with FNV-1a) so that a scenario and a "now" always
 * produce the same data, ids included. Not for secrets: tokens come from node:crypto.
 */
export class SeededRandom {
  #state: number;

  constructor(seed: string) {
    this.#state = hashString(seed);
  }

  /** An independent generator that continues from this one's state. */
  clone(): SeededRandom {
    const copy = new SeededRandom("");
    copy.#state = this.#state;
    return copy;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) | 0;
    let value = this.#state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError("Cannot pick from an empty list.");
    return item;
  }

  hex(length: number): string {
    let text = "";
    while (text.length < length) {
      text += Math.floor(this.next() * 0x10000)
        .toString(16)
        .padStart(4, "0");
    }
    return text.slice(0, length);
  }
}

export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
