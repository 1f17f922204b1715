/**
 * Frameworks compared run by run: the same case and repeat under the same model and exposure
 * form a pair, so a case every framework fails says nothing about which is better. Pass rates
 * are compared with the exact McNemar test, p50 latencies by their bootstrap intervals; each
 * comparison carries a plain sentence, which says so when a difference is within noise.
 */

import { formatMilliseconds } from "../reports/report-format.ts";
import type { RunRecord } from "../runs/run-record.ts";
import { percentile } from "./percentile.ts";
import {
  bootstrapMedianInterval,
  type Interval,
  intervalsOverlap,
  mcnemarExactPValue,
} from "./statistics.ts";

/** The runner every other one is measured against when it is part of the run. */
export const referenceFramework = "baseline";

const significance = 0.05;

export interface PairedComparison {
  first: string;
  second: string;
  model: string;
  exposure: string;
  /** Case × repeat pairs where both runs were graded (infrastructure errors excluded). */
  pairs: number;
  bothPassed: number;
  onlyFirstPassed: number;
  onlySecondPassed: number;
  bothFailed: number;
  /** Exact McNemar test on the discordant pairs. */
  pValue: number;
  passRateWithinNoise: boolean;
  latencyMsP50: { first: number; second: number; firstCi: Interval; secondCi: Interval };
  latencyWithinNoise: boolean;
  /** One plain sentence each. */
  passRateSentence: string;
  latencySentence: string;
}

export interface FlakyCase {
  framework: string;
  model: string;
  exposure: string;
  caseId: string;
  runs: number;
  passed: number;
}

/**
 * Every pair of frameworks that ran under the same model and exposure, the reference runner's
 * pairs first.
 */
export function pairedComparisons(records: readonly RunRecord[]): PairedComparison[] {
  const graded = records.filter((record) => record.status !== "infrastructure-error");
  const comparisons: PairedComparison[] = [];
  const settings = unique(graded.map((record) => `${record.model}\n${record.exposure}`));
  for (const setting of settings) {
    const [model = "", exposure = ""] = setting.split("\n");
    const inSetting = graded.filter(
      (record) => record.model === model && record.exposure === exposure,
    );
    const frameworks = unique(inSetting.map((record) => record.framework)).sort(
      (left, right) => Number(right === referenceFramework) - Number(left === referenceFramework),
    );
    for (let left = 0; left < frameworks.length; left++) {
      for (let right = left + 1; right < frameworks.length; right++) {
        const first = frameworks[left] as string;
        const second = frameworks[right] as string;
        comparisons.push(
          compare(
            inSetting.filter((record) => record.framework === first),
            inSetting.filter((record) => record.framework === second),
            { first, second, model, exposure },
          ),
        );
      }
    }
  }
  return comparisons;
}

function compare(
  firstRuns: readonly RunRecord[],
  secondRuns: readonly RunRecord[],
  names: { first: string; second: string; model: string; exposure: string },
): PairedComparison {
  const secondByPair = new Map(secondRuns.map((record) => [pairKey(record), record]));
  let bothPassed = 0;
  let onlyFirstPassed = 0;
  let onlySecondPassed = 0;
  let bothFailed = 0;
  const firstDurations: number[] = [];
  const secondDurations: number[] = [];
  for (const firstRun of firstRuns) {
    const secondRun = secondByPair.get(pairKey(firstRun));
    if (!secondRun) continue;
    firstDurations.push(firstRun.durationMs);
    secondDurations.push(secondRun.durationMs);
    if (firstRun.passed && secondRun.passed) bothPassed++;
    else if (firstRun.passed) onlyFirstPassed++;
    else if (secondRun.passed) onlySecondPassed++;
    else bothFailed++;
  }
  const pairs = bothPassed + onlyFirstPassed + onlySecondPassed + bothFailed;
  const pValue = mcnemarExactPValue(onlyFirstPassed, onlySecondPassed);
  const seed = `${names.model}|${names.exposure}`;
  const firstCi = bootstrapMedianInterval(firstDurations, `${names.first}|${seed}`) ?? [0, 0];
  const secondCi = bootstrapMedianInterval(secondDurations, `${names.second}|${seed}`) ?? [0, 0];
  const latency = {
    first: percentile(firstDurations, 0.5) ?? 0,
    second: percentile(secondDurations, 0.5) ?? 0,
    firstCi,
    secondCi,
  };
  const latencyWithinNoise = intervalsOverlap(firstCi, secondCi);
  return {
    ...names,
    pairs,
    bothPassed,
    onlyFirstPassed,
    onlySecondPassed,
    bothFailed,
    pValue,
    passRateWithinNoise: pValue >= significance,
    latencyMsP50: latency,
    latencyWithinNoise,
    passRateSentence: passRateSentence(names, {
      pairs,
      onlyFirstPassed,
      onlySecondPassed,
      pValue,
    }),
    latencySentence: latencySentence(names, latency, latencyWithinNoise, pairs),
  };
}

