/** Tool Router sessions on one sandbox account, for the cold starts of the cost profile. */
import { createToolRouterSession } from "@celigo-agents/core";
import type { EvalSandbox } from "../runs/eval-context.ts";
import type { Exposure } from "../runs/run-record.ts";
import type { SessionLease } from "./cost-profile.ts";

export async function sandboxSessions(
  sandbox: EvalSandbox,
  scenario: string,
  exposure: Exposure,
): Promise<{ openSession: () => Promise<SessionLease>; close: () => Promise<void> }> {
  const account = await sandbox.createAccount(scenario);
  return {
    openSession: async () => {
      const session = await createToolRouterSession({
        apiKey: account.composioApiKey,
        baseURL: sandbox.baseUrl,
        userId: "eval-profile",
        exposure,
        offline: true,
      });
      return {
        url: session.url,
        headers: session.headers,
        close: async () => {
          await session.delete().catch(() => undefined);
        },
      };
    },
    close: () => sandbox.deleteAccount(account.accountId).catch(() => undefined),
  };
}
