import type { z } from "zod";

export type OpenAIErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "not_found_error"
  | "server_error";

/** An error answered in OpenAI's shape: `{ error: { message, type, param, code } }`. */
export class OpenAIError extends Error {
  readonly status: 400 | 401 | 404 | 500;
  readonly type: OpenAIErrorType;
  readonly param: string | null;
  readonly code: string | null;

  constructor(
    status: 400 | 401 | 404 | 500,
    type: OpenAIErrorType,
    message: string,
    options: { param?: string | null; code?: string | null } = {},
  ) {
    super(message);
    this.name = "OpenAIError";
    this.status = status;
    this.type = type;
    this.param = options.param ?? null;
    this.code = options.code ?? null;
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
