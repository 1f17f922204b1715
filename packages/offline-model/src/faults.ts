import { setTimeout as sleep } from "node:timers/promises";
import type { ModelTurn } from "./conversation.ts";
import { deterministicUniform } from "./deterministic-ids.ts";
import { OpenAIError } from "./wire/openai-error.ts";

export const faultKinds = [
  "malformed-arguments",
  "unknown-tool",
  "http-500",
  "http-429",
  "hang",
  "slow-stream",
] as const;
export type FaultKind = (typeof faultKinds)[number];

/** What a 429 fault asks the client to wait, in seconds: small, so retries stay quick. */
export const rateLimitRetryAfterSeconds = 1;

/** One line per kind, for `--help` and error messages. */
export const faultDescriptions: Record<FaultKind, string> = {
  "malformed-arguments": "the first tool call's JSON arguments are cut short",
  "unknown-tool": "the first tool call's name gets _UNKNOWN",
  "http-500": "an OpenAI-shaped 500 server error",
  "http-429": `an OpenAI-shaped 429 rate limit with Retry-After: ${rateLimitRetryAfterSeconds} (seconds)`,
  hang: "no answer at all, until the client gives up and disconnects",
  "slow-stream": "150 ms between streamed chunks",
};

export interface FaultRule {
  kind: FaultKind;
  /** Share of requests hit, 0 to 1. */
  rate: number;
}

/** Pause between streamed chunks (and before a non-streamed reply) when `slow-stream` hits. */
export const slowStreamChunkDelayMs = 150;

/**
 * The faults that hit one attempt at a request: a PRNG keyed on seed, kind, request and attempt
 * number, never the clock. The same request sent again is a new attempt with a new draw, so a
 * client's retry can succeed, and the same sequence of requests always meets the same faults.
 */
export function faultsFor(
  rules: readonly FaultRule[],
  seed: number,
  requestDigest: string,
  attempt = 0,
) {
  const hit = new Set<FaultKind>();
  for (const rule of rules) {
    if (deterministicUniform(seed, rule.kind, requestDigest, attempt) < rule.rate) {
      hit.add(rule.kind);
    }
  }
  return hit;
}

/** Counts the attempts at each request (by digest), so each one draws its own faults. */
export class FaultDraws {
  readonly #rules: readonly FaultRule[];
  readonly #seed: number;
  readonly #attempts = new Map<string, number>();

  constructor(rules: readonly FaultRule[], seed: number) {
    this.#rules = rules;
    this.#seed = seed;
  }

  next(requestDigest: string): ReadonlySet<FaultKind> {
    if (this.#rules.length === 0) return new Set();
    const attempt = this.#attempts.get(requestDigest) ?? 0;
    this.#attempts.set(requestDigest, attempt + 1);
    return faultsFor(this.#rules, this.#seed, requestDigest, attempt);
  }
}

/**
 * The faults that fail a request before the model answers: a hang waits (no timer) until the
 * client disconnects or the model shuts down, then throws; a 429 or a 500 throws an OpenAI
 * error. A hang that ends is answered with a 500 no client will read.
 */
export async function applyRequestFaults(
  hit: ReadonlySet<FaultKind>,
  signals: { request: AbortSignal; shutdown: AbortSignal },
): Promise<void> {
  if (hit.has("hang")) {
    await new Promise<void>((resolve) => {
      const sources = [signals.request, signals.shutdown];
      const done = () => {
        for (const signal of sources) signal.removeEventListener("abort", done);
        resolve();
      };
      if (sources.some((signal) => signal.aborted)) return done();
      for (const signal of sources) signal.addEventListener("abort", done);
    });
    throw new OpenAIError(
      500,
      "server_error",
      "The offline model hung on purpose (fault hang) and the client gave up.",
      { code: "injected_fault" },
    );
  }
  if (hit.has("http-429")) {
    throw new OpenAIError(
      429,
      "requests",
      `The offline model injected a rate limit (fault http-429). Retry after ${rateLimitRetryAfterSeconds} second, or start the model without --fault http-429.`,
      { code: "rate_limit_exceeded", retryAfterSeconds: rateLimitRetryAfterSeconds },
    );
  }
  if (hit.has("http-500")) {
    throw new OpenAIError(
      500,
      "server_error",
      "The offline model injected a server error (fault http-500). Retry the request, or start the model without --fault http-500.",
      { code: "injected_fault" },
    );
  }
}

/** Rewrites the policy's turn the way a flaky model would get it wrong. */
export function applyTurnFaults(turn: ModelTurn, hit: ReadonlySet<FaultKind>): ModelTurn {
  if (turn.kind !== "tool-calls") return turn;
  const calls = turn.calls.map((call, index) => {
    if (index !== 0) return call;
    let changed = call;
    // Cutting the closing brace leaves JSON that no parser accepts.
    if (hit.has("malformed-arguments")) {
      changed = { ...changed, arguments: changed.arguments.slice(0, -1) };
    }
    if (hit.has("unknown-tool")) changed = { ...changed, name: `${changed.name}_UNKNOWN` };
    return changed;
  });
  return { kind: "tool-calls", calls };
}

export async function pauseForSlowStream(hit: ReadonlySet<FaultKind>, chunkCount: number) {
  if (hit.has("slow-stream")) await sleep(slowStreamChunkDelayMs * Math.max(1, chunkCount));
}
