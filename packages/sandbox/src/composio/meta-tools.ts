import { z } from "zod";
import type { AccountDirectory } from "../account-directory.ts";
import { servedCeligoTool } from "../mcp/direct-tool-provider.ts";
import type { ServedTool, ToolProvider } from "../mcp/tool-provider.ts";
import { celigoTools, findCeligoTool } from "../toolkit/celigo-toolkit.ts";
import { executeTool } from "../toolkit/execute-tool.ts";
import { parseJsonText, parseToolArguments } from "../toolkit/tool-arguments.ts";
import { objectJsonSchema } from "../toolkit/tool-definition.ts";
import {
  failureResult,
  successResult,
  type ToolResult,
  toolResult,
} from "../toolkit/tool-result.ts";
import { metaToolSlugs, type RouterSession } from "./router-session.ts";
import { ToolSearchIndex } from "./tool-search.ts";

const searchIndex = new ToolSearchIndex(celigoTools);
const primaryCount = 3;
const relatedCount = 5;

/** Composio's meta-tool inputs (composio.md), validated like every other tool. */
const inputs = {
  [metaToolSlugs.search]: z.object({
    queries: z
      .array(
        z.object({
          use_case: z.string().min(1).describe("What you want to do, in plain words."),
          known_fields: z
            .string()
            .optional()
            .describe('Values you already know, e.g. "flow_id: 64ab…".'),
        }),
      )
      .min(1)
      .max(10)
      .describe("One entry per task to find tools for."),
    session: z
      .object({ id: z.string().optional(), generate_id: z.boolean().optional() })
      .optional()
      .describe("The session id from an earlier search, to keep context."),
  }),
  [metaToolSlugs.schemas]: z.object({
    tool_slugs: z.array(z.string().min(1)).min(1).describe("Slugs whose input schemas to return."),
    session_id: z.string().optional(),
  }),
  [metaToolSlugs.execute]: z.object({
    tools: z
      .array(
        z.object({
          tool_slug: z.string().min(1).describe("Slug of the tool to run, e.g. CELIGO_LIST_FLOWS."),
          arguments: z
            .preprocess(
              (value) => (typeof value === "string" ? parseJsonText(value) : (value ?? {})),
              z.looseObject({}),
            )
            .describe("The tool's arguments, following its input schema."),
        }),
      )
      .min(1)
      .max(50)
      .describe("Tools to run, in parallel."),
    sync_response_to_workbench: z.boolean().describe("Keep false: the sandbox has no workbench."),
    thought: z.string().optional(),
    current_step: z.string().optional(),
    session_id: z.string().optional(),
  }),
  [metaToolSlugs.connections]: z.object({
    toolkits: z.array(z.string().min(1)).min(1).describe('Toolkits to check, e.g. ["celigo"].'),
    reinitiate_all: z.boolean().optional(),
    session_id: z.string().optional(),
  }),
} as const;

const descriptions: Record<keyof typeof inputs, string> = {
  [metaToolSlugs.search]:
    "Search the tools that can do a task. Give one query per use case; the answer lists the best tool slugs (primary_tool_slugs), their input schemas and whether the toolkit is connected. Run them with COMPOSIO_MULTI_EXECUTE_TOOL.",
  [metaToolSlugs.schemas]:
    "Return the full input schemas of tools by slug, when a search did not include them.",
  [metaToolSlugs.execute]:
    "Run one or more tools found with COMPOSIO_SEARCH_TOOLS, in parallel, each with arguments following its input schema. Each result comes back with its tool_slug and index.",
  [metaToolSlugs.connections]:
    "Check or create the connection of a toolkit for this user. The answer says whether it is active or gives a redirect_url to connect.",
};

function connectionStatus() {
  return {
    toolkit: "celigo",
    has_active_connection: true,
    status_message: "Celigo is connected for this user.",
  };
}

function schemaOf(slug: string) {
  const tool = findCeligoTool(slug);
  return tool === undefined
    ? undefined
    : {
        tool_slug: tool.slug,
        toolkit: "celigo",
        description: tool.description,
        input_schema: tool.inputSchema,
        hasFullSchema: true,
      };
}

