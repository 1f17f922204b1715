/**
 * τ-bench's pass^k: for a case tried n times with c successes, the chance that k tries drawn
 * without replacement all pass is C(c,k)/C(n,k); averaged over cases. It measures consistency
 * and falls as k grows, unlike pass@k.
 */

export interface CaseTrials {
  trials: number;
  successes: number;
}

export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) result = (result * (n - i + 1)) / i;
  return result;
}

/** Undefined when no case has at least k trials. */
export function passHatK(cases: readonly CaseTrials[], k: number): number | undefined {
  const eligible = cases.filter((trial) => trial.trials >= k);
  if (eligible.length === 0 || k < 1) return undefined;
  const total = eligible.reduce(
    (sum, trial) => sum + binomial(trial.successes, k) / binomial(trial.trials, k),
    0,
  );
  return total / eligible.length;
}
