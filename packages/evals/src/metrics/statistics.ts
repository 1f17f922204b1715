/**
 * The statistics behind "is this difference real?": Wilson score intervals on pass rates, seeded
 * bootstrap intervals on the median latency, and the exact McNemar test on paired runs. The
 * normal quantile and binomial distribution come from jstat (simple-statistics' probit is off in
 * the third digit: 1.9572 for 1.9600), resampling and quantiles from simple-statistics, the
 * seeded generator from pure-rand, so the same results always give the same intervals.
 */
/// <reference path="./jstat.d.ts" />
import jstat from "jstat";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { quantile, sampleWithReplacement } from "simple-statistics";
import { percentile } from "./percentile.ts";

export type Interval = [low: number, high: number];

const defaultConfidence = 0.95;
const defaultResamples = 2000;

/**
 * The Wilson score interval for `successes` of `trials`
 * (https://en.wikipedia.org/wiki/Binomial_proportion_confidence_interval#Wilson_score_interval):
 * unlike the normal approximation it stays inside [0, 1] and is not zero-width at 0% or 100%.
 * No trials: [0, 1], nothing is known.
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  confidence = defaultConfidence,
): Interval {
  if (trials === 0) return [0, 1];
  const z = jstat.jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
  const rate = successes / trials;
  const z2 = z * z;
  const centre = (rate + z2 / (2 * trials)) / (1 + z2 / trials);
  const margin =
    (z / (1 + z2 / trials)) * Math.sqrt((rate * (1 - rate)) / trials + z2 / (4 * trials * trials));
  return [clamp(centre - margin), clamp(centre + margin)];
}

/**
 * A percentile bootstrap interval of the nearest-rank median (the p50 the reports show),
 * resampled with a generator seeded from `seed`: the same values and seed give the same interval.
 * Undefined for no values.
 */
export function bootstrapMedianInterval(
  values: readonly number[],
  seed: string,
  options: { confidence?: number; resamples?: number } = {},
): Interval | undefined {
  if (values.length === 0) return undefined;
  const confidence = options.confidence ?? defaultConfidence;
  const resamples = options.resamples ?? defaultResamples;
  const generator = xoroshiro128plus(seedNumber(seed));
  const random = () => uniformFloat64(generator);
  const pool = [...values];
  const medians: number[] = [];
  for (let index = 0; index < resamples; index++) {
    medians.push(percentile(sampleWithReplacement(pool, pool.length, random), 0.5) as number);
  }
  const tail = (1 - confidence) / 2;
  const [low, high] = quantile(medians, [tail, 1 - tail]);
  return [low as number, high as number];
}

/**
 * The exact McNemar test on paired outcomes: `onlyFirst` pairs where only the first passed,
 * `onlySecond` where only the second did. Under "no difference" each discordant pair is a fair
 * coin, so the two-sided p-value is twice the binomial(n, 1/2) tail at the smaller count
 * (capped at 1). No discordant pair: p = 1.
 */
export function mcnemarExactPValue(onlyFirst: number, onlySecond: number): number {
  const discordant = onlyFirst + onlySecond;
  if (discordant === 0) return 1;
  const tail = jstat.jStat.binomial.cdf(Math.min(onlyFirst, onlySecond), discordant, 0.5);
  return Math.min(1, 2 * tail);
}

/** True when the two intervals share any value: the difference is within noise. */
export function intervalsOverlap(first: Interval, second: Interval): boolean {
  return first[0] <= second[1] && second[0] <= first[1];
}

/** A 32-bit seed from a string (FNV-1a), so a variant's name seeds its own bootstrap. */
function seedNumber(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
