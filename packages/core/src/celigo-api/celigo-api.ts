/**
 * A typed client for integrator.io's `/v1/mcpservers` (and the tools, APIs and connections its
 * checklist needs). Global `fetch`; bounded retries on 429 honouring `Retry-After`; list pages
 * followed through `Link: rel="next"` (only on the same origin, so the token never leaves it).
 */
import { z } from "zod";
import { CeligoAgentsError, errorText, UpstreamError } from "../kernel/errors.ts";
import { readBody, readErrors, retryDelay, sleep } from "./celigo-answers.ts";
import { CeligoApiError, McpServerChecklistError } from "./celigo-api-errors.ts";
import {
  type ChecklistContext,
  type ChecklistResult,
  checkMcpServer,
} from "./mcp-server-checklist.ts";
import {
  type ApiResource,
  apiResourceSchema,
  connectionResourceSchema,
  dependenciesSchema,
  type McpServer,
  type McpServerDependencies,
  type McpServerPatch,
  mcpServerPatchSchema,
  mcpServerSchema,
  objectIdPattern,
  type ToolResource,
  toolResourceSchema,
} from "./mcp-server-schemas.ts";

export const celigoApiUrls = {
  us: "https://api.integrator.io",
  eu: "https://api.eu.integrator.io",
} as const;

export interface CeligoApiOptions {
  /** integrator.io API token (Resources > API tokens). */
  token: string;
  /** `celigoApiUrls.us` (default), `celigoApiUrls.eu`, or a sandbox's loopback URL. */
  baseUrl?: string;
  /** Retries after a 429 before giving up (default 3). */
  maxRetries?: number;
  /** Longest wait honoured from one `Retry-After` (default 10 s); longer waits are cut to this. */
  maxRetryDelayMs?: number;
  /** Per-request time limit (default 30 s). */
  timeoutMs?: number;
}

export interface ListProjection {
  /** Summary projection: `_id`, `name` and these fields. */
  include?: readonly string[];
  /** Full records without these fields. */
  exclude?: readonly string[];
}

/** A list item: full records, or the fields a projection kept. */
export type McpServerListItem = Partial<McpServer> & { _id: string };

const listItemSchema = mcpServerSchema.partial().extend({ _id: z.string() });
const projectionFieldPattern = /^[A-Za-z0-9._]+$/;

interface RequestOptions {
  query?: URLSearchParams;
  body?: unknown;
}

export class CeligoApi {
  readonly baseUrl: string;
  readonly #token: string;
  readonly #maxRetries: number;
  readonly #maxRetryDelayMs: number;
  readonly #timeoutMs: number;

  constructor(options: CeligoApiOptions) {
    if (!options.token) {
      throw new CeligoAgentsError(
        "config_invalid",
        "user",
        "No Celigo API token was given. Set CELIGO_API_TOKEN to an integrator.io API token (Resources > API tokens).",
      );
    }
    this.baseUrl = (options.baseUrl ?? celigoApiUrls.us).replace(/\/+$/, "");
    this.#token = options.token;
    this.#maxRetries = options.maxRetries ?? 3;
    this.#maxRetryDelayMs = options.maxRetryDelayMs ?? 10_000;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  async listMcpServers(projection: ListProjection = {}): Promise<McpServerListItem[]> {
    return this.#list("/v1/mcpservers", listItemSchema, projectionQuery(projection));
  }

  async getMcpServer(id: string): Promise<McpServer> {
    const body = await this.#request("GET", `/v1/mcpservers/${checkedId(id)}`);
    return this.#parse(mcpServerSchema, body, `GET /v1/mcpservers/${id}`);
  }

  /** Runs the checklist against the account first; throws `McpServerChecklistError` on problems. */
  async createMcpServer(request: unknown): Promise<McpServer> {
    const server = await this.#checked(request);
    const body = await this.#request("POST", "/v1/mcpservers", { body: server });
    return this.#parse(mcpServerSchema, body, "POST /v1/mcpservers");
  }

