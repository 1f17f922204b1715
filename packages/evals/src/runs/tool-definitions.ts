/**
 * The tools a session offers, listed with the official MCP client, and what their definitions
 * cost: every model request carries them, so on 117 tools this is often most of the input.
 * Counted with the o200k tokenizer over the function-tool JSON OpenAI's APIs receive.
 */
import { type SessionConnection, selectTools, type ToolDescription } from "@celigo-agents/core";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { countTokens } from "gpt-tokenizer";

export interface ListedTool extends ToolDescription {
  description?: string | undefined;
  inputSchema: unknown;
}

export async function listSessionTools(session: SessionConnection): Promise<ListedTool[]> {
  const client = new Client({ name: "celigo-agents-evals", version: "0.1.0" });
  const transport = new StreamableHTTPClientTransport(new URL(session.url), {
    requestInit: { headers: session.headers },
  });
  await client.connect(transport);
  try {
    const tools: ListedTool[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : undefined);
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    return selectTools(session, tools, (tool) => tool.name);
  } finally {
    await client.close();
  }
}

export function toolDefinitionTokens(tools: readonly ListedTool[]): number {
  const definitions = tools.map((tool) => ({
    type: "function",
    function: {
      name: tool.name,
      description: tool.description ?? "",
      parameters: tool.inputSchema,
    },
  }));
  return definitions.length === 0 ? 0 : countTokens(JSON.stringify(definitions));
}
