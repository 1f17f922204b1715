import type { ContentfulStatusCode } from "hono/utils/http-status";

/** integrator.io's error envelope: always an array; `field` when one input is at fault. */
export interface ErrorEnvelope {
  errors: { code: string | number; message: string; field?: string }[];
}

export function errorEnvelope(
  code: string | number,
  message: string,
  field?: string,
): ErrorEnvelope {
  return { errors: [field === undefined ? { code, message } : { code, message, field }] };
}

/** Thrown by route handlers; the app's error handler turns it into the envelope. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string | number;
  readonly field: string | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: string | number,
    message: string,
    field?: string,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  toEnvelope(): ErrorEnvelope {
    return errorEnvelope(this.code, this.message, this.field);
  }
}

export function notFound(resource: string, id: string): ApiError {
  return new ApiError(404, "not_found", `No ${resource} with id ${id} exists in this account.`);
}
