/**
 * One error base for the whole project. `kind` separates what the user can fix (configuration,
 * input) from what they cannot (our bugs, an upstream service failing), so a CLI can print the
 * first as a plain paragraph and the second with more context.
 */
export type ErrorKind = "user" | "system" | "upstream";

export type ErrorCode =
  | "config_invalid"
  | "input_invalid"
  | "session_failed"
  | "sandbox_unavailable"
  | "model_unavailable"
  | "upstream_failed";

export class CeligoAgentsError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;

  constructor(code: ErrorCode, kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.kind = kind;
  }
}

export interface ConfigProblem {
  /** The environment variable, flag or file position the user should change. */
  variable: string;
  message: string;
}

/** Misconfiguration: lists every problem at once, each naming what to change. */
export class ConfigError extends CeligoAgentsError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], source = "the environment or .env") {
    const lines = problems.map((problem) => `  - ${problem.variable}: ${problem.message}`);
    super(
      "config_invalid",
      "user",
      `Configuration in ${source} is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${lines.join("\n")}\nSee .env.example for every variable and its allowed values.`,
    );
    this.problems = problems;
  }
}

/** A service we call (Composio, Celigo, a model server) failed or refused. */
export class UpstreamError extends CeligoAgentsError {
  readonly status: number | undefined;

  constructor(
    message: string,
    options: { status?: number; code?: ErrorCode; cause?: unknown } = {},
  ) {
    super(options.code ?? "upstream_failed", "upstream", message, { cause: options.cause });
    this.status = options.status;
  }
}

export function isCeligoAgentsError(error: unknown): error is CeligoAgentsError {
  return error instanceof CeligoAgentsError;
}

/** An error's message without its class name: for sentences that say what failed. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One line for logs and CLIs; never includes a stack for user errors. */
export function describeError(error: unknown): string {
  if (error instanceof CeligoAgentsError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
