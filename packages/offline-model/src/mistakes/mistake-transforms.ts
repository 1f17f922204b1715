/**
 * How each kind of mistake rewrites the policy's turn. Each function returns undefined when its
 * kind cannot apply to the turn (no call to spoil, no id to swap for a name, no earlier call to
 * repeat), so a profile only ever commits mistakes that fit the moment.
 */
import type { ModelTurn, OfferedTool, ToolCall } from "../conversation.ts";
import type { MistakeKind } from "./mistake-profiles.ts";

type Json = Record<string, unknown>;
type TurnCall = { name: string; arguments: string };

export interface TurnFacts {
  /** The policy's own turn: what the model does when it makes no mistake. */
  clean: ModelTurn;
  tools: readonly OfferedTool[];
  /** Calls of the request's previous model turn, if any. */
  previousCalls: readonly ToolCall[];
  /** Names of the calls made so far for this request. */
  callsSoFar: readonly string[];
  /** Record names by id, from every tool result so far. */
  namesById: ReadonlyMap<string, string>;
  /** A call of the previous turn that failed by itself (not through a mistake of this layer). */
  failedCall: string | undefined;
  /** A number in [0, 1) for the choices inside a kind (which argument, which type). */
  draw: number;
}

export interface CommittedTurn {
  kind: MistakeKind;
  turn: ModelTurn;
  /** The call that carries the mistake; undefined when the mistake is an answer in words. */
  callIndex: number | undefined;
  /** The tool the mistake concerns, as the framework names it. */
  tool: string;
  /** What was changed, in a few words, for reports. */
  detail: string;
  /** `ignore-tool-error` made a call fail on purpose and will ignore the error next turn. */
  provoked?: boolean;
}

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function parseObject(text: string): Json | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function pick<Item>(items: readonly Item[], draw: number): Item | undefined {
  return items[Math.min(items.length - 1, Math.floor(draw * items.length))];
}

function replaceCall(turn: { calls: TurnCall[] }, index: number, call: TurnCall): ModelTurn {
  return { kind: "tool-calls", calls: turn.calls.map((old, at) => (at === index ? call : old)) };
}

/** Cuts the closing brace, as a reply stopped by a token limit does. */
function malformedArguments(facts: TurnFacts): CommittedTurn | undefined {
  if (facts.clean.kind !== "tool-calls") return undefined;
  const call = facts.clean.calls[0];
  if (!call?.arguments.trim().endsWith("}")) return undefined;
  const cut = call.arguments.trimEnd().slice(0, -1);
  return {
    kind: "malformed-arguments",
    turn: replaceCall(facts.clean, 0, { ...call, arguments: cut }),
    callIndex: 0,
    tool: call.name,
    detail: "arguments cut before the closing brace",
  };
}

/** A near miss of a real name (one letter more or less), as models invent them. */
function unknownTool(facts: TurnFacts): CommittedTurn | undefined {
  if (facts.clean.kind !== "tool-calls") return undefined;
  const call = facts.clean.calls[0];
  if (!call) return undefined;
  const offered = new Set(facts.tools.map((tool) => tool.name));
  const plural = call.name.endsWith("S") || call.name.endsWith("s");
  const upper = call.name === call.name.toUpperCase();
  let name = plural ? call.name.slice(0, -1) : `${call.name}${upper ? "S" : "s"}`;
  if (offered.has(name)) name = `${call.name}_v2`;
  return {
    kind: "unknown-tool",
    turn: replaceCall(facts.clean, 0, { ...call, name }),
    callIndex: 0,
    tool: name,
    detail: `called ${name}, which is not offered (meant ${call.name})`,
  };
}

/** The value as a model sends the wrong type: a number in quotes, a list flattened to text. */
function wrongType(value: unknown, type: string): unknown {
  switch (type) {
    case "integer":
    case "number":
    case "boolean":
      return String(value);
    case "array":
    case "object":
      return JSON.stringify(value);
    case "string":
      return [value];
    default:
      return undefined;
  }
}

/** A required argument left out, or one of the wrong type, on the first call. */
function schemaViolation(facts: TurnFacts, kind: MistakeKind = "schema-violation") {
  if (facts.clean.kind !== "tool-calls") return undefined;
  const call = facts.clean.calls[0];
  const input = call ? parseObject(call.arguments) : undefined;
  const schema = facts.tools.find((tool) => tool.name === call?.name)?.parameters;
  if (!call || !input || !schema) return undefined;
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
  const missing = required.filter((key) => key in input);
  const typed = Object.keys(input).filter((key) => {
    const property = properties[key];
    return (
      isObject(property) &&
      typeof property.type === "string" &&
      wrongType(input[key], property.type) !== undefined
    );
  });
  if (missing.length === 0 && typed.length === 0) return undefined;
  const dropOne = typed.length === 0 || (missing.length > 0 && facts.draw < 0.5);
  // The draw picked the branch; its fractional part picks the argument inside it.
  const within = (facts.draw * 2) % 1;
  const changed = { ...input };
  let detail: string;
  if (dropOne) {
    const key = pick(missing, within) as string;
    delete changed[key];
    detail = `left out the required argument ${key}`;
  } else {
    const key = pick(typed, within) as string;
    const type = String((properties[key] as Json).type);
    changed[key] = wrongType(input[key], type);
    detail = `sent ${key} as ${Array.isArray(changed[key]) ? "a list" : `a ${typeof changed[key]}`} where the schema says ${type}`;
  }
  return {
    kind,
    turn: replaceCall(facts.clean, 0, { ...call, arguments: JSON.stringify(changed) }),
    callIndex: 0,
    tool: call.name,
    detail,
  } satisfies CommittedTurn;
}

