/**
 * The seam between the emulated integrator.io API (src/api, src/store, src/scenarios) and what
 * sits in front of it (src/toolkit, src/mcp, src/composio). Tools never touch storage: they call
 * the emulated REST API in process, exactly as Composio's real tools call Celigo's API.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type QueryValue =
  | string
  | number
  | boolean
  | readonly (string | number | boolean)[]
  | undefined;

export interface ApiRequest {
  method: HttpMethod;
  /** Path under the API root, starting with `/v1/`, e.g. `/v1/flows/{id}/run`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, plain text for text answers, undefined for 204. */
  body: unknown;
}

export interface SandboxAccount {
  id: string;
  scenario: string;
  /** Bearer token for /v1 and native MCP servers. */
  celigoToken: string;
  /** `x-api-key` for the Composio Tool Router emulation. */
  composioApiKey: string;
}

export interface AccountDirectory {
  findByComposioKey(apiKey: string): SandboxAccount | undefined;
  findByCeligoToken(token: string): SandboxAccount | undefined;
  get(accountId: string): SandboxAccount | undefined;
  /** Calls the emulated integrator.io API as the account, in process (no socket). */
  callApi(accountId: string, request: ApiRequest): Promise<ApiResponse>;
  /** Logs an error no caller could have caused (a sandbox bug): callers only see a generic one. */
  reportUnexpectedError?(error: unknown, where: string): void;
}
