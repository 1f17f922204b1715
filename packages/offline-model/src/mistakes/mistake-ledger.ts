/**
 * Which mistakes the model committed for each API key, so a harness that gives every run its own
 * key can ask afterwards what its run went through. Keys are kept as digests, never as sent.
 */
import { digest } from "../deterministic-ids.ts";
import type { MistakeKind } from "./mistake-profiles.ts";

export interface CommittedMistake {
  kind: MistakeKind;
  /** The model turn of the user request (0 = its first reply) that carried the mistake. */
  turn: number;
  /** The tool concerned, as the framework names it. */
  tool: string;
  detail: string;
  /** What came back on the next turn; absent when no further request of that run arrived. */
  outcome?: MistakeOutcome;
}

export type MistakeOutcome =
  | "error returned to the model"
  | "accepted or repaired by the framework"
  | "refused at approval"
  | "ran again";

interface Entry extends CommittedMistake {
  request: string;
}

/** Keys remembered at once; the oldest go first (a harness reads its run's soon after it ends). */
const maximumKeys = 20_000;

export class MistakeLedger {
  readonly #entries = new Map<string, Entry[]>();

  record(apiKey: string, request: string, mistake: CommittedMistake): void {
    const key = digest("api-key", apiKey);
    const entries = this.#entries.get(key) ?? [];
    // A retried request commits the same mistake again: it is one mistake.
    const same = entries.find(
      (entry) =>
        entry.request === request && entry.turn === mistake.turn && entry.kind === mistake.kind,
    );
    if (same) return;
    entries.push({ ...mistake, request });
    this.#entries.delete(key);
    this.#entries.set(key, entries);
    if (this.#entries.size > maximumKeys) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  settle(
    apiKey: string,
    request: string,
    where: { turn: number; kind: MistakeKind },
    outcome: MistakeOutcome,
  ) {
    const entry = this.#entries
      .get(digest("api-key", apiKey))
      ?.find(
        (candidate) =>
          candidate.request === request &&
          candidate.turn === where.turn &&
          candidate.kind === where.kind,
      );
    if (entry) entry.outcome = outcome;
  }

  committed(apiKey: string): CommittedMistake[] {
    return (this.#entries.get(digest("api-key", apiKey)) ?? []).map(
      ({ request: _request, ...mistake }) => ({ ...mistake }),
    );
  }
}