const idKey = /(^|_)id$|[a-z]Id$/;

/** The first argument holding the id of a record whose name the conversation has shown. */
function namedId(target: Json, namesById: ReadonlyMap<string, string>) {
  const key = Object.keys(target).find(
    (candidate) =>
      idKey.test(candidate) &&
      typeof target[candidate] === "string" &&
      namesById.has(target[candidate] as string),
  );
  return key === undefined ? undefined : { key, id: target[key] as string };
}

/**
 * Swaps an id for the record's own name: in the call itself, or in every tool a router call runs
 * (a batch about one flow uses its id throughout; a batch where some tools kept a real id would
 * half succeed, so it is left alone).
 */
function nameForId(facts: TurnFacts, kind: MistakeKind = "name-for-id") {
  if (facts.clean.kind !== "tool-calls") return undefined;
  for (const [index, call] of facts.clean.calls.entries()) {
    const input = parseObject(call.arguments);
    if (!input) continue;
    const routed = Array.isArray(input.tools) ? input.tools.filter(isObject) : undefined;
    const targets = routed ? routed.map((tool) => tool.arguments) : [input];
    const first = targets.find(isObject);
    const found = first ? namedId(first, facts.namesById) : undefined;
    if (!found || targets.some((target) => !isObject(target) || target[found.key] !== found.id)) {
      continue;
    }
    const name = facts.namesById.get(found.id) as string;
    const swap = (target: Json) => ({ ...target, [found.key]: name });
    const changed = routed
      ? {
          ...input,
          tools: routed.map((tool) => ({ ...tool, arguments: swap(tool.arguments as Json) })),
        }
      : swap(input);
    const tool = routed
      ? [...new Set(routed.map((inner) => String(inner.tool_slug ?? call.name)))].join(", ")
      : call.name;
    return {
      kind,
      turn: replaceCall(facts.clean, index, { ...call, arguments: JSON.stringify(changed) }),
      callIndex: index,
      tool,
      detail: `passed the name "${name}" as ${found.key}`,
    } satisfies CommittedTurn;
  }
  return undefined;
}

/** The previous turn's calls again, as a model that lost track of what it did. */
function repeatCall(facts: TurnFacts): CommittedTurn | undefined {
  if (facts.clean.kind !== "tool-calls" || facts.previousCalls.length === 0) return undefined;
  const calls = facts.previousCalls.map((call) => ({ name: call.name, arguments: call.arguments }));
  return {
    kind: "repeat-call",
    turn: { kind: "tool-calls", calls },
    callIndex: 0,
    tool: calls.map((call) => call.name).join(", "),
    detail: `repeated ${calls.map((call) => call.name).join(", ")} with the same arguments`,
  };
}

/** Words instead of the next call, once some call has been made. */
function prematureAnswer(facts: TurnFacts): CommittedTurn | undefined {
  if (facts.clean.kind !== "tool-calls" || facts.callsSoFar.length === 0) return undefined;
  const used = [...new Set(facts.callsSoFar)].join(", ");
  const next = [...new Set(facts.clean.calls.map((call) => call.name))].join(", ");
  return {
    kind: "premature-answer",
    turn: { kind: "text", text: `I checked with ${used} and found nothing that needs attention.` },
    callIndex: undefined,
    tool: next,
    detail: `answered instead of calling ${next}`,
  };
}

/** The answer after a failed call, written as if it had worked. */
export function ignoringAnswer(tool: string): ModelTurn {
  return { kind: "text", text: `Done: ${tool} went through, so there is nothing else to do.` };
}

/**
 * A failed call answered as if it had worked. With no failure at hand, the model makes one
 * (an id swapped for a name, else a required argument left out) and ignores it on the next turn.
 */
function ignoreToolError(facts: TurnFacts): CommittedTurn | undefined {
  if (facts.failedCall) {
    return {
      kind: "ignore-tool-error",
      turn: ignoringAnswer(facts.failedCall),
      callIndex: undefined,
      tool: facts.failedCall,
      detail: `answered as if the failed ${facts.failedCall} call had worked`,
    };
  }
  const failing =
    nameForId(facts, "ignore-tool-error") ?? schemaViolation(facts, "ignore-tool-error");
  if (!failing) return undefined;
  return {
    ...failing,
    provoked: true,
    detail: `${failing.detail}, then answered as if the call had worked`,
  };
}

export const mistakeTransforms: Record<
  MistakeKind,
  (facts: TurnFacts) => CommittedTurn | undefined
> = {
  "malformed-arguments": malformedArguments,
  "unknown-tool": unknownTool,
  "schema-violation": (facts) => schemaViolation(facts),
  "name-for-id": (facts) => nameForId(facts),
  "repeat-call": repeatCall,
  "premature-answer": prematureAnswer,
  "ignore-tool-error": ignoreToolError,
};
