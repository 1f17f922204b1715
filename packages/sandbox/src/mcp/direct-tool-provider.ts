import type { AccountDirectory } from "../account-directory.ts";
import { celigoTools } from "../toolkit/celigo-toolkit.ts";
import { executeTool } from "../toolkit/execute-tool.ts";
import type { CeligoTool } from "../toolkit/tool-definition.ts";
import { failureResult } from "../toolkit/tool-result.ts";
import type { ServedTool, ToolProvider } from "./tool-provider.ts";

export function servedCeligoTool(tool: CeligoTool): ServedTool {
  return {
    name: tool.slug,
    title: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema,
    annotations: tool.annotations,
  };
}

/** Serves `CELIGO_*` tools themselves for one account: all of them, or the allowed slugs. */
export function directToolProvider(
  directory: AccountDirectory,
  accountId: string,
  allowedSlugs?: ReadonlySet<string>,
): ToolProvider {
  const tools = celigoTools
    .filter((tool) => allowedSlugs === undefined || allowedSlugs.has(tool.slug))
    .map(servedCeligoTool);
  const names = new Set(tools.map((tool) => tool.name));
  return {
    listTools: () => tools,
    callTool: async (name, args) => {
      if (!names.has(name)) {
        return failureResult([
          {
            code: "tool_not_found",
            message: `This session does not serve "${name}". Call one of the tools from tools/list.`,
          },
        ]);
      }
      return executeTool(directory, accountId, name, args);
    },
  };
}
