import type { ModelTurn, OfferedTool } from "../conversation.ts";
import { fillArguments } from "./argument-filling.ts";
import { type History, slugOf } from "./conversation-history.ts";
import { humanize, type PlannedCall } from "./plans/plan-kit.ts";
import { isObject, type JsonObject } from "./tool-results.ts";

const searchTools = "COMPOSIO_SEARCH_TOOLS";
const getSchemas = "COMPOSIO_GET_TOOL_SCHEMAS";
const multiExecute = "COMPOSIO_MULTI_EXECUTE_TOOL";

/**
 * The tools the model may call, by slug, whatever names the framework gave them. Direct exposure
 * offers CELIGO_* tools; router exposure reaches them through Composio's meta-tools.
 */
export class Toolbox {
  readonly #offered = new Map<string, OfferedTool>();
  readonly #history: History;
  readonly router: boolean;

  constructor(tools: readonly OfferedTool[], history: History) {
    for (const tool of tools) {
      const slug = slugOf(tool.name);
      if (!this.#offered.has(slug)) this.#offered.set(slug, tool);
    }
    this.#history = history;
    this.router = this.#offered.has(multiExecute);
  }

  /** True when some offered tool is a Celigo or Composio one, known by its slug. */
  get knowsSlugs(): boolean {
    return [...this.#offered.keys()].some(
      (slug) => slug.startsWith("CELIGO_") || slug.startsWith("COMPOSIO_"),
    );
  }

  canUse(slug: string): boolean {
    return this.#offered.has(slug) || (this.router && slug.startsWith("CELIGO_"));
  }

  findSlug(pattern: RegExp): string | undefined {
    const known = [...this.#offered.keys(), ...this.#history.discoveredSchemas.keys()];
    return known.find((slug) => slug.startsWith("CELIGO_") && pattern.test(slug));
  }

  /** Binds planned calls to tool names and schemas; answers in words when that is impossible. */
  toTurn(planned: readonly PlannedCall[], planTools: readonly string[]): ModelTurn {
    const direct = planned.every((entry) => this.#offered.has(entry.slug));
    if (direct) return this.#directTurn(planned);
    if (this.router) return this.#routerTurn(planned, planTools);
    const missing = planned.find((entry) => !this.#offered.has(entry.slug))?.slug ?? "";
    return text(
      `None of the tools offered can ${humanize(missing)} (I looked for ${missing}), so I cannot answer that with this tool set. Offer the Celigo tools, or ask about something the offered tools cover.`,
    );
  }

  #bind(planned: readonly PlannedCall[], schemaOf: (slug: string) => JsonObject) {
    const bound: Array<{ slug: string; arguments: JsonObject }> = [];
    for (const entry of planned) {
      const filled = fillArguments(entry.slug, schemaOf(entry.slug), entry.values);
      if (filled.missing.length > 0) {
        return `I cannot call ${entry.slug}: it needs ${filled.missing.map((name) => `\`${name}\``).join(", ")}, and nothing in the conversation or earlier results gives a value for it. Tell me which one you mean.`;
      }
      const sent = JSON.stringify(filled.arguments);
      const repeated = this.#history.calls.find(
        (made) => made.slug === entry.slug && JSON.stringify(made.arguments) === sent,
      );
      if (repeated) {
        return `I already called ${entry.slug} with these arguments and its result did not give me what I need${repeated.result.error ? ` (${repeated.result.error})` : ""}, so I stop here rather than repeat it.`;
      }
      bound.push({ slug: entry.slug, arguments: filled.arguments });
    }
    return bound;
  }

  #directTurn(planned: readonly PlannedCall[]): ModelTurn {
    const bound = this.#bind(planned, (slug) => this.#offered.get(slug)?.parameters ?? {});
    if (typeof bound === "string") return text(bound);
    return {
      kind: "tool-calls",
      calls: bound.map((entry) => ({
        name: this.#offered.get(entry.slug)?.name ?? entry.slug,
        arguments: JSON.stringify(entry.arguments),
      })),
    };
  }

  #routerTurn(planned: readonly PlannedCall[], planTools: readonly string[]): ModelTurn {
    const schemas = this.#history.discoveredSchemas;
    const missing = planned.map((entry) => entry.slug).filter((slug) => !schemas.has(slug));
    if (missing.length > 0) {
      const searched = this.#history.calls.some((made) => made.slug === searchTools);
      if (!searched && this.#offered.has(searchTools)) {
        const wanted = [
          ...new Set([...missing, ...planTools.filter((slug) => !schemas.has(slug))]),
        ];
        return this.#call(searchTools, {
          queries: wanted.map((slug) => ({ use_case: humanize(slug) })),
          ...(this.#history.sessionId ? { session: { id: this.#history.sessionId } } : {}),
        });
      }
      const fetched = this.#history.calls.some(
        (made) =>
          made.slug === getSchemas &&
          missing.every((slug) => JSON.stringify(made.arguments).includes(slug)),
      );
      if (!fetched && this.#offered.has(getSchemas))
        return this.#call(getSchemas, { tool_slugs: missing });
      return text(
        `The tool router found no ${missing.join(", ")} (${missing.map(humanize).join(", ")}), so I cannot do that step. Ask about something the Celigo toolkit covers.`,
      );
    }
    const bound = this.#bind(planned, (slug) => schemas.get(slug) ?? {});
    if (typeof bound === "string") return text(bound);
    const executeSchema = this.#offered.get(multiExecute)?.parameters ?? {};
    const properties = isObject(executeSchema.properties) ? executeSchema.properties : {};
    return this.#call(multiExecute, {
      tools: bound.map((entry) => ({ tool_slug: entry.slug, arguments: entry.arguments })),
      sync_response_to_workbench: false,
      ...("thought" in properties
        ? { thought: `Run ${bound.map((entry) => humanize(entry.slug)).join(", ")}.` }
        : {}),
      ...("session_id" in properties && this.#history.sessionId
        ? { session_id: this.#history.sessionId }
        : {}),
    });
  }

  #call(slug: string, argumentsObject: JsonObject): ModelTurn {
    const name = this.#offered.get(slug)?.name ?? slug;
    return { kind: "tool-calls", calls: [{ name, arguments: JSON.stringify(argumentsObject) }] };
  }
}

function text(value: string): ModelTurn {
  return { kind: "text", text: value };
}