  /** Full replace (PUT). A masked `clientSecret` ("******") sent back keeps the stored one. */
  async updateMcpServer(id: string, request: unknown): Promise<McpServer> {
    const server = await this.#checked(request, checkedId(id));
    const body = await this.#request("PUT", `/v1/mcpservers/${id}`, { body: server });
    return this.#parse(mcpServerSchema, body, `PUT /v1/mcpservers/${id}`);
  }

  /** JSON Patch `replace` on `/name` or `/disabled`, the only paths Celigo accepts. */
  async patchMcpServer(id: string, operations: McpServerPatch): Promise<void> {
    const parsed = mcpServerPatchSchema.safeParse(operations);
    if (!parsed.success) {
      throw new McpServerChecklistError(
        parsed.error.issues.map((issue) => ({
          path: issue.path.map(String).join(".") || "(patch)",
          message: `${issue.message}; only {"op":"replace"} on "/name" (a string) or "/disabled" (a boolean) is accepted`,
        })),
      );
    }
    await this.#request("PATCH", `/v1/mcpservers/${checkedId(id)}`, { body: parsed.data });
  }

  /** Soft delete: Celigo keeps the server 30 days with `deletedAt` set. */
  async deleteMcpServer(id: string): Promise<void> {
    await this.#request("DELETE", `/v1/mcpservers/${checkedId(id)}`);
  }

  /** Resources that depend on the server; `{}` when none (also for an unknown id). */
  async getMcpServerDependencies(id: string): Promise<McpServerDependencies> {
    const body = await this.#request("GET", `/v1/mcpservers/${checkedId(id)}/dependencies`);
    return this.#parse(dependenciesSchema, body ?? {}, `GET /v1/mcpservers/${id}/dependencies`);
  }

  /** The account's Tools: what `tools[]` entries reference. */
  async listTools(): Promise<ToolResource[]> {
    return this.#list("/v1/tools", toolResourceSchema);
  }

  /** The account's APIs: what `apis[]` entries reference (builder-mode ones only). */
  async listApis(): Promise<ApiResource[]> {
    return this.#list("/v1/apis", apiResourceSchema);
  }

  /**
   * The checklist with what the account holds: other servers' relativeURIs, and the tools, APIs
   * and connections the request references (each list fetched only when referenced).
   */
  async checkMcpServer(request: unknown, serverId?: string): Promise<ChecklistResult> {
    const local = checkMcpServer(request, { serverId });
    const server = local.server ?? request;
    const references = referencedLists(server);
    const [servers, tools, apis, connections] = await Promise.all([
      this.listMcpServers({ include: ["relativeURI", "deletedAt"] }),
      references.tools ? this.listTools() : undefined,
      references.apis ? this.listApis() : undefined,
      references.connections ? this.#list("/v1/connections", connectionResourceSchema) : undefined,
    ]);
    const context: ChecklistContext = {
      serverId,
      servers: servers.map((item) => ({
        _id: item._id,
        relativeURI: item.relativeURI ?? "",
        deletedAt: item.deletedAt,
      })),
      tools,
      apis,
      connections,
    };
    return checkMcpServer(request, context);
  }

