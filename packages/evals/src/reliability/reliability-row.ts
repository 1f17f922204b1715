import assert from "node:assert/strict";
import type { ReliabilityTarget } from "./reliability-target.ts";

/**
 * One row of docs/reliability.md that runs over HTTP: a bad input or a fault, what the project
 * does about it, and the check that proves it against a freshly started sandbox and offline
 * model. `pnpm reliability` prints these rows with pass/fail; reliability-rows.test.ts runs the
 * same rows in `pnpm test`, each as a test named by its `input`.
 */
export interface ReliabilityRow {
  /** What area of docs/reliability.md the row belongs to. */
  area: "sandbox" | "security" | "offline model";
  /** The bad input or fault, as a user would describe it; also the test's name. */
  input: string;
  /** What happens instead of a failure. */
  expected: string;
  /** Resolves when the behaviour holds; throws an error saying what differed otherwise. */
  check(target: ReliabilityTarget): Promise<void>;
}

/** A JSON body, or a failure that quotes the start of what came instead. */
export function parseJson<Shape>(text: string): Shape {
  try {
    return JSON.parse(text) as Shape;
  } catch {
    assert.fail(`expected a JSON body, got ${JSON.stringify(text.slice(0, 200))}`);
  }
}

/** The first `errors[]` item of integrator.io's envelope. */
export function firstError(text: string): { code: string; message: string; field?: string } {
  const envelope = parseJson<{ errors?: { code: string; message: string; field?: string }[] }>(
    text,
  );
  const first = envelope.errors?.[0];
  assert.ok(first, `expected an errors[] envelope, got ${text.slice(0, 200)}`);
  return first;
}

/** The text of an MCP tool result (the sandbox answers with one text block). */
export function resultText(result: Record<string, unknown>): string {
  const content = result.content as { type: string; text?: string }[] | undefined;
  return content?.map((block) => block.text ?? "").join("") ?? "";
}