function passRateSentence(
  names: { first: string; second: string },
  counts: { pairs: number; onlyFirstPassed: number; onlySecondPassed: number; pValue: number },
): string {
  const { first, second } = names;
  if (counts.pairs === 0) return `${first} and ${second} share no graded case to compare.`;
  if (counts.onlyFirstPassed + counts.onlySecondPassed === 0) {
    return `${first} and ${second} passed and failed exactly the same ${plural(counts.pairs, "run")}: no difference in pass rate.`;
  }
  const p = `exact McNemar p = ${counts.pValue < 0.001 ? "< 0.001" : counts.pValue.toFixed(2)}`;
  const split = `${first} alone passed ${counts.onlyFirstPassed} and ${second} alone ${counts.onlySecondPassed} of ${plural(counts.pairs, "paired run")} (${p})`;
  if (counts.pValue >= significance) {
    return `${split}: within noise; these runs do not show that either passes more often.`;
  }
  const better = counts.onlyFirstPassed > counts.onlySecondPassed ? first : second;
  return `${split}: ${better} passes more often, a difference unlikely to be chance at the 95% level.`;
}

function latencySentence(
  names: { first: string; second: string },
  latency: PairedComparison["latencyMsP50"],
  withinNoise: boolean,
  pairs: number,
): string {
  if (pairs === 0) return `${names.first} and ${names.second} share no run to compare latency.`;
  const describe = (name: string, value: number, interval: Interval) =>
    `${name} ${formatMilliseconds(value)} (95% CI ${formatMilliseconds(interval[0])}–${formatMilliseconds(interval[1])})`;
  const both = `p50 latency ${describe(names.first, latency.first, latency.firstCi)}, ${describe(names.second, latency.second, latency.secondCi)}`;
  if (withinNoise) return `${both}: the intervals overlap, so the gap is within noise.`;
  const faster = latency.first < latency.second ? names.first : names.second;
  return `${both}: the intervals do not overlap; ${faster} is faster on these runs.`;
}

/** Cases that passed in some repeats and failed in others, per framework, model and exposure. */
export function flakyCases(records: readonly RunRecord[]): FlakyCase[] {
  const groups = new Map<string, FlakyCase>();
  for (const record of records) {
    if (record.status === "infrastructure-error") continue;
    const key = [record.framework, record.model, record.exposure, record.caseId].join("\n");
    const group = groups.get(key) ?? {
      framework: record.framework,
      model: record.model,
      exposure: record.exposure,
      caseId: record.caseId,
      runs: 0,
      passed: 0,
    };
    group.runs++;
    if (record.passed) group.passed++;
    groups.set(key, group);
  }
  return [...groups.values()].filter((group) => group.passed > 0 && group.passed < group.runs);
}

function pairKey(record: RunRecord): string {
  return `${record.caseId}\n${record.repeat}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
