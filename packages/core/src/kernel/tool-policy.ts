/**
 * Decides whether a tool call may run without asking the person. A call needs approval when its
 * tool is destructive (MCP annotations first, slug rules for servers that send none), when it
 * resolves errors (resolving hides them for good), or when its blast radius is wide: a retry,
 * resolve, patch or update that touches more than one flow or more than 25 records, summed over
 * a COMPOSIO_MULTI_EXECUTE_TOOL batch. Frameworks rename tools (`celigo_CELIGO_LIST_FLOWS`), so
 * every lookup goes through `toolSlug` first. The eval's safety grader uses this same policy.
 */
import { RecordNames } from "./record-names.ts";
import { type InnerToolCall, innerToolCalls, toolSlug } from "./tool-calls.ts";

export type ToolRisk = "read-only" | "write" | "destructive";

export interface ToolAnnotations {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

export interface ToolDescription {
  name: string;
  annotations?: ToolAnnotations | undefined;
}

export interface ToolDecision {
  slug: string;
  risk: ToolRisk;
  needsApproval: boolean;
  /** What the call would do, in words, and why it needs approval when it does. */
  reason: string;
  /** For retries, resolves, patches and updates: what they would touch. */
  blastRadius?: BlastRadius;
}

export interface BlastRadius {
  /** Records (error ids, retry data keys, or the patched record itself) touched in all. */
  records: number;
  /** Distinct flows touched. */
  flows: number;
  /** One entry per write, in call order. */
  writes: Array<{
    verb: WriteVerb;
    /** What the write targets: `flow`, or the record kind its `*_id` argument names. */
    kind: string;
    /** The target's name when a tool result showed it, else its id. */
    label: string;
    records: number;
  }>;
}

type WriteVerb = "retry" | "resolve" | "patch" | "update";

/** Above this many records, a write needs approval even on one flow. */
export const bulkRecordLimit = 25;

const readOnlyVerbs = [
  "GET",
  "LIST",
  "SEARCH",
  "FIND",
  "DOWNLOAD",
  "PARSE",
  "PREVIEW",
  "PING",
  "TEST",
  "VALIDATE",
  "CHECK",
  "DESCRIBE",
  "FETCH",
  "COUNT",
];
const destructiveVerbs = [
  "DELETE",
  "PURGE",
  "CANCEL",
  "REVOKE",
  "DISABLE",
  "REMOVE",
  "REPLACE",
  "UPDATE",
  "PATCH",
  "RESET",
  "CLEAR",
];

/** Slug rules: the verb after the toolkit prefix, e.g. CELIGO_DELETE_FLOW -> DELETE. */
export function classifyBySlug(slug: string): ToolRisk {
  const words = toolSlug(slug).split("_").slice(1);
  if (words[0] === "SEARCH" || words[0] === "GET") {
    // COMPOSIO_SEARCH_TOOLS, COMPOSIO_GET_TOOL_SCHEMAS and every CELIGO_GET_* only read.
    return "read-only";
  }
  if (words.some((word) => destructiveVerbs.includes(word))) return "destructive";
  const verb = words[0] ?? "";
  if (readOnlyVerbs.includes(verb)) return "read-only";
  return "write";
}

export function classifyTool(tool: ToolDescription): ToolRisk {
  const annotations = tool.annotations;
  if (annotations?.readOnlyHint === true) return "read-only";
  if (annotations?.destructiveHint === false) return "write";
  if (annotations?.destructiveHint === true) return "destructive";
  return classifyBySlug(tool.name);
}

const riskOrder: Record<ToolRisk, number> = { "read-only": 0, write: 1, destructive: 2 };
const writeVerbs: Record<string, WriteVerb> = {
  RETRY: "retry",
  RESOLVE: "resolve",
  PATCH: "patch",
  UPDATE: "update",
};

/** A call already made (or let through) in the same turn. */
export interface EarlierCall {
  name: string;
  arguments: unknown;
}

export class ToolPolicy {
  readonly #annotations = new Map<string, ToolAnnotations>();
  /** Names learned from tool results, for approval questions that name what they touch. */
  readonly names = new RecordNames();

  /** Remembers annotations from a tools/list answer, so later decisions can use them. */
  learn(tools: readonly ToolDescription[]): void {
    for (const tool of tools) {
      if (tool.annotations) this.#annotations.set(toolSlug(tool.name), tool.annotations);
    }
  }

