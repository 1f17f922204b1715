/**
 * The eval's view of `@celigo-agents/sandbox`, started in process: accounts, settled state
 * snapshots, and reference actions replayed through the toolkit's own handlers.
 */
import { type AccountDirectory, startSandbox } from "@celigo-agents/sandbox";
import type { EvalSandbox, ReferenceAction } from "./eval-context.ts";

/** The toolkit's handler entry point (the same one the MCP tools call). */
type ExecuteTool = (
  directory: AccountDirectory,
  accountId: string,
  slug: string,
  args: Record<string, unknown>,
) => Promise<{ isError?: boolean; content?: unknown }>;

export async function openEvalSandbox(now: string): Promise<EvalSandbox> {
  const sandbox = await startSandbox({ port: 0, now });
  return {
    baseUrl: sandbox.baseUrl,
    createAccount: async (scenario) => sandbox.createAccount({ scenario, now }),
    accountState: async (accountId) => sandbox.accountState(accountId, { settle: true }),
    replay: async (accountId: string, actions: readonly ReferenceAction[]) => {
      if (actions.length === 0) return;
      const executeTool = await loadExecuteTool();
      for (const action of actions) {
        const result = await executeTool(sandbox.directory, accountId, action.tool, action.args);
        if (result.isError) {
          throw new Error(
            `reference action ${action.tool} failed: ${JSON.stringify(result.content ?? result).slice(0, 300)}. Fix the case's expect.state.actions.`,
          );
        }
      }
    },
    deleteAccount: async (accountId) => {
      sandbox.deleteAccount(accountId);
    },
    close: () => sandbox.close(),
  };
}

/** Looked up at run time: read-only cases replay nothing and need no toolkit. */
async function loadExecuteTool(): Promise<ExecuteTool> {
  const sandboxModule: Record<string, unknown> = await import("@celigo-agents/sandbox");
  if (typeof sandboxModule.executeTool !== "function") {
    throw new Error(
      "@celigo-agents/sandbox does not export executeTool, which replays a case's reference actions. Update the sandbox package, or run only cases whose expect.state.actions is empty.",
    );
  }
  return sandboxModule.executeTool as ExecuteTool;
}
