/**
 * Celigo's "before creating or updating an MCP server" checklist, run locally so a user sees every
 * problem at once, each with its field path (`tools.1.name`), instead of one 422 at a time.
 * Structure comes from the zod schema; the rules that span fields (unique names, an enabled entry,
 * prompt and oauth rules) and the ones that need the account (references) are checked here.
 */
import type { z } from "zod";
import {
  type ApiResource,
  type ConnectionResource,
  type McpServer,
  type McpServerRequest,
  mcpServerRequestSchema,
  relativeUriPattern,
  type ToolResource,
} from "./mcp-server-schemas.ts";

export interface ChecklistProblem {
  /** Dot path into the request, as Celigo's `errors[].field` writes it: `prompts.0.name`. */
  path: string;
  message: string;
}

/** What the account holds; each part is optional and only its checks run when it is given. */
export interface ChecklistContext {
  /** The server being updated, so it does not clash with its own relativeURI. */
  serverId?: string;
  servers?: readonly Pick<McpServer, "_id" | "relativeURI" | "deletedAt">[];
  tools?: readonly ToolResource[];
  apis?: readonly ApiResource[];
  connections?: readonly ConnectionResource[];
}

export interface ChecklistResult {
  /** The parsed request when no problem was found. */
  server: McpServerRequest | undefined;
  problems: ChecklistProblem[];
}

type Fields = Record<string, unknown>;

export function checkMcpServer(given: unknown, context: ChecklistContext = {}): ChecklistResult {
  const input = withoutUnconfiguredOAuth(given);
  const parsed = mcpServerRequestSchema.safeParse(input);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => toProblem(issue, input));
  const raw = isFields(input) ? input : {};
  // One problem per field: a structural problem already says what is wrong there.
  const taken = new Set(problems.map((problem) => problem.path));
  for (const problem of [...checkRules(raw), ...checkReferences(raw, context)]) {
    if (!taken.has(problem.path)) problems.push(problem);
    taken.add(problem.path);
  }
  return { server: problems.length === 0 && parsed.success ? parsed.data : undefined, problems };
}

/**
 * Celigo answers `oauth: {useIntrospection: false}` for a server without OAuth; sent back on PUT
 * (after `get` or `set`), that same shape means "no OAuth", not "OAuth without an audience".
 */
function withoutUnconfiguredOAuth(input: unknown): unknown {
  if (!isFields(input) || !isFields(input.oauth)) return input;
  const configured = Object.entries(input.oauth).some(
    ([key, value]) => key !== "useIntrospection" && value !== undefined && value !== null,
  );
  if (configured || input.oauth.useIntrospection === true) return input;
  const { oauth: _, ...rest } = input;
  return rest;
}

/** The relativeURI a request asks for: its own, else the pathname of its `url`. */
export function requestedRelativeUri(request: Fields): string | undefined {
  if (typeof request.relativeURI === "string") return request.relativeURI;
  if (typeof request.url === "string" && URL.canParse(request.url)) {
    return new URL(request.url).pathname;
  }
  return undefined;
}

function checkRules(request: Fields): ChecklistProblem[] {
  const problems: ChecklistProblem[] = [];
  const relativeUri = requestedRelativeUri(request);
  if (relativeUri === undefined) {
    problems.push({ path: "relativeURI", message: 'is required, e.g. "/ops-tools"' });
  } else if (!relativeUriPattern.test(relativeUri)) {
    problems.push({
      path: "relativeURI",
      message: `must be "/" followed by one segment of letters, digits, underscores or hyphens, e.g. "/ops-tools" (got ${JSON.stringify(relativeUri)})`,
    });
  }

  const entries = [
    ...fieldsAt(request.tools).map(([index, entry]) => ({ path: `tools.${index}`, entry })),
    ...fieldsAt(request.apis).map(([index, entry]) => ({ path: `apis.${index}`, entry })),
  ];
  const firstPathByName = new Map<string, string>();
  for (const { path, entry } of entries) {
    if (typeof entry.name !== "string") continue;
    const first = firstPathByName.get(entry.name);
    if (first === undefined) firstPathByName.set(entry.name, path);
    else {
      problems.push({
        path: `${path}.name`,
        message: `"${entry.name}" is already used by ${first}; tool names must be unique across tools[] and apis[]`,
      });
    }
  }
  problems.push(...duplicateReferences(request.tools, "tools", "_toolId"));
  problems.push(...duplicateReferences(request.apis, "apis", "_apiId"));

  const enabledEntries = entries.filter(({ entry }) => entry.disabled === false);
  if (request.disabled === false && enabledEntries.length === 0) {
    problems.push({
      path: "disabled",
      message:
        "an enabled server needs at least one tools[] or apis[] entry with disabled: false (entries are disabled unless told); enable an entry or keep the server disabled",
    });
  }

  const promptNames = new Set<string>();
  for (const [index, prompt] of fieldsAt(request.prompts)) {
    if (typeof prompt.name === "string") {
      if (promptNames.has(prompt.name)) {
        problems.push({
          path: `prompts.${index}.name`,
          message: `"${prompt.name}" is already the name of another prompt; prompt names must be unique`,
        });
      }
      promptNames.add(prompt.name);
    }
    for (const [messageIndex, message] of fieldsAt(prompt.messagesTemplate)) {
      const contentType = message.contentType;
      if (
        (contentType === "image" || contentType === "audio") &&
        typeof message.mimeType !== "string"
      ) {
        problems.push({
          path: `prompts.${index}.messagesTemplate.${messageIndex}.mimeType`,
          message: `is required for contentType "${contentType}", e.g. "${contentType === "image" ? "image/png" : "audio/wav"}"`,
        });
      }
    }
  }

  if (isFields(request.oauth)) problems.push(...checkOAuth(request.oauth));
  return problems;
}

