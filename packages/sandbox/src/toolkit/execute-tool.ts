import type { z } from "zod";
import type { AccountDirectory } from "../account-directory.ts";
import { CeligoApiFailure, CeligoClient } from "./celigo-client.ts";
import { celigoTools, findCeligoTool } from "./celigo-toolkit.ts";
import { ToolArgumentError } from "./tool-arguments.ts";
import { failureResult, successResult, type ToolResult } from "./tool-result.ts";

function argumentName(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "arguments" : path.map(String).join(".");
}

/** The value the caller sent at a path; zod's issues do not carry it by default. */
function valueAt(args: unknown, path: readonly PropertyKey[]): unknown {
  let value = args;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** One line per bad argument, naming it and saying what it should be. */
function describeIssues(issues: readonly z.core.$ZodIssue[], args: unknown) {
  return issues.map((issue) => {
    const field = argumentName(issue.path);
    const sent = valueAt(args, issue.path);
    const message =
      issue.code !== "invalid_type"
        ? `Argument "${field}" is invalid: ${issue.message}.`
        : sent === undefined
          ? `Argument "${field}" is required (${issue.expected}).`
          : `Argument "${field}" must be a ${issue.expected}, not ${Array.isArray(sent) ? "an array" : `a ${typeof sent}`}.`;
    return { code: "invalid_argument", message, field };
  });
}

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
  const parsed = tool.input.safeParse(args ?? {});
  if (!parsed.success) return failureResult(describeIssues(parsed.error.issues, args));
  try {
    return successResult(await tool.run(parsed.data, new CeligoClient(directory, accountId)));
  } catch (error) {
    if (error instanceof CeligoApiFailure) return failureResult(error.errors, error.status);
    if (error instanceof ToolArgumentError) {
      return failureResult([
        { code: "invalid_argument", message: error.message, field: error.argument },
      ]);
    }
    // Anything else is a sandbox bug: say so without internals.
    return failureResult([
      {
        code: "internal_error",
        message: `${tool.slug} failed inside the sandbox. Try again; if it keeps failing, report it.`,
      },
    ]);
  }
}
