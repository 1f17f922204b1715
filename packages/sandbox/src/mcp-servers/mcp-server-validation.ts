/**
 * What `POST` and `PUT /v1/mcpservers` accept, per Celigo's API reference
 * (https://developer.celigo.com/api/api-reference/mcp-servers) and the rules and error table of
 * https://github.com/celigo/ai/blob/main/skills/building-mcp-servers/SKILL.md. Every problem is
 * reported, each with its `field`; the codes the spec names are used as written
 * (`mcp_server_duplicate_prompt_name`, `mcp_server_prompt_mimetype_required`, `invalid_uri`,
 * `enum`, `missing_required_field`), the others are named in the same style. Returns the server's
 * fields as stored, with the server's defaults filled in.
 */
import { ApiError, type ErrorEnvelope } from "../api/api-error.ts";
import type { Account } from "../store/account.ts";
import { mcpServerCollections } from "./mcp-server-collections.ts";
import { validateOAuth, validatePrompts } from "./prompt-and-oauth-validation.ts";
import { entries, type Fail, type Fields, type Problem, pick } from "./validation-helpers.ts";

const objectId = /^[a-f0-9]{24}$/i;
const relativeUriPattern = /^\/[A-Za-z0-9_-]+$/;
const toolNamePattern = /^[A-Za-z0-9_.-]{1,128}$/;

/** A 422 carrying every problem, not only the first. */
export class McpServerValidationError extends ApiError {
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    const first = problems[0];
    super(
      422,
      first?.code ?? "invalid_field",
      first?.message ?? "Invalid MCP server.",
      first?.field,
    );
    this.problems = problems;
  }

  override toEnvelope(): ErrorEnvelope {
    return { errors: this.problems };
  }
}

