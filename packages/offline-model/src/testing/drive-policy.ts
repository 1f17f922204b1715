import type { ConversationMessage, OfferedTool } from "../conversation.ts";
import { decideTurn } from "../policy/policy.ts";
import { type createAccount, now, toolSchemas } from "./scripted-account.ts";

type Json = Record<string, unknown>;

export interface DriveOptions {
  /** User messages, in order; each runs to a text answer before the next is sent. */
  requests: string[];
  exposure: "direct" | "router";
  account: ReturnType<typeof createAccount>;
  /** How the framework names a tool (prefixes, lower-casing). */
  nameOf?: (slug: string) => string;
  /** Slugs whose calls a person refuses. */
  refused?: string[];
}

const envelope = (data: unknown) => JSON.stringify({ data, successful: true, error: null });

/** Plays the agent loop around the policy: offers tools, runs its calls, returns its answers. */
export function drivePolicy(options: DriveOptions) {
  const nameOf = options.nameOf ?? ((slug: string) => slug);
  const slugs = Object.keys(toolSchemas);
  const routerTools = ["COMPOSIO_SEARCH_TOOLS", "COMPOSIO_MULTI_EXECUTE_TOOL"];
  const offered: OfferedTool[] = (options.exposure === "direct" ? slugs : routerTools).map(
    (slug) => ({
      name: nameOf(slug),
      description: slug,
      parameters: toolSchemas[slug] ?? { type: "object", properties: {} },
    }),
  );
  const executedCalls: Array<{ slug: string; arguments: Json }> = [];
  const run = (slug: string, input: Json): unknown => {
    executedCalls.push({ slug, arguments: input });
    const handler = options.account.handlers[slug];
    if (!handler) return { data: null, successful: false, error: `Unknown tool ${slug}` };
    return { data: handler(input), successful: true, error: null };
  };
  const execute = (name: string, input: Json): string => {
    const slug =
      slugs.find((candidate) => name.toUpperCase().endsWith(candidate)) ?? name.toUpperCase();
    if (
      options.refused?.some(
        (refused) =>
          name.toUpperCase().includes(refused) || JSON.stringify(input).includes(refused),
      )
    ) {
      return "Tool call refused by the user: not approved.";
    }
    if (slug.endsWith("COMPOSIO_SEARCH_TOOLS")) {
      const queries = (input.queries as Json[]) ?? [];
      const ranked = queries.map((query) => {
        const wanted = words(String(query.use_case));
        return (
          [...slugs].sort((left, right) => overlap(right, wanted) - overlap(left, wanted))[0] ?? ""
        );
      });
      return envelope({
        results: queries.map((query, index) => ({
          use_case: query.use_case,
          primary_tool_slugs: [ranked[index]],
        })),
        tool_schemas: Object.fromEntries(
          ranked.map((found) => [found, { tool_slug: found, input_schema: toolSchemas[found] }]),
        ),
        session: { id: "session-1" },
      });
    }
    if (slug.endsWith("COMPOSIO_MULTI_EXECUTE_TOOL")) {
      const results = ((input.tools as Json[]) ?? []).map((tool, index) => ({
        tool_slug: tool.tool_slug,
        index,
        response: run(String(tool.tool_slug), (tool.arguments as Json) ?? {}),
      }));
      return envelope({ results });
    }
    return JSON.stringify(run(slug, input));
  };

  const messages: ConversationMessage[] = [
    { role: "system", text: `You operate Celigo.\nCurrent time: ${now}` },
  ];
  const answers: string[] = [];
  for (const request of options.requests) {
    messages.push({ role: "user", text: request });
    for (let turn = 0; turn < 12; turn++) {
      const decision = decideTurn({ messages, tools: offered }).turn;
      if (decision.kind === "text") {
        messages.push({ role: "assistant", text: decision.text, toolCalls: [] });
        answers.push(decision.text);
        break;
      }
      const toolCalls = decision.calls.map((call, index) => ({
        id: `call-${messages.length}-${index}`,
        ...call,
      }));
      messages.push({ role: "assistant", text: "", toolCalls });
      for (const call of toolCalls) {
        messages.push({
          role: "tool",
          toolCallId: call.id,
          text: execute(call.name, JSON.parse(call.arguments)),
        });
      }
    }
  }
  return { answers, answer: answers.at(-1) ?? "", calls: executedCalls };
}

const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

function overlap(slug: string, wanted: string[]): number {
  const slugWords = new Set(words(slug.replaceAll("_", " ")));
  return wanted.filter((word) => slugWords.has(word)).length - slugWords.size * 0.01;
}
