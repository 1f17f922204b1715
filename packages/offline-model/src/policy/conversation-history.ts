import type { Conversation } from "../conversation.ts";
import { isKnownZone } from "../language/time-zones.ts";
import { currentFrame, type RequestFrame } from "./request-frame.ts";
import {
  findObjects,
  isObject,
  type JsonObject,
  type ParsedResult,
  readEnvelope,
} from "./tool-results.ts";

/** One tool call the agent already made since the request, with its result. */
export interface ExecutedCall {
  slug: string;
  arguments: JsonObject;
  result: ParsedResult;
}

export interface History {
  now: Date | undefined;
  /** The account's time zone: named in the system prompt, else UTC. */
  zone: string;
  /** What the user wants in this turn, with what earlier turns settled. */
  frame: RequestFrame | undefined;
  /** The user's request being worked on (a bare "yes" refers back to the one before). */
  request: string;
  /** The user explicitly confirmed (in the request or in a follow-up). */
  confirmed: boolean;
  /** Calls since the request that ran, router calls expanded into the Celigo calls they ran. */
  calls: ExecutedCall[];
  /** Calls refused since the user last wrote (older refusals were answered already). */
  refusals: ExecutedCall[];
  /** Router exposure: input schemas learnt from COMPOSIO_SEARCH_TOOLS / GET_TOOL_SCHEMAS. */
  discoveredSchemas: Map<string, JsonObject>;
  sessionId: string | undefined;
}

const toolkitPrefixes = ["CELIGO_", "COMPOSIO_"];

/**
 * The Celigo or Composio slug in a framework's tool name (`mcp__celigo__CELIGO_X` -> CELIGO_X).
 * Core's `toolSlug` follows the same rules; the model keeps its own copy on purpose, since a
 * test double that shared code with the agents it drives would share their mistakes too.
 */
export function slugOf(toolName: string): string {
  const upper = toolName.toUpperCase();
  const starts: Array<{ index: number; exact: boolean }> = [];
  for (const prefix of toolkitPrefixes) {
    for (
      let index = upper.indexOf(prefix);
      index !== -1;
      index = upper.indexOf(prefix, index + 1)
    ) {
      const atWordStart = index === 0 || /[^A-Z0-9]/.test(upper[index - 1] ?? "");
      // The slug needs a word after the prefix: `celigo_` alone is a namespace, not a slug.
      if (atWordStart && index + prefix.length < upper.length) {
        starts.push({ index, exact: toolName.startsWith(prefix, index) });
      }
    }
  }
  const last = (candidates: typeof starts) => Math.max(...candidates.map((start) => start.index));
  // Toolkit slugs are upper case, so an upper-case prefix marks where the slug starts...
  const exact = starts.filter((start) => start.exact);
  if (exact.length > 0) return upper.slice(last(exact));
  // ...a name lower-cased whole still holds one after a namespace (mcp__celigo__celigo_list_flows)...
  if (starts.length >= 2) return upper.slice(last(starts));
  // ...and a lone lower-case `celigo_` in front is a framework's namespace for another server's
  // tool (Mastra names a native MCP server's get_failed_jobs `celigo_get_failed_jobs`).
  if (starts.length === 1 && starts[0]?.index === 0) return upper.slice(upper.indexOf("_") + 1);
  return upper;
}