/** Everything one Tool Router session serves over MCP: meta-tools, preloaded Celigo tools. */
export function sessionToolProvider(
  directory: AccountDirectory,
  session: Pick<RouterSession, "id" | "accountId" | "config">,
): ToolProvider {
  const { config } = session;
  const allowed = config.allowedSlugs;
  const isAllowed = (slug: string) => allowed === undefined || allowed.has(slug);
  const metaTools = config.metaTools as (keyof typeof inputs)[];
  const tools: ServedTool[] = [
    ...metaTools.map((slug) => ({
      name: slug,
      description: descriptions[slug],
      inputSchema: objectJsonSchema(inputs[slug]),
      annotations: {
        title: slug,
        readOnlyHint: slug !== metaToolSlugs.execute && slug !== metaToolSlugs.connections,
        // Multi-execute runs whatever tools it is given, destructive ones included.
        destructiveHint: slug === metaToolSlugs.execute,
        idempotentHint: slug !== metaToolSlugs.execute,
        openWorldHint: false,
      },
    })),
    ...config.preloadedSlugs.flatMap((slug) => {
      const tool = findCeligoTool(slug);
      return tool === undefined ? [] : [servedCeligoTool(tool)];
    }),
  ];
  const served = new Set(tools.map((tool) => tool.name));

  const handlers = {
    [metaToolSlugs.search]: async (
      args: z.output<(typeof inputs)[typeof metaToolSlugs.search]>,
    ) => {
      const schemas: Record<string, unknown> = {};
      const results = args.queries.map((query, index) => {
        const ranked = searchIndex.search(`${query.use_case} ${query.known_fields ?? ""}`, allowed);
        const primary = ranked.slice(0, primaryCount).map((entry) => entry.slug);
        const related = ranked
          .slice(primaryCount, primaryCount + relatedCount)
          .map((entry) => entry.slug);
        for (const slug of primary) schemas[slug] = schemaOf(slug);
        return {
          index: index + 1,
          use_case: query.use_case,
          primary_tool_slugs: primary,
          related_tool_slugs: related,
          toolkits: ranked.length > 0 ? ["celigo"] : [],
          ...(ranked.length === 0
            ? {
                error: `No tool of this session matches "${query.use_case}". Rephrase the use case.`,
              }
            : {}),
        };
      });
      return successResult({
        results,
        tool_schemas: schemas,
        toolkit_connection_statuses: [connectionStatus()],
        session: {
          id: session.id,
          instructions: `Pass session: {"id": "${session.id}"} in later searches.`,
        },
        next_steps_guidance: [
          "Run the primary tools with COMPOSIO_MULTI_EXECUTE_TOOL, arguments following tool_schemas.",
          "Fetch schemas of related tools with COMPOSIO_GET_TOOL_SCHEMAS before running them.",
        ],
      });
    },
    [metaToolSlugs.schemas]: async (
      args: z.output<(typeof inputs)[typeof metaToolSlugs.schemas]>,
    ) => {
      const found = args.tool_slugs.map((slug) =>
        isAllowed(slug.toUpperCase()) ? schemaOf(slug) : undefined,
      );
      const missing = args.tool_slugs.filter((_, index) => found[index] === undefined);
      return successResult({
        tool_schemas: Object.fromEntries(
          found.flatMap((schema) => (schema === undefined ? [] : [[schema.tool_slug, schema]])),
        ),
        ...(missing.length > 0
          ? { not_found: missing, note: "Search with COMPOSIO_SEARCH_TOOLS to find valid slugs." }
          : {}),
      });
    },
    [metaToolSlugs.execute]: async (
      args: z.output<(typeof inputs)[typeof metaToolSlugs.execute]>,
    ) => {
      const results = await Promise.all(
        args.tools.map(async (call, index) => {
          const slug = call.tool_slug.toUpperCase();
          const result = isAllowed(slug)
            ? await executeTool(directory, session.accountId, slug, call.arguments)
            : failureResult([
                {
                  code: "tool_not_allowed",
                  message: `${call.tool_slug} is not enabled in this session. Use a tool from COMPOSIO_SEARCH_TOOLS.`,
                },
              ]);
          return { index, tool_slug: slug, response: result.structuredContent };
        }),
      );
      const failed = results.filter((item) => !item.response.successful);
      const summary = {
        results,
        total_count: results.length,
        success_count: results.length - failed.length,
        error_count: failed.length,
      };
      if (failed.length === results.length) {
        return toolResult({
          data: summary,
          successful: false,
          error: failed.map((item) => `${item.tool_slug}: ${item.response.error}`).join(" "),
        });
      }
      return successResult(summary);
    },
    [metaToolSlugs.connections]: async (
      args: z.output<(typeof inputs)[typeof metaToolSlugs.connections]>,
    ) => {
      const unknown = args.toolkits.filter((toolkit) => toolkit.toLowerCase() !== "celigo");
      if (unknown.length > 0) {
        return failureResult([
          {
            code: "toolkit_not_found",
            message: `The sandbox serves only the celigo toolkit; ${unknown.join(", ")} cannot be connected.`,
          },
        ]);
      }
      return successResult({
        results: {
          celigo: {
            toolkit: "celigo",
            status: "active",
            has_active_connection: true,
            connected_account_id: `ca_${session.accountId}`,
            message: "Celigo is already connected; no action needed.",
          },
        },
      });
    },
  };

  return {
    listTools: () => tools,
    callTool: async (name, rawArgs) => {
      if (!served.has(name)) {
        return failureResult([
          {
            code: "tool_not_found",
            message: `This session does not serve "${name}". Call one of the tools from tools/list.`,
          },
        ]);
      }
      if (!(name in inputs)) return executeTool(directory, session.accountId, name, rawArgs);
      const slug = name as keyof typeof inputs;
      const parsed = parseToolArguments(inputs[slug], rawArgs);
      if (!parsed.success) return failureResult(parsed.errors);
      // Each handler takes its own input; the map keeps slug and input together.
      return (handlers[slug] as (args: unknown) => Promise<ToolResult>)(parsed.data);
    },
  };
}
