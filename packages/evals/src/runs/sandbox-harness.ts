/**
 * The eval's view of `@celigo-agents/sandbox`, started in process: accounts, settled state
 * snapshots, and reference actions replayed through the toolkit's own handlers (`executeTool`,
 * the entry point the agents' MCP tools reach too).
 */
import { executeTool, startSandbox } from "@celigo-agents/sandbox";
import type { EvalSandbox, ReferenceAction } from "./eval-context.ts";

export async function openEvalSandbox(now: string): Promise<EvalSandbox> {
  // Celigo's per-account rate limit stays on: each run has its own account, as in production.
  const sandbox = await startSandbox({ port: 0, now });
  return {
    baseUrl: sandbox.baseUrl,
    createAccount: async (scenario) => sandbox.createAccount({ scenario, now }),
    accountState: async (accountId) => sandbox.accountState(accountId, { settle: true }),
    replay: async (accountId: string, actions: readonly ReferenceAction[]) => {
      for (const action of actions) {
        const result = await executeTool(sandbox.directory, accountId, action.tool, action.args);
        if (result.isError) {
          throw new Error(
            `reference action ${action.tool} failed: ${JSON.stringify(result.content).slice(0, 300)}. Fix the case's expect.state.actions.`,
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
