/**
 * The run matrix: frameworks × models × exposures × cases × repeats, each with a stable key.
 * Keys drive resume (skip what is on disk) and sharding (a hash of the key picks the shard, so
 * a slice does not move when other cases are added).
 */
import { createHash } from "node:crypto";
import type { LoadedCase } from "../cases/case-loader.ts";
import type { Exposure } from "./run-record.ts";

export interface FrameworkChoice {
  name: string;
  /** What `import()` loads: a workspace package name or a file URL. */
  moduleSpecifier: string;
}

export interface PlannedRun {
  key: string;
  evalCase: LoadedCase;
  framework: FrameworkChoice;
  model: string;
  exposure: Exposure;
  repeat: number;
}

export interface MatrixOptions {
  cases: readonly LoadedCase[];
  frameworks: readonly FrameworkChoice[];
  models: readonly string[];
  exposures: readonly Exposure[];
  repeat: number;
}

export function runKey(parts: {
  framework: string;
  model: string;
  exposure: string;
  caseId: string;
  repeat: number;
}): string {
  return [parts.framework, parts.model, parts.exposure, parts.caseId, parts.repeat].join("|");
}

/** Runs ordered case-major so early results cover every framework, not one framework's cases. */
export function planRuns(options: MatrixOptions): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (let repeat = 1; repeat <= options.repeat; repeat++) {
    for (const evalCase of options.cases) {
      for (const model of options.models) {
        for (const exposure of options.exposures) {
          for (const framework of options.frameworks) {
            const key = runKey({
              framework: framework.name,
              model,
              exposure,
              caseId: evalCase.id,
              repeat,
            });
            runs.push({ key, evalCase, framework, model, exposure, repeat });
          }
        }
      }
    }
  }
  return runs;
}

export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n` (1-based), naming the fix when it is malformed. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new Error(
      `--shard "${text}" is not valid. Write i/n with 1 <= i <= n, e.g. --shard 2/4 for the second of four machines.`,
    );
  }
  return { index, count };
}

export function inShard(key: string, shard: Shard): boolean {
  const digest = createHash("sha256").update(key).digest();
  return digest.readUInt32BE(0) % shard.count === shard.index - 1;
}