export function validateMcpServer(account: Account, body: Fields, existing?: Fields): Fields {
  const problems: Problem[] = [];
  const fail = (code: string, field: string, message: string) =>
    problems.push({ code, field, message });
  const { tools: toolStore, apis: apiStore, mcpservers } = mcpServerCollections(account);

  if (typeof body.name !== "string" || body.name.trim() === "")
    fail("missing_required_field", "name", "name is required.");
  else if (body.name.length > 300)
    fail("invalid_field", "name", "name must be at most 300 characters.");
  if (
    body.description !== undefined &&
    (typeof body.description !== "string" || body.description.length > 1000)
  ) {
    fail(
      "invalid_field",
      "description",
      "description must be a string of at most 1000 characters.",
    );
  }
  if (body.disabled !== undefined && typeof body.disabled !== "boolean")
    fail("invalid_field", "disabled", "disabled must be a boolean.");

  let relativeURI = body.relativeURI;
  if (relativeURI === undefined && typeof body.url === "string" && URL.canParse(body.url))
    relativeURI = new URL(body.url).pathname;
  if (relativeURI === undefined)
    fail("missing_required_field", "relativeURI", "relativeURI is required, e.g. /ops-tools.");
  else if (typeof relativeURI !== "string" || !relativeUriPattern.test(relativeURI)) {
    fail(
      "invalid_field",
      "relativeURI",
      "relativeURI must be / followed by one segment of letters, digits, underscores or hyphens.",
    );
  } else {
    const clash = [...mcpservers.values()].find(
      (server) =>
        server.relativeURI === relativeURI &&
        server._id !== existing?._id &&
        server.deletedAt === undefined,
    );
    if (clash)
      fail(
        "mcp_server_relative_uri_in_use",
        "relativeURI",
        `relativeURI ${relativeURI} is already in use by MCP server ${clash._id}.`,
      );
  }

  const names = new Set<string>();
  const checkName = (entry: Fields, field: string) => {
    if (typeof entry.name !== "string" || !toolNamePattern.test(entry.name)) {
      fail(
        "invalid_field",
        `${field}.name`,
        `${field}.name must be 1-128 letters, digits, underscores, hyphens or dots.`,
      );
    } else if (names.has(entry.name)) {
      fail(
        "mcp_server_duplicate_tool_name",
        `${field}.name`,
        `Duplicate tool name "${entry.name}": names must be unique across tools and apis.`,
      );
    } else names.add(entry.name);
    if (entry.disabled !== undefined && typeof entry.disabled !== "boolean")
      fail("invalid_field", `${field}.disabled`, `${field}.disabled must be a boolean.`);
  };
  const tools = entries(body.tools, "tools", fail).map(([field, entry]) => {
    checkName(entry, field);
    const tool = reference(entry._toolId, toolStore, `${field}._toolId`, "Tool", fail);
    const schema = (tool?.input as Fields | undefined)?.schema as Fields | undefined;
    if (tool && schema?.type !== "object") {
      fail(
        "mcp_server_invalid_tool_input_schema",
        `${field}._toolId`,
        `Tool ${tool._id}'s input.schema must have type "object" at its root to be exposed over MCP.`,
      );
    }
    const overrides = (entry.overrides ?? {}) as Fields;
    for (const [overrideField, override] of entries(
      overrides.connections,
      `${field}.overrides.connections`,
      fail,
    )) {
      if (typeof override._abstractId !== "string")
        fail("missing_required_field", `${overrideField}._abstractId`, "_abstractId is required.");
      if (
        override._id !== undefined &&
        !account.data.documents.connections.has(String(override._id))
      ) {
        fail(
          "invalid_ref",
          `${overrideField}._id`,
          `Connection ${String(override._id)} not found.`,
        );
      }
    }
    return {
      ...pick(entry, ["_toolId", "name", "annotations", "overrides"]),
      disabled: entry.disabled ?? true,
    };
  });
  const apis = entries(body.apis, "apis", fail).map(([field, entry]) => {
    checkName(entry, field);
    const api = reference(entry._apiId, apiStore, `${field}._apiId`, "API", fail);
    if (api && api.type !== "builder") {
      fail(
        "mcp_server_invalid_api_type",
        `${field}._apiId`,
        `API ${api._id} is of type "${String(api.type ?? "legacy")}"; only builder APIs can be exposed over MCP.`,
      );
    }
    return { ...pick(entry, ["_apiId", "name"]), disabled: entry.disabled ?? true };
  });
  duplicates(tools, "_toolId", "tools", fail);
  duplicates(apis, "_apiId", "apis", fail);

  const disabled = body.disabled ?? true;
  if (disabled === false && ![...tools, ...apis].some((entry) => entry.disabled === false)) {
    fail(
      "mcp_server_no_enabled_tools",
      "disabled",
      "An enabled MCP server needs at least one enabled tool or API.",
    );
  }

  const prompts = validatePrompts(body.prompts, fail);
  const oauth = validateOAuth(body.oauth, existing?.oauth as Fields | undefined, fail);
  if (problems.length > 0) throw new McpServerValidationError(problems);
  return {
    ...pick(body, ["name", "description"]),
    relativeURI,
    disabled,
    tools,
    apis,
    prompts,
    oauth,
    _userId: account.owner._id,
  };
}

function reference(
  id: unknown,
  store: Map<string, Fields & { _id: string }>,
  field: string,
  label: string,
  fail: Fail,
): (Fields & { _id: string }) | undefined {
  if (typeof id !== "string" || !objectId.test(id)) {
    fail(
      id === undefined ? "missing_required_field" : "invalid_field",
      field,
      `${field} must be the 24-hex id of a ${label}.`,
    );
    return undefined;
  }
  const found = store.get(id);
  if (!found) fail("invalid_ref", field, `${label} ${id} not found.`);
  return found;
}

function duplicates(list: Fields[], key: string, field: string, fail: Fail): void {
  const seen = new Set<unknown>();
  for (const [index, entry] of list.entries()) {
    if (entry[key] !== undefined && seen.has(entry[key]))
      fail(
        "duplicate_reference",
        `${field}.${index}.${key}`,
        `${String(entry[key])} is referenced twice.`,
      );
    seen.add(entry[key]);
  }
}
