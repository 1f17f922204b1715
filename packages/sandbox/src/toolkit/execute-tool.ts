import type { AccountDirectory } from "../account-directory.ts";
import { CeligoApiFailure, CeligoClient } from "./celigo-client.ts";
import { celigoTools, findCeligoTool } from "./celigo-toolkit.ts";
import { parseToolArguments, ToolArgumentError } from "./tool-arguments.ts";
import { failureResult, successResult, type ToolResult } from "./tool-result.ts";

/**
 * Runs one Celigo tool for an account: validates the arguments, calls the emulated API through
 * the directory, and answers in Composio's shape. Agents (over MCP) and the eval harness
 * (replaying reference actions) both come through here. Never throws for a bad call: failures
 * are `isError` results carrying Celigo's `errors[]`.
 */
export async function executeTool(
  directory: AccountDirectory,
  accountId: string,
  slug: string,
  args: unknown,
): Promise<ToolResult> {
  const tool = findCeligoTool(slug);
  if (tool === undefined) {
    return failureResult([
      {
        code: "tool_not_found",
        message: `There is no Celigo tool "${slug}". Use one of the ${celigoTools.length} CELIGO_* slugs (COMPOSIO_SEARCH_TOOLS finds them by use case).`,
      },
    ]);
  }
  const parsed = parseToolArguments(tool.input, args);
  if (!parsed.success) return failureResult(parsed.errors);
  try {
    return successResult(await tool.run(parsed.data, new CeligoClient(directory, accountId)));
  } catch (error) {
    if (error instanceof CeligoApiFailure) return failureResult(error.errors, error.status);
    if (error instanceof ToolArgumentError) {
      return failureResult([
        { code: "invalid_argument", message: error.message, field: error.argument },
      ]);
    }
    // Anything else is a sandbox bug: logged, and said without internals.
    directory.reportUnexpectedError?.(error, slug);
    return failureResult([
      {
        code: "internal_error",
        message: `${tool.slug} failed inside the sandbox. Try again; if it keeps failing, report it.`,
      },
    ]);
  }
}
