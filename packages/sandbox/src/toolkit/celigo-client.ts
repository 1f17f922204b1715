import type {
  AccountDirectory,
  ApiRequest,
  ApiResponse,
  QueryValue,
} from "../account-directory.ts";

export interface CeligoErrorItem {
  code: string | number;
  message: string;
  field?: string;
}

/** A non-2xx answer of the emulated integrator.io API, with its `errors[]` as Celigo sent them. */
export class CeligoApiFailure extends Error {
  readonly status: number;
  readonly errors: CeligoErrorItem[];

  constructor(status: number, errors: CeligoErrorItem[]) {
    super(errors.map((error) => error.message).join(" ") || `Celigo answered HTTP ${status}.`);
    this.name = "CeligoApiFailure";
    this.status = status;
    this.errors = errors;
  }
}

/** The errors of a failed answer: the `errors[]` envelope, or the bare 401 `{message}` body. */
function errorsOf(response: ApiResponse): CeligoErrorItem[] {
  const body = response.body;
  if (typeof body === "object" && body !== null) {
    const { errors, message } = body as { errors?: unknown; message?: unknown };
    if (Array.isArray(errors)) return errors as CeligoErrorItem[];
    if (typeof message === "string") return [{ code: response.status, message }];
  }
  return [{ code: response.status, message: `Celigo answered HTTP ${response.status}.` }];
}

export interface CeligoAnswer {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, plain text, or undefined for 204. */
  body: unknown;
}

/**
 * The account's view of integrator.io for tool handlers: each call is one `ApiRequest` through the
 * directory, exactly what Composio's real tools send to api.integrator.io.
 */
export class CeligoClient {
  readonly #directory: AccountDirectory;
  readonly #accountId: string;

  constructor(directory: AccountDirectory, accountId: string) {
    this.#directory = directory;
    this.#accountId = accountId;
  }

  /** Sends the request; a non-2xx answer throws `CeligoApiFailure`. */
  async send(request: ApiRequest): Promise<CeligoAnswer> {
    const response = await this.#directory.callApi(this.#accountId, request);
    if (response.status < 200 || response.status > 299) {
      throw new CeligoApiFailure(response.status, errorsOf(response));
    }
    return response;
  }

  async get(path: string, query?: Record<string, QueryValue>): Promise<unknown> {
    return (await this.send({ method: "GET", path, ...(query ? { query } : {}) })).body;
  }

  async post(path: string, body?: unknown): Promise<unknown> {
    return (await this.send({ method: "POST", path, ...(body === undefined ? {} : { body }) }))
      .body;
  }

  async put(path: string, body?: unknown): Promise<unknown> {
    return (await this.send({ method: "PUT", path, ...(body === undefined ? {} : { body }) })).body;
  }

  async patch(path: string, body: unknown): Promise<unknown> {
    return (await this.send({ method: "PATCH", path, body })).body;
  }

  async delete(path: string, body?: unknown): Promise<unknown> {
    return (await this.send({ method: "DELETE", path, ...(body === undefined ? {} : { body }) }))
      .body;
  }
}

/** Encodes one path segment (ids, state keys) so that a value can never change the route. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