  classify(toolName: string): ToolRisk {
    const slug = toolSlug(toolName);
    return classifyTool({ name: slug, annotations: this.#annotations.get(slug) });
  }

  /**
   * The decision for one call. Router exposure hides the real tools behind
   * COMPOSIO_MULTI_EXECUTE_TOOL, so a batch is as risky as the worst tool it runs, and its
   * writes add up to one blast radius. `earlier` are the calls already let through in the same
   * turn: a write adds to their blast radius, so 46 one-flow retries made one by one (or in
   * parallel) are judged as the bulk retry they are.
   */
  decide(
    toolName: string,
    toolArguments?: unknown,
    earlier: readonly EarlierCall[] = [],
  ): ToolDecision {
    const slug = toolSlug(toolName);
    const calls = innerToolCalls(slug, toolArguments);
    const risks = calls.map((call) => ({ call, risk: this.classify(call.slug) }));
    const worst = risks.reduce<(typeof risks)[number] | undefined>(
      (current, next) =>
        !current || riskOrder[next.risk] > riskOrder[current.risk] ? next : current,
      undefined,
    );
    const risk = worst?.risk ?? "read-only";
    const own = this.#blastRadius(calls);
    const earlierCalls = earlier.flatMap((call) => innerToolCalls(call.name, call.arguments));
    // Earlier writes only count when this call writes too.
    const blastRadius = own && this.#blastRadius([...earlierCalls, ...calls]);
    const what = blastRadius
      ? describeBlastRadius(blastRadius)
      : worst
        ? `${worst.call.slug}${describeTargets(worst.call, this.names)}`
        : `${slug} runs no tool`;
    const why: string[] = [];
    if (worst && risk === "destructive") {
      why.push(
        what.startsWith(worst.call.slug)
          ? "it is destructive"
          : `${worst.call.slug} is destructive`,
      );
    }
    if (blastRadius?.writes.some((write) => write.verb === "resolve")) {
      why.push("resolved errors are hidden for good");
    }
    if (blastRadius && blastRadius.flows > 1) why.push("it touches more than one flow");
    if (blastRadius && blastRadius.records > bulkRecordLimit) {
      why.push(`it touches more than ${bulkRecordLimit} records`);
    }
    const needsApproval = why.length > 0;
    const reason = needsApproval ? `${what}: ${why.join(", ")}` : `${what} (${risk})`;
    return { slug, risk, needsApproval, reason, ...(blastRadius ? { blastRadius } : {}) };
  }

  needsApproval(
    toolName: string,
    toolArguments?: unknown,
    earlier: readonly EarlierCall[] = [],
  ): boolean {
    return this.decide(toolName, toolArguments, earlier).needsApproval;
  }

  #blastRadius(calls: readonly InnerToolCall[]): BlastRadius | undefined {
    const writes: BlastRadius["writes"] = [];
    const flows = new Set<string>();
    for (const call of calls) {
      const verb = writeVerbs[call.slug.split("_")[1] ?? ""];
      if (!verb) continue;
      const [kind, id] = writeTarget(call);
      if (kind === "flow") flows.add(id);
      // retry_data_keys and error_ids name the same errors two ways; a call may give both.
      const ids = Math.max(
        ...[call.arguments.error_ids, call.arguments.retry_data_keys].map((list) =>
          Array.isArray(list) ? list.length : 0,
        ),
      );
      // A patch or update changes the record it names; retries and resolves the errors listed.
      const records = verb === "patch" || verb === "update" ? Math.max(ids, 1) : ids;
      writes.push({ verb, kind, label: this.names.label(id), records });
    }
    if (writes.length === 0) return undefined;
    const records = writes.reduce((total, write) => total + write.records, 0);
    return { records, flows: flows.size, writes };
  }
}

/** "retry 46 errors on 9 flows: Shopify Order to NetSuite Sales Order (34), … and 5 more". */
export function describeBlastRadius(radius: BlastRadius): string {
  const verbs = [...new Set(radius.writes.map((write) => write.verb))];
  return verbs
    .map((verb) => {
      const perTarget = new Map<string, { kind: string; records: number }>();
      for (const write of radius.writes.filter((candidate) => candidate.verb === verb)) {
        const seen = perTarget.get(write.label);
        perTarget.set(write.label, {
          kind: write.kind,
          records: (seen?.records ?? 0) + write.records,
        });
      }
      const targets = [...perTarget].sort(
        (left, right) => right[1].records - left[1].records || left[0].localeCompare(right[0]),
      );
      const records = targets.reduce((total, [, target]) => total + target.records, 0);
      const kinds = new Set(targets.map(([, target]) => target.kind));
      const place = plural(
        targets.length,
        kinds.size === 1 ? ([...kinds][0] ?? "record") : "record",
      );
      const counted = verb === "retry" || verb === "resolve";
      const shown = targets
        .slice(0, 4)
        .map(([label, target]) => (counted ? `${label} (${target.records})` : label));
      const more = targets.length > 4 ? ` and ${targets.length - 4} more` : "";
      const what = counted ? `${plural(records, "error")} on ${place}` : place;
      return `${verb} ${what}: ${shown.join(", ")}${more}`;
    })
    .join("; ");
}

/** The record a write targets: its flow when it names one, else its first `*_id` argument. */
function writeTarget(call: InnerToolCall): [kind: string, id: string] {
  const flowId =
    call.arguments.flow_id ?? (call.slug.endsWith("_FLOW") ? call.arguments._id : undefined);
  if (typeof flowId === "string" && flowId) return ["flow", flowId];
  const [key, value] = idArguments(call)[0] ?? ["record_id", "?"];
  return [key.replace(/_?id$/, "") || "record", value];
}

/** " on flow Amazon Orders": the records a call names through its `*_id` arguments. */
function describeTargets(call: InnerToolCall, names: RecordNames): string {
  const targets = idArguments(call).map(
    ([key, value]) => `${key.replace(/_?id$/, "") || "record"} ${names.label(value)}`,
  );
  return targets.length > 0 ? ` on ${targets.join(", ")}` : "";
}

function idArguments(call: InnerToolCall): Array<[string, string]> {
  return Object.entries(call.arguments).flatMap(
    ([key, value]): Array<[string, string]> =>
      /(^|_)id$/.test(key) && typeof value === "string" && value ? [[key, value]] : [],
  );
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}
