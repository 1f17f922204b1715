/**
 * Decides how risky a tool call is. MCP annotations win when the server sends them; slug rules
 * cover servers that do not. Frameworks rename tools (`celigo_CELIGO_LIST_FLOWS`,
 * `mcp__celigo__CELIGO_LIST_FLOWS`), so every lookup goes through `toolSlug` first.
 */
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
  reason: string;
}

const toolkitPrefixes = ["CELIGO_", "COMPOSIO_"];

/**
 * The Celigo or Composio slug inside a framework's tool name: the text from the last toolkit
 * prefix on, so `celigo_CELIGO_LIST_FLOWS` and `mcp__celigo__CELIGO_LIST_FLOWS` both give
 * CELIGO_LIST_FLOWS. Other tools (a native MCP server's) come back upper-cased without the
 * framework's namespace: `celigo_get_failed_jobs` gives GET_FAILED_JOBS.
 */
export function toolSlug(toolName: string): string {
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

interface MultiExecuteArguments {
  tools?: Array<{ tool_slug?: unknown }>;
}

const riskOrder: Record<ToolRisk, number> = { "read-only": 0, write: 1, destructive: 2 };

export class ToolPolicy {
  readonly #annotations = new Map<string, ToolAnnotations>();

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
   * COMPOSIO_MULTI_EXECUTE_TOOL, so its risk is the highest of the tools it would run.
   */
  decide(toolName: string, toolArguments?: unknown): ToolDecision {
    const slug = toolSlug(toolName);
    let risk = this.classify(slug);
    let reason = `${slug} is ${risk}`;
    if (slug === "COMPOSIO_MULTI_EXECUTE_TOOL") {
      const inner = innerSlugs(toolArguments);
      const risks = inner.map((innerSlug) => [innerSlug, this.classify(innerSlug)] as const);
      const worst = risks.reduce<readonly [string, ToolRisk] | undefined>(
        (current, next) =>
          !current || riskOrder[next[1]] > riskOrder[current[1]] ? next : current,
        undefined,
      );
      risk = worst ? worst[1] : "read-only";
      reason = worst
        ? `${slug} would run ${worst[0]}, which is ${worst[1]}`
        : `${slug} runs no tool`;
    }
    return { slug, risk, needsApproval: risk === "destructive", reason };
  }

  needsApproval(toolName: string, toolArguments?: unknown): boolean {
    return this.decide(toolName, toolArguments).needsApproval;
  }
}

function innerSlugs(toolArguments: unknown): string[] {
  const parsed = typeof toolArguments === "string" ? safeParse(toolArguments) : toolArguments;
  const tools = (parsed as MultiExecuteArguments | undefined)?.tools;
  if (!Array.isArray(tools)) return [];
  return tools.map((tool) => String(tool?.tool_slug ?? "")).filter(Boolean);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
