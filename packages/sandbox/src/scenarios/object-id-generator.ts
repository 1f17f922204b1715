import { SeededRandom } from "./seeded-random.ts";

/**
 * Mongo-style 24-hex object ids like integrator.io's: 8 hex of the creation second, then 16 hex
 * from a seeded sequence, so the same seed and the same operations give the same ids.
 */
export class ObjectIdGenerator {
  readonly #random: SeededRandom;
  readonly #issued = new Set<string>();

  constructor(seed: string | SeededRandom, issued: Iterable<string> = []) {
    this.#random = typeof seed === "string" ? new SeededRandom(`ids:${seed}`) : seed;
    for (const id of issued) this.#issued.add(id);
  }

  /** An independent generator that issues what this one would issue next. */
  clone(): ObjectIdGenerator {
    return new ObjectIdGenerator(this.#random.clone(), this.#issued);
  }

  next(atMs: number): string {
    const seconds = Math.max(0, Math.floor(atMs / 1000));
    for (;;) {
      const id = seconds.toString(16).padStart(8, "0").slice(-8) + this.#random.hex(16);
      if (!this.#issued.has(id)) {
        this.#issued.add(id);
        return id;
      }
    }
  }
}
