import { setTimeout as sleep } from "node:timers/promises";
import type { ModelTurn } from "./conversation.ts";
import { deterministicUniform } from "./deterministic-ids.ts";
import { OpenAIError } from "./wire/openai-error.ts";

export const faultKinds = [
  "malformed-arguments",
  "unknown-tool",
  "http-500",
  "slow-stream",
] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface FaultRule {
  kind: FaultKind;
  /** Share of requests hit, 0 to 1. */
  rate: number;
}

/** Pause between streamed chunks (and before a non-streamed reply) when `slow-stream` hits. */
export const slowStreamChunkDelayMs = 150;

/** The faults that hit one request: a PRNG keyed on seed, kind and request, never the clock. */
export function faultsFor(rules: readonly FaultRule[], seed: number, requestDigest: string) {
  const hit = new Set<FaultKind>();
  for (const rule of rules) {
    if (deterministicUniform(seed, rule.kind, requestDigest) < rule.rate) hit.add(rule.kind);
  }
  return hit;
}

/** Rewrites the policy's turn the way a flaky model would get it wrong. */
export function applyTurnFaults(turn: ModelTurn, hit: ReadonlySet<FaultKind>): ModelTurn {
  if (hit.has("http-500")) {
    throw new OpenAIError(
      500,
      "server_error",
      "The offline model injected a server error (fault http-500). Retry the request, or start the model without --fault http-500.",
      { code: "injected_fault" },
    );
  }
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
