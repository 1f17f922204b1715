/**
 * The two ways a `/v1/mcpservers` call fails: Celigo refused it (its `errors[]` kept as sent), or
 * the local checklist found problems before anything was sent.
 */
import { CeligoAgentsError, UpstreamError } from "../kernel/errors.ts";
import type { ChecklistProblem } from "./mcp-server-checklist.ts";
import type { CeligoErrorItem } from "./mcp-server-schemas.ts";

/** A non-2xx answer from integrator.io. 401 bodies carry `message`, every other one `errors[]`. */
export class CeligoApiError extends UpstreamError {
  readonly errors: readonly CeligoErrorItem[];
  readonly method: string;
  readonly path: string;

  constructor(options: {
    status: number;
    method: string;
    path: string;
    errors: readonly CeligoErrorItem[];
  }) {
    super(describe(options), { status: options.status });
    this.errors = options.errors;
    this.method = options.method;
    this.path = options.path;
  }
}

/** The request would be refused: lists every problem with its field path, nothing was sent. */
export class McpServerChecklistError extends CeligoAgentsError {
  readonly problems: readonly ChecklistProblem[];

  constructor(problems: readonly ChecklistProblem[]) {
    const lines = problems.map((problem) => `  - ${problem.path}: ${problem.message}`);
    super(
      "input_invalid",
      "user",
      `The MCP server definition has ${problems.length} problem${problems.length === 1 ? "" : "s"} (nothing was sent to Celigo):\n${lines.join("\n")}`,
    );
    this.problems = problems;
  }
}

function describe(options: {
  status: number;
  method: string;
  path: string;
  errors: readonly CeligoErrorItem[];
}): string {
  const details = options.errors
    .map((error) => {
      const field = error.field ? `${error.field}: ` : "";
      const code = error.code === undefined ? "" : ` (${error.code})`;
      return `${field}${error.message}${code}`;
    })
    .join("; ");
  const hint = hints[options.status] ?? "";
  return `Celigo answered ${options.status} to ${options.method} ${options.path}${details ? `: ${details}` : ""}.${hint}`;
}

const hints: Record<number, string> = {
  401: " Check CELIGO_API_TOKEN (a valid integrator.io API token for this region) and CELIGO_API_URL (US https://api.integrator.io, EU https://api.eu.integrator.io).",
  403: " The API token lacks access to this resource; use a full-access token or add the resource to its custom scope.",
  404: " Check the id (see `pnpm celigo mcp-servers list`).",
  429: " Celigo is rate limiting this account; wait a few seconds and try again.",
};