/** The last `Current time: <ISO 8601>` line in the system text, if any. */
export function currentTime(systemText: string): Date | undefined {
  const matches = [...systemText.matchAll(/Current time:\s*(\S+)/gi)];
  const value = matches.at(-1)?.[1];
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A time zone the system prompt names ("Time zone: America/Chicago"); UTC otherwise. */
export function accountZone(systemText: string): string {
  const named = systemText.match(
    /\b(?:time ?zone|timezone)\s*(?:is|:|=)?\s*([A-Za-z]+(?:\/[A-Za-z_+-]+){1,2}|UTC)\b/i,
  )?.[1];
  return named && isKnownZone(named) ? named : "UTC";
}

function parseArguments(text: string): JsonObject {
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** Splits one COMPOSIO_MULTI_EXECUTE_TOOL result into the results of the tools it ran. */
function expandMultiExecute(argumentsObject: JsonObject, result: ParsedResult): ExecutedCall[] {
  const requested = Array.isArray(argumentsObject.tools)
    ? argumentsObject.tools.filter(isObject)
    : [];
  const items = findObjects(result.data, (object) => typeof object.tool_slug === "string");
  return requested.map((tool, index) => {
    const slug = slugOf(String(tool.tool_slug ?? ""));
    const innerArguments = isObject(tool.arguments) ? tool.arguments : {};
    if (!result.ok) return { slug, arguments: innerArguments, result };
    const item =
      items.find(
        (candidate) => candidate.index === index && slugOf(String(candidate.tool_slug)) === slug,
      ) ??
      items.filter((candidate) => slugOf(String(candidate.tool_slug)) === slug)[
        requested.slice(0, index).filter((other) => slugOf(String(other.tool_slug ?? "")) === slug)
          .length
      ];
    const payload = item ? (item.response ?? item) : undefined;
    const inner: ParsedResult = payload
      ? readEnvelope(payload)
      : { ok: false, data: undefined, error: `no result for ${slug}`, refused: false };
    return { slug, arguments: innerArguments, result: inner };
  });
}

function learnSchemas(data: unknown, schemas: Map<string, JsonObject>): void {
  const schemaOf = (value: JsonObject): JsonObject | undefined => {
    for (const key of ["input_schema", "inputSchema", "input_parameters", "parameters"]) {
      const candidate = value[key];
      if (isObject(candidate)) return candidate;
    }
    return isObject(value.properties) ? value : undefined;
  };
  for (const holder of findObjects(data, (object) => isObject(object.tool_schemas))) {
    for (const [slug, value] of Object.entries(holder.tool_schemas as JsonObject)) {
      const schema = isObject(value) ? schemaOf(value) : undefined;
      if (schema) schemas.set(slugOf(slug), schema);
    }
  }
  for (const tool of findObjects(
    data,
    (object) => typeof (object.tool_slug ?? object.slug) === "string",
  )) {
    const schema = schemaOf(tool);
    if (schema) schemas.set(slugOf(String(tool.tool_slug ?? tool.slug)), schema);
  }
}

export function readHistory(conversation: Conversation): History {
  const messages = conversation.messages;
  const systemText = messages
    .flatMap((message) => (message.role === "system" ? [message.text] : []))
    .join("\n");
  const userIndexes = messages.flatMap((message, index) =>
    message.role === "user" ? [index] : [],
  );
  const answers = userIndexes.map((userIndex, turn) => {
    const end = userIndexes[turn + 1] ?? messages.length;
    const said = messages
      .slice(userIndex + 1, end)
      .flatMap((message) =>
        message.role === "assistant" && message.text.trim() ? [message.text] : [],
      );
    return said.at(-1);
  });
  const frame = currentFrame(
    userIndexes.map((index) => {
      const message = messages[index];
      return message?.role === "user" ? message.text : "";
    }),
    answers,
  );
  const requestIndex = userIndexes[frame?.messageIndex ?? userIndexes.length - 1] ?? -1;
  const confirmed = frame?.confirmed ?? false;
  const request = frame?.text ?? "";

  const results = new Map<string, string>();
  for (const message of messages)
    if (message.role === "tool") results.set(message.toolCallId, message.text);
  const calls: ExecutedCall[] = [];
  const refusals: ExecutedCall[] = [];
  const latestUserIndex = userIndexes.at(-1) ?? -1;
  const discoveredSchemas = new Map<string, JsonObject>();
  let sessionId: string | undefined;
  for (const [offset, message] of messages.slice(requestIndex + 1).entries()) {
    if (message.role !== "assistant") continue;
    const sinceLatestUser = requestIndex + 1 + offset > latestUserIndex;
    for (const call of message.toolCalls) {
      const resultText = results.get(call.id);
      if (resultText === undefined) continue;
      const slug = slugOf(call.name);
      const argumentsObject = parseArguments(call.arguments);
      const result = readEnvelope(resultText);
      const made = [{ slug, arguments: argumentsObject, result }];
      if (slug === "COMPOSIO_MULTI_EXECUTE_TOOL") {
        made.push(...expandMultiExecute(argumentsObject, result));
      }
      // A refused call never ran: it may be made again once the user confirms. A Celigo result
      // that is no longer JSON was cut down by the framework's memory: it is made again too.
      for (const entry of made) {
        const compacted =
          entry.slug.startsWith("CELIGO_") &&
          entry.result.ok &&
          typeof entry.result.data === "string";
        if (compacted) continue;
        if (!entry.result.refused) calls.push(entry);
        else if (sinceLatestUser) refusals.push(entry);
      }
      if (slug === "COMPOSIO_SEARCH_TOOLS" || slug === "COMPOSIO_GET_TOOL_SCHEMAS") {
        learnSchemas(result.data, discoveredSchemas);
        const session = findObjects(result.data, (object) => isObject(object.session))[0]?.session;
        if (isObject(session) && typeof session.id === "string") sessionId = session.id;
      }
    }
  }
  return {
    now: currentTime(systemText),
    zone: accountZone(systemText),
    frame,
    request,
    confirmed,
    calls,
    refusals,
    discoveredSchemas,
    sessionId,
  };
}
