import { randomBytes } from "node:crypto";
import type {
  AccountDirectory,
  ApiRequest,
  ApiResponse,
  SandboxAccount,
} from "./account-directory.ts";
import { resolveStartTime } from "./clock.ts";
import { SandboxInputError } from "./sandbox-input-error.ts";
import { buildScenario } from "./scenarios/build-scenario.ts";
import { defaultScenarioName, findScenario, scenarioNames } from "./scenarios/scenario-catalog.ts";
import { Account } from "./store/account.ts";

export interface CreateAccountOptions {
  scenario?: string;
  now?: Date | string;
}

/** Runs a request through the HTTP app in process (the Hono app's `request`). */
export type InProcessFetch = (request: Request) => Promise<Response>;

/** Writes one log line; standard error unless the sandbox was started with its own. */
export type LogLine = (line: string) => void;

const standardError: LogLine = (line) => {
  process.stderr.write(`${line}\n`);
};

/** Built scenarios kept for copying; an eval creates hundreds of accounts at one start time. */
const templatesKept = 4;

/** All accounts of one sandbox, looked up by id or token; implements the toolkit's seam. */
export class AccountRegistry implements AccountDirectory {
  readonly #accounts = new Map<string, Account>();
  readonly #log: LogLine;
  /**
   * A pristine copy of each recently built scenario by `scenario|start`: building one (a week of
   * simulated history) costs ~15 times more than copying it, and the same scenario and start
   * always build the same bytes.
   */
  readonly #templates = new Map<string, Account>();
  #fetch: InProcessFetch | undefined;
  #origin = "http://127.0.0.1";

  constructor(options: { log?: LogLine } = {}) {
    this.#log = options.log ?? standardError;
  }

  reportUnexpectedError(error: unknown, where: string): void {
    const described =
      error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    // A message may echo a long argument; the start and the stack say where the bug is.
    const shown = described.length > 4000 ? `${described.slice(0, 4000)}…` : described;
    this.#log(`sandbox: unexpected error in ${where} (a sandbox bug; please report it): ${shown}`);
  }

  /** Connects `callApi` to the app: same middleware and routes as the HTTP server, no socket. */
  bindApi(fetch: InProcessFetch, origin: string): void {
    this.#fetch = fetch;
    this.#origin = origin;
  }

  create(options: CreateAccountOptions = {}): Account {
    const scenarioName = options.scenario ?? defaultScenarioName;
    const definition = findScenario(scenarioName);
    if (definition === undefined) {
      throw new SandboxInputError(
        `Unknown scenario "${scenarioName}". Use one of: ${scenarioNames().join(", ")}.`,
        { field: "scenario" },
      );
    }
    const startMs = resolveStartTime(options.now);
    const templateKey = `${scenarioName}|${startMs}`;
    const template = this.#templates.get(templateKey);
    const keys = () => ({
      id: randomBytes(12).toString("hex"),
      scenario: scenarioName,
      startMs,
      celigoToken: randomBytes(16).toString("hex"),
      composioApiKey: `ak_${randomBytes(18).toString("base64url")}`,
      owner: definition.owner,
    });
    const account = new Account({ ...keys(), template });
    if (template === undefined) {
      buildScenario(account, definition);
      this.#templates.set(templateKey, new Account({ ...keys(), template: account }));
      for (const key of this.#templates.keys()) {
        if (this.#templates.size <= templatesKept) break;
        this.#templates.delete(key);
      }
    }
    this.#accounts.set(account.id, account);
    return account;
  }

  delete(accountId: string): boolean {
    return this.#accounts.delete(accountId);
  }

  runtime(accountId: string): Account | undefined {
    return this.#accounts.get(accountId);
  }

  runtimeByCeligoToken(token: string): Account | undefined {
    for (const account of this.#accounts.values()) {
      if (!account.tokenRevoked && account.celigoToken === token) return account;
    }
    return undefined;
  }

  findByComposioKey(apiKey: string): SandboxAccount | undefined {
    for (const account of this.#accounts.values()) {
      if (account.composioApiKey === apiKey) return describe(account);
    }
    return undefined;
  }

  findByCeligoToken(token: string): SandboxAccount | undefined {
    const account = this.runtimeByCeligoToken(token);
    return account === undefined ? undefined : describe(account);
  }

  get(accountId: string): SandboxAccount | undefined {
    const account = this.#accounts.get(accountId);
    return account === undefined ? undefined : describe(account);
  }

  get size(): number {
    return this.#accounts.size;
  }

  async callApi(accountId: string, request: ApiRequest): Promise<ApiResponse> {
    const account = this.#accounts.get(accountId);
    if (account === undefined)
      throw new SandboxInputError(`No sandbox account has id "${accountId}".`);
    if (this.#fetch === undefined)
      throw new Error("The sandbox API is not bound yet: call bindApi first.");
    const url = new URL(request.path, this.#origin);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      const values = Array.isArray(value) ? value : [value];
      for (const item of values) url.searchParams.append(name, String(item));
    }
    const headers = new Headers({ authorization: `Bearer ${account.celigoToken}` });
    let body: string | undefined;
    if (request.body !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(request.body);
    }
    const response = await this.#fetch(new Request(url, { method: request.method, headers, body }));
    return readApiResponse(response);
  }
}

function describe(account: Account): SandboxAccount {
  return {
    id: account.id,
    scenario: account.scenario,
    celigoToken: account.celigoToken,
    composioApiKey: account.composioApiKey,
  };
}

async function readApiResponse(response: Response): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const text = await response.text();
  let body: unknown;
  if (text.length > 0) {
    const isJson = (response.headers.get("content-type") ?? "").includes("json");
    body = isJson ? JSON.parse(text) : text;
  }
  return { status: response.status, headers, body };
}
