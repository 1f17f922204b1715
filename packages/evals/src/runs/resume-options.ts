/**
 * `pnpm eval --resume DIR`: the options that change what is measured come from DIR's run.json,
 * so the resumed runs are measured like the ones already there. A flag given again with the same
 * value is fine; a different value is refused, naming the flag, rather than mixing two settings
 * in one report.
 */
import { isDeepStrictEqual } from "node:util";
import { UsageError } from "../cli-options.ts";
import type { RunMetadata } from "./run-metadata.ts";

/** Each flag and the run.json field that records it. */
const recordedFlags = [
  ["--cases", "cases"],
  ["--frameworks", "frameworks"],
  ["--model", "models"],
  ["--exposure", "exposures"],
  ["--repeat", "repeat"],
  ["--now", "now"],
  ["--shard", "shard"],
  ["--run-id", "runId"],
  // Think time and the time limit change latency and pass/fail; concurrency changes latency.
  ["--latency-ms", "latencyMs"],
  ["--timeout", "timeoutSeconds"],
  ["--concurrency", "concurrency"],
] as const satisfies readonly (readonly [string, keyof RunMetadata])[];

export type RecordedFlag = (typeof recordedFlags)[number][0];

/**
 * The metadata of a resumed run: `recorded` (DIR's run.json), completed from `requested` (what
 * the flags ask for) where run.json predates a field. Throws a UsageError for a flag the user
 * gave (`given`) whose value differs from the recorded one.
 */
export function resumedMetadata(
  directory: string,
  recorded: RunMetadata,
  requested: RunMetadata,
  given: (flag: RecordedFlag) => boolean,
): RunMetadata {
  const resumed: RunMetadata = { ...recorded };
  for (const [flag, field] of recordedFlags) {
    const was = recorded[field];
    const asked = requested[field];
    if (was === undefined) {
      // A folder written before this field was recorded: the flag (or its default) decides.
      Object.assign(resumed, { [field]: asked });
      continue;
    }
    if (given(flag) && !isDeepStrictEqual(was, asked)) {
      throw new UsageError(
        `${flag} ${show(asked)} conflicts with the run in ${directory}, which was measured with ${flag} ${show(was)}. Leave ${flag} out to resume with ${show(was)}, or start a new run (without --resume) to measure with ${show(asked)}.`,
      );
    }
  }
  return resumed;
}

function show(value: unknown): string {
  return Array.isArray(value) ? value.join(",") : String(value);
}