function checkOAuth(oauth: Fields): ChecklistProblem[] {
  const problems: ChecklistProblem[] = [];
  if (typeof oauth.audience !== "string" || oauth.audience === "") {
    problems.push({
      path: "oauth.audience",
      message:
        "is required whenever oauth is set: the `aud` claim your issuer puts in access tokens",
    });
  }
  const issuer = oauth.issuerURL;
  if (typeof issuer !== "string" || !/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+/i.test(issuer)) {
    problems.push({
      path: "oauth.issuerURL",
      message: `must be a URL with an explicit scheme, e.g. "https://login.example.com"${typeof issuer === "string" ? ` (got ${JSON.stringify(issuer)})` : ""}`,
    });
  }
  if (
    oauth.useIntrospection === true &&
    (typeof oauth.clientId !== "string" || oauth.clientId === "")
  ) {
    problems.push({
      path: "oauth.clientId",
      message:
        "is required when useIntrospection is true (with clientSecret, to call the issuer's introspection endpoint)",
    });
  }
  return problems;
}

function checkReferences(request: Fields, context: ChecklistContext): ChecklistProblem[] {
  const problems: ChecklistProblem[] = [];
  const relativeUri = requestedRelativeUri(request);
  const clash = context.servers?.find(
    (server) =>
      server.relativeURI === relativeUri &&
      server._id !== context.serverId &&
      server.deletedAt === undefined,
  );
  if (clash) {
    problems.push({
      path: "relativeURI",
      message: `"${relativeUri}" is already used by MCP server ${clash._id}; choose another (see \`pnpm celigo mcp-servers list\`)`,
    });
  }
  if (context.tools) {
    const tools = new Map(context.tools.map((tool) => [tool._id, tool]));
    for (const [index, entry] of fieldsAt(request.tools)) {
      if (typeof entry._toolId !== "string") continue;
      const tool = tools.get(entry._toolId);
      if (!tool) {
        problems.push({
          path: `tools.${index}._toolId`,
          message: `no tool ${entry._toolId} exists in this account (see \`pnpm celigo tools list\`)`,
        });
      } else if (!isObjectRootSchema(tool.input?.schema)) {
        problems.push({
          path: `tools.${index}._toolId`,
          message: `tool ${entry._toolId} has an input.schema whose root is not type "object", which MCP requires; fix the tool's input schema`,
        });
      }
    }
  }
  if (context.apis) {
    const apis = new Map(context.apis.map((api) => [api._id, api]));
    for (const [index, entry] of fieldsAt(request.apis)) {
      if (typeof entry._apiId !== "string") continue;
      const api = apis.get(entry._apiId);
      if (!api) {
        problems.push({
          path: `apis.${index}._apiId`,
          message: `no API ${entry._apiId} exists in this account (see \`pnpm celigo apis list\`)`,
        });
      } else if (api.type !== "builder") {
        problems.push({
          path: `apis.${index}._apiId`,
          message: `API ${entry._apiId} is of type "${api.type ?? "legacy"}"; only type "builder" APIs can be exposed over MCP`,
        });
      }
    }
  }
  if (context.connections) {
    const connectionIds = new Set(context.connections.map((connection) => connection._id));
    for (const [index, entry] of fieldsAt(request.tools)) {
      const overrides = isFields(entry.overrides) ? entry.overrides : {};
      for (const [overrideIndex, override] of fieldsAt(overrides.connections)) {
        if (typeof override._id === "string" && !connectionIds.has(override._id)) {
          problems.push({
            path: `tools.${index}.overrides.connections.${overrideIndex}._id`,
            message: `no connection ${override._id} exists in this account`,
          });
        }
      }
    }
  }
  return problems;
}

function duplicateReferences(value: unknown, list: string, key: string): ChecklistProblem[] {
  const seen = new Set<unknown>();
  const problems: ChecklistProblem[] = [];
  for (const [index, entry] of fieldsAt(value)) {
    if (entry[key] === undefined) continue;
    if (seen.has(entry[key])) {
      problems.push({
        path: `${list}.${index}.${key}`,
        message: `${String(entry[key])} is referenced twice in ${list}[]; keep one entry per resource`,
      });
    }
    seen.add(entry[key]);
  }
  return problems;
}

export function isObjectRootSchema(schema: unknown): boolean {
  return isFields(schema) && schema.type === "object";
}

function toProblem(issue: z.core.$ZodIssue, input: unknown): ChecklistProblem {
  const path = issue.path.map(String).join(".");
  const missing = valueAt(input, issue.path) === undefined;
  return { path: path || "(body)", message: missing ? "is required" : lowerFirst(issue.message) };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The object items of an array, with their indexes; anything else gives none. */
function fieldsAt(value: unknown): [number, Fields][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index): [number, Fields][] =>
    isFields(item) ? [[index, item]] : [],
  );
}
