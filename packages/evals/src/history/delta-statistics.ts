/**
 * How sure a difference between two runs is: Newcombe's interval on the difference of two pass
 * rates (from the Wilson intervals in metrics/statistics.ts, which also holds the exact McNemar
 * test) and seeded bootstrap intervals on differences of medians and means. All at 95%.
 *
 * Wilson: https://en.wikipedia.org/wiki/Binomial_proportion_confidence_interval#Wilson_score_interval
 * Newcombe (1998), method 10: https://doi.org/10.1002/(SICI)1097-0258(19980430)17:8%3C873::AID-SIM779%3E3.0.CO;2-I
 * McNemar's exact test: https://en.wikipedia.org/wiki/McNemar%27s_test
 */
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { mean, median, quantileSorted } from "simple-statistics";
import { type Interval, wilsonInterval } from "../metrics/statistics.ts";

export type { Interval } from "../metrics/statistics.ts";

/** Interval of (candidate rate − baseline rate) from the two Wilson intervals. */
export function newcombeInterval(
  baseline: { successes: number; trials: number },
  candidate: { successes: number; trials: number },
): Interval | undefined {
  if (baseline.trials === 0 || candidate.trials === 0) return undefined;
  const first = wilsonInterval(baseline.successes, baseline.trials);
  const second = wilsonInterval(candidate.successes, candidate.trials);
  const p1 = baseline.successes / baseline.trials;
  const p2 = candidate.successes / candidate.trials;
  const delta = p2 - p1;
  const low = delta - Math.sqrt((p2 - second[0]) ** 2 + (first[1] - p1) ** 2);
  const high = delta + Math.sqrt((second[1] - p2) ** 2 + (p1 - first[0]) ** 2);
  return [Math.max(-1, low), Math.min(1, high)];
}

export type Statistic = "median" | "mean";

/**
 * Percentile bootstrap of statistic(candidate) − statistic(baseline), each side resampled on
 * its own; seeded, so the same runs always give the same interval. Needs two values a side.
 */
export function bootstrapDifference(
  baseline: readonly number[],
  candidate: readonly number[],
  statistic: Statistic,
  options: { resamples?: number; seed?: number } = {},
): Interval | undefined {
  if (baseline.length < 2 || candidate.length < 2) return undefined;
  const measure = statistic === "median" ? median : mean;
  const random = xoroshiro128plus(options.seed ?? 15);
  const resample = (values: readonly number[]) =>
    measure(values.map(() => values[uniformInt(random, 0, values.length - 1)] as number));
  const differences: number[] = [];
  for (let index = 0; index < (options.resamples ?? 2000); index++) {
    differences.push(resample(candidate) - resample(baseline));
  }
  differences.sort((left, right) => left - right);
  return [quantileSorted(differences, 0.025), quantileSorted(differences, 0.975)];
}

export function includesZero(interval: Interval | undefined): boolean {
  return interval === undefined || (interval[0] <= 0 && interval[1] >= 0);
}
