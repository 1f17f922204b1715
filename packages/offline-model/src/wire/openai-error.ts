import type { z } from "zod";

export type OpenAIErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "not_found_error"
  | "requests"
  | "server_error";

export type OpenAIErrorStatus = 400 | 401 | 404 | 429 | 500;

/** An error answered in OpenAI's shape: `{ error: { message, type, param, code } }`. */
export class OpenAIError extends Error {
  readonly status: OpenAIErrorStatus;
  readonly type: OpenAIErrorType;
  readonly param: string | null;
  readonly code: string | null;
  /** Sent as the `Retry-After` header (a 429). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: OpenAIErrorStatus,
    type: OpenAIErrorType,
    message: string,
    options: { param?: string | null; code?: string | null; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "OpenAIError";
    this.status = status;
    this.type = type;
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** Headers of the answer: `Retry-After` when the client should wait before retrying. */
  headers(): Record<string, string> {
    return this.retryAfterSeconds === undefined
      ? {}
      : { "retry-after": String(this.retryAfterSeconds) };
  }

  toBody(): {
    error: { message: string; type: string; param: string | null; code: string | null };
  } {
    return {
      error: { message: this.message, type: this.type, param: this.param, code: this.code },
    };
  }
}

/** One paragraph naming the first field to fix, from a zod failure. */
export function invalidBodyError(error: z.ZodError, endpoint: string): OpenAIError {
  const issue = error.issues[0];
  const path = issue ? issue.path.map(String).join(".") : "";
  const where = path ? `\`${path}\`` : "the body";
  const detail = issue ? issue.message : "it does not match the expected shape";
  return new OpenAIError(
    400,
    "invalid_request_error",
    `Invalid request to ${endpoint}: ${where} is not valid (${detail}). Send a body shaped like OpenAI's ${endpoint} request.`,
    { param: path || null, code: "invalid_request_body" },
  );
}
