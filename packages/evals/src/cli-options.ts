/** Parsing and checking the eval's flags; each bad value gets a message naming the fix. */
import { availableParallelism } from "node:os";
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
    if (model !== "offline" && !/^openai\/\S+$/.test(model)) {
      throw new UsageError(
        `--model "${model}" is not a model this harness can reach. Use offline or openai/<model> (e.g. openai/gpt-5), comma-separated for a matrix; OPENAI_BASE_URL points openai/* at any compatible server.`,
      );
    }
  }
  if (models.length === 0) throw new UsageError("--model is empty. Use offline or openai/<model>.");
  return models;
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
 * few hundred MB). Not the default: every process pays the frameworks' imports and the sandbox
 * set-up again, which a busy machine cannot absorb (measured in the README's Performance).
 */
export function processesPerCore(): number {
  return Math.min(4, availableParallelism());
}
