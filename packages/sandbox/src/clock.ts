import { SandboxInputError } from "./sandbox-input-error.ts";

/**
 * An account's virtual clock: it starts at the account's "now" and follows real elapsed time,
 * plus whatever the admin (or `settle`) has advanced it by. Everything is in UTC milliseconds.
 */
export class AccountClock {
  readonly #startMs: number;
  readonly #realStartMs: number;
  readonly #realNow: () => number;
  #offsetMs = 0;

  constructor(startMs: number, realNow: () => number = Date.now) {
    this.#startMs = startMs;
    this.#realNow = realNow;
    this.#realStartMs = realNow();
  }

  now(): number {
    return this.#startMs + (this.#realNow() - this.#realStartMs) + this.#offsetMs;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  advance(milliseconds: number): void {
    if (!Number.isFinite(milliseconds) || milliseconds < 0) {
      throw new RangeError(`The clock only moves forward: got ${milliseconds} ms.`);
    }
    this.#offsetMs += milliseconds;
  }

  /** Moves the clock forward to `targetMs` if it is not already there. */
  advanceTo(targetMs: number): void {
    const now = this.now();
    if (targetMs > now) this.advance(targetMs - now);
  }
}

/** The earliest and latest "now" an account can start at: four-digit years, from the Unix epoch. */
const earliestStartMs = Date.UTC(1970, 0, 1);
const latestStartMs = Date.UTC(9999, 11, 31, 23, 59, 59);

/**
 * Parses a scenario "now" (Date, ISO string or undefined = the real current time), truncated to
 * the second. A date JavaScript accepts but a scenario cannot be built around (year +275760,
 * where schedules run past the last representable date) is refused here, naming the field.
 */
export function resolveStartTime(now: Date | string | undefined): number {
  const date = now === undefined ? new Date() : new Date(now);
  const milliseconds = date.getTime();
  if (Number.isNaN(milliseconds)) {
    throw new SandboxInputError(
      `"now" must be an ISO 8601 date such as 2025-03-14T15:00:00Z; got ${JSON.stringify(String(now))}.`,
      { field: "now" },
    );
  }
  if (milliseconds < earliestStartMs || milliseconds > latestStartMs) {
    throw new SandboxInputError(
      `"now" must be from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z; got ${JSON.stringify(String(now))}.`,
      { field: "now" },
    );
  }
  return Math.floor(milliseconds / 1000) * 1000;
}
