import type { JsonObjectSchema, ToolAnnotations } from "../toolkit/tool-definition.ts";
import type { ToolResult } from "../toolkit/tool-result.ts";

/** A tool as `tools/list` shows it. */
export interface ServedTool {
  name: string;
  title?: string;
  description: string;
  inputSchema: JsonObjectSchema;
  annotations?: ToolAnnotations;
}

/** What one MCP endpoint serves: its tools, and how to call them. */
export interface ToolProvider {
  listTools(): readonly ServedTool[];
  callTool(name: string, args: unknown): Promise<ToolResult>;
}