  async #checked(request: unknown, serverId?: string): Promise<unknown> {
    const result = await this.checkMcpServer(request, serverId);
    if (!result.server) throw new McpServerChecklistError(result.problems);
    return result.server;
  }

  async #list<Schema extends z.ZodType>(
    path: string,
    schema: Schema,
    query?: URLSearchParams,
  ): Promise<z.infer<Schema>[]> {
    const items: z.infer<Schema>[] = [];
    let url: URL | undefined = this.#url(path, query);
    for (let page = 0; url && page < 1000; page += 1) {
      const response = await this.#send("GET", url);
      const body = await readBody(response);
      if (body !== undefined) {
        items.push(...this.#parse(z.array(schema), body, `GET ${path}`));
      }
      url = this.#nextPage(response.headers.get("link"));
    }
    return items;
  }

  async #request(method: string, path: string, options: RequestOptions = {}): Promise<unknown> {
    const response = await this.#send(method, this.#url(path, options.query), options.body);
    return readBody(response);
  }

  /** Sends one request, waiting and retrying on 429; throws `CeligoApiError` on non-2xx. */
  async #send(method: string, url: URL, body?: unknown): Promise<Response> {
    for (let attempt = 0; ; attempt += 1) {
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: {
            authorization: `Bearer ${this.#token}`,
            accept: "application/json",
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.#timeoutMs),
        });
      } catch (error) {
        throw new UpstreamError(
          `Could not reach Celigo at ${this.baseUrl} (${method} ${url.pathname}): ${errorText(error)}. Check CELIGO_API_URL and your network; for the local sandbox, is \`pnpm sandbox\` running?`,
          { cause: error },
        );
      }
      if (response.ok) return response;
      if (response.status === 429 && attempt < this.#maxRetries) {
        await response.body?.cancel();
        await sleep(retryDelay(response.headers.get("retry-after"), this.#maxRetryDelayMs));
        continue;
      }
      throw new CeligoApiError({
        status: response.status,
        method,
        path: url.pathname,
        errors: await readErrors(response),
      });
    }
  }

  #url(path: string, query?: URLSearchParams): URL {
    const url = new URL(`${this.baseUrl}${path}`);
    if (query) url.search = query.toString();
    return url;
  }

  #nextPage(link: string | null): URL | undefined {
    const target = link?.match(/<([^>]+)>\s*;\s*rel="?next"?/)?.[1];
    if (!target) return undefined;
    const next = new URL(target, this.baseUrl);
    return next.origin === new URL(this.baseUrl).origin ? next : undefined;
  }

  #parse<Schema extends z.ZodType>(schema: Schema, body: unknown, what: string): z.infer<Schema> {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new UpstreamError(
      `Celigo's answer to ${what} does not have the documented shape (${z.prettifyError(parsed.error).split("\n")[0]}); check that CELIGO_API_URL points at integrator.io or the sandbox.`,
    );
  }
}

function projectionQuery(projection: ListProjection): URLSearchParams | undefined {
  const { include = [], exclude = [] } = projection;
  if (include.length > 0 && exclude.length > 0) {
    throw new CeligoAgentsError(
      "input_invalid",
      "user",
      "Pass either include or exclude fields, not both: Celigo rejects a list request that has both.",
    );
  }
  const [name, fields] = include.length > 0 ? ["include", include] : ["exclude", exclude];
  if (fields.length === 0) return undefined;
  const bad = fields.find((field) => !projectionFieldPattern.test(field));
  if (bad !== undefined) {
    throw new CeligoAgentsError(
      "input_invalid",
      "user",
      `The ${name} field "${bad}" is not valid: use field names of letters, digits, dots and underscores, e.g. relativeURI or tools.name.`,
    );
  }
  return new URLSearchParams({ [name]: fields.join(",") });
}

function checkedId(id: string): string {
  if (!objectIdPattern.test(id)) {
    throw new CeligoAgentsError(
      "input_invalid",
      "user",
      `"${id}" is not an MCP server id: ids are 24 hexadecimal characters, as \`pnpm celigo mcp-servers list\` shows them.`,
    );
  }
  return id;
}

function referencedLists(server: unknown): { tools: boolean; apis: boolean; connections: boolean } {
  const fields = (typeof server === "object" && server !== null ? server : {}) as Record<
    string,
    unknown
  >;
  const tools = Array.isArray(fields.tools) ? fields.tools : [];
  const apis = Array.isArray(fields.apis) ? fields.apis : [];
  const connections = tools.some((tool) =>
    Array.isArray((tool as { overrides?: { connections?: unknown } })?.overrides?.connections),
  );
  return { tools: tools.length > 0, apis: apis.length > 0, connections };
}
