/**
 * The mistakes the offline model can be told to make, and at what rates. The kinds follow the
 * error categories of public tool-calling analyses: ToolScan's error patterns (wrong function
 * name, invalid format, wrong argument type or value, repeated calls, too few calls;
 * https://arxiv.org/abs/2411.13547), MCP-Bench's separate valid-tool-name and schema-compliance
 * rates (https://arxiv.org/abs/2508.20453) and the loops of repeated calls described for BFCL V3
 * (https://gorilla.cs.berkeley.edu/blogs/13_bfcl_v3_multi_turn.html). None of them publishes
 * per-call rates for these kinds that carry over to this task, so the rates below are this
 * project's stated choices, set high enough to exercise every framework in a short eval.
 */

export const mistakeKinds = [
  "malformed-arguments",
  "unknown-tool",
  "schema-violation",
  "name-for-id",
  "repeat-call",
  "premature-answer",
  "ignore-tool-error",
] as const;
export type MistakeKind = (typeof mistakeKinds)[number];

export const mistakeProfileNames = ["flaky", ...mistakeKinds] as const;
export type MistakeProfileName = (typeof mistakeProfileNames)[number];

export interface MistakeProfile {
  name: MistakeProfileName;
  /**
   * Chance that a model turn carries a mistake, drawn per turn until one is made; 1 means the
   * first turn where one of the kinds applies. At most one mistake per user request either way.
   */
  turnRate: number;
  /** Relative weights of the kinds, among those that apply at the turn. */
  weights: Readonly<Partial<Record<MistakeKind, number>>>;
}

/**
 * `flaky`: about a third of the turns, until one mistake is made. Argument mistakes weigh most
 * because they are the ones a schema lets a model get wrong while the call still looks right.
 */
export const flakyTurnRate = 0.35;
export const flakyWeights: Readonly<Record<MistakeKind, number>> = {
  "schema-violation": 0.2,
  "name-for-id": 0.2,
  "unknown-tool": 0.15,
  "malformed-arguments": 0.1,
  "repeat-call": 0.1,
  "premature-answer": 0.1,
  "ignore-tool-error": 0.15,
};

/** Reads `flaky` or one kind; anything else is refused with the list of valid names. */
export function mistakeProfile(name: string): MistakeProfile {
  if (name === "flaky") return { name, turnRate: flakyTurnRate, weights: flakyWeights };
  const kind = mistakeKinds.find((candidate) => candidate === name);
  if (!kind) {
    throw new RangeError(
      `Unknown mistake profile "${name}"; use one of ${mistakeProfileNames.join(", ")}.`,
    );
  }
  return { name: kind, turnRate: 1, weights: { [kind]: 1 } };
}
