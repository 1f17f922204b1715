/** Parsing and checking the eval's flags; each bad value gets a message naming the fix. */
import { availableParallelism } from "node:os";
import {
  type FaultRule,
  faultKinds,
  mistakeProfileNames,
  parseFaultRule,
} from "@celigo-agents/offline-model";
import { type Exposure, exposures } from "./runs/run-record.ts";

export class UsageError extends Error {
  override name = "UsageError";
}

export function parseList(value: string): string[] {
  return value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

export function parseModels(value: string): string[] {
  const models = parseList(value);
  for (const model of models) {
    const profile = /^offline:(.*)$/.exec(model)?.[1];
    if (profile !== undefined && !(mistakeProfileNames as readonly string[]).includes(profile)) {
      throw new UsageError(
        `--model "${model}" names no mistake profile of the offline model. Use offline:<profile> with one of ${mistakeProfileNames.join(", ")} (e.g. offline:flaky).`,
      );
    }
    if (model !== "offline" && profile === undefined && !/^openai\/\S+$/.test(model)) {
      throw new UsageError(
        `--model "${model}" is not a model this harness can reach. Use offline, offline:<mistake profile> (e.g. offline:flaky) or openai/<model> (e.g. openai/gpt-5), comma-separated for a matrix; OPENAI_BASE_URL points openai/* at any compatible server.`,
      );
    }
  }
  if (models.length === 0) throw new UsageError("--model is empty. Use offline or openai/<model>.");
  return models;
}

/**
 * `--fault kind:rate`, repeatable: faults the eval's own offline model injects. Refused without an
 * offline model to inject them, and for a kind given twice.
 */
export function parseFaults(values: readonly string[], models: readonly string[]): FaultRule[] {
  const faults = values.map((value) => {
    try {
      return parseFaultRule(value);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  });
  const kinds = faults.map((fault) => fault.kind);
  const twice = kinds.find((kind, index) => kinds.indexOf(kind) !== index);
  if (twice) {
    throw new UsageError(
      `--fault names ${twice} twice. Give each kind once, with the rate you want (e.g. --fault ${twice}:0.3).`,
    );
  }
  if (
    faults.length > 0 &&
    !models.some((model) => model === "offline" || model.startsWith("offline:"))
  ) {
    throw new UsageError(
      `--fault injects faults into the eval's offline model, and --model ${models.join(",")} has none. Add offline (or offline:<mistake profile>) to --model, or leave --fault out.`,
    );
  }
  // One order, whatever the order typed, so a resumed run's faults compare equal.
  return faults.sort(
    (left, right) => faultKinds.indexOf(left.kind) - faultKinds.indexOf(right.kind),
  );
}

export function parseExposures(value: string): Exposure[] {
  const values = parseList(value);
  const invalid = values.filter((item) => !(exposures as readonly string[]).includes(item));
  if (invalid.length > 0 || values.length === 0) {
    throw new UsageError(
      `--exposure "${value}" is not valid. Use router, direct, or router,direct to compare both.`,
    );
  }
  return values as Exposure[];
}

export function parsePositiveInteger(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new UsageError(`${flag} "${value}" must be a whole number of 1 or more.`);
  }
  return number;
}

export function parseNonNegativeInteger(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new UsageError(`${flag} "${value}" must be a whole number of 0 or more.`);
  }
  return number;
}

/** Accepts 0.8 or 80%. */
export function parsePassRate(value: string): number {
  const percent = value.trim().endsWith("%");
  const number = Number(percent ? value.trim().slice(0, -1) : value) / (percent ? 100 : 1);
  if (!Number.isFinite(number) || number < 0 || number > 1) {
    throw new UsageError(`--min-pass-rate "${value}" must be between 0 and 1 (or 0% and 100%).`);
  }
  return number;
}

export function parseNow(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new UsageError(
      `--now "${value}" is not a date. Use ISO 8601, e.g. 2026-11-21T15:00:00Z.`,
    );
  }
  return date.toISOString();
}

export function newRunId(date: Date): string {
  const stamp = date.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${stamp}-${Math.random().toString(16).slice(2, 6)}`;
}

/**
 * Processes worth trying on this machine: one per core, at most 4 (each loads every framework, a
 * few hundred MB).
 */
export function processesPerCore(): number {
  return Math.min(4, availableParallelism());
}

/**
 * The default: two processes where there are two cores. Each pays the frameworks' imports and
 * the sandbox set-up again (about 10 s of CPU), which a second idle core absorbs (the default
 * eval from 77 s to 59 s on two idle cores) but a busy machine does not (measured in the
 * README's Performance).
 */
export function defaultProcesses(): number {
  return Math.min(2, availableParallelism());
}
