/**
 * One Celigo MCP server definition as an MCP server (official SDK, low-level `Server`, since the
 * tools' input schemas are JSON Schema documents, not zod): its enabled tools and APIs as MCP
 * tools with their annotations, its prompts through `prompts/list` and `prompts/get`.
 */
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListToolsRequestSchema,
  McpError,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import type { StoredDocument } from "../store/resource-types.ts";
import { ActionFailure, builtinActions, type CallApi } from "./builtin-actions.ts";
import type { McpServerCollections } from "./mcp-server-collections.ts";
import { renderPrompt, type StoredPrompt } from "./prompt-rendering.ts";

export interface ExposedTool {
  tool: Tool;
  /** The Tool or API resource behind it. */
  resource: StoredDocument;
}

/** The enabled entries of a server, resolved to their resources (missing ones are skipped). */
export function exposedTools(
  server: StoredDocument,
  collections: McpServerCollections,
): ExposedTool[] {
  const entries = [
    ...((server.tools ?? []) as Record<string, unknown>[]).map((entry) => ({
      entry,
      resource: collections.tools.get(String(entry._toolId)),
    })),
    ...((server.apis ?? []) as Record<string, unknown>[]).map((entry) => ({
      entry,
      resource: collections.apis.get(String(entry._apiId)),
    })),
  ];
  return entries.flatMap(({ entry, resource }) => {
    if (entry.disabled !== false || resource === undefined) return [];
    const annotations = entry.annotations as Tool["annotations"] | undefined;
    const input = resource.input as { schema?: Tool["inputSchema"] } | undefined;
    const tool: Tool = {
      name: String(entry.name),
      ...(annotations?.title ? { title: annotations.title } : {}),
      description: String(resource.description ?? resource.name ?? entry.name),
      inputSchema: input?.schema ?? { type: "object" },
      ...(annotations ? { annotations } : {}),
    };
    return [{ tool, resource }];
  });
}

export function createNativeMcpServer(options: {
  server: StoredDocument;
  collections: McpServerCollections;
  callApi: CallApi;
  now: () => Date;
  /** Logs a failure that is a sandbox bug; the client gets a generic tool error. */
  reportUnexpectedError?: (error: unknown, where: string) => void;
}): Server {
  const { server, collections } = options;
  const tools = exposedTools(server, collections);
  const prompts = (server.prompts ?? []) as StoredPrompt[];
  const mcp = new Server(
    { name: String(server.name), version: "1.0.0" },
    {
      capabilities: { tools: {}, prompts: {} },
      ...(typeof server.description === "string" ? { instructions: server.description } : {}),
    },
  );

  mcp.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: tools.map((exposed) => exposed.tool),
  }));
  mcp.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const exposed = tools.find((candidate) => candidate.tool.name === request.params.name);
    if (exposed === undefined) {
      return errorResult(
        `No enabled tool "${request.params.name}" on this MCP server; call tools/list for the available ones.`,
      );
    }
    const action = builtinActions.find(
      (candidate) => candidate.id === exposed.resource.sandboxAction,
    );
    if (action === undefined) {
      return errorResult(
        `"${exposed.tool.name}" has no behaviour in the sandbox: only its ready-made tools and APIs run (${builtinActions.map((candidate) => candidate.id).join(", ")}).`,
      );
    }
    try {
      const result = await action.run(
        options.callApi,
        request.params.arguments ?? {},
        options.now(),
      );
      return {
        content: [{ type: "text", text: JSON.stringify(result, null, 2) }],
        structuredContent: result as Record<string, unknown>,
      };
    } catch (error) {
      if (error instanceof ActionFailure) return errorResult(error.message);
      options.reportUnexpectedError?.(error, `MCP tool ${exposed.tool.name}`);
      return errorResult(
        `"${exposed.tool.name}" failed inside the sandbox. Try again; if it keeps failing, report it.`,
      );
    }
  });

  mcp.setRequestHandler(ListPromptsRequestSchema, () => ({
    prompts: prompts.map((prompt) => ({
      name: prompt.name,
      ...(prompt.title ? { title: prompt.title } : {}),
      description: prompt.description ?? prompt.title ?? prompt.name,
      arguments: (prompt.arguments ?? []).map((argument) => ({
        name: argument.name,
        ...(argument.description ? { description: argument.description } : {}),
        required: argument.required !== false,
      })),
    })),
  }));
  mcp.setRequestHandler(GetPromptRequestSchema, (request) => {
    const prompt = prompts.find((candidate) => candidate.name === request.params.name);
    if (prompt === undefined) {
      throw new McpError(
        ErrorCode.InvalidParams,
        `No prompt "${request.params.name}" on this MCP server; call prompts/list.`,
      );
    }
    return {
      ...(prompt.description ? { description: prompt.description } : {}),
      messages: renderPrompt(prompt, request.params.arguments),
    };
  });
  return mcp;
}

function errorResult(message: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text: message }] };
}
