import type { ApiRequest, ApiResponse } from "../account-directory.ts";
import { type RunningSandbox, startSandbox } from "../server.ts";

/** A fixed "now" so tests see the same scenario every run. */
export const testNow = "2025-03-14T15:00:00.000Z";

export interface SandboxFixture {
  sandbox: RunningSandbox;
  accountId: string;
  /** Calls /v1 as the default account, through the same app as HTTP. */
  call(
    method: ApiRequest["method"],
    path: string,
    body?: unknown,
    query?: ApiRequest["query"],
  ): Promise<ApiResponse>;
}

/** Starts a small-scenario sandbox without rate limiting; close it with `fixture.sandbox.close()`. */
export async function startTestSandbox(
  options: Parameters<typeof startSandbox>[0] = {},
): Promise<SandboxFixture> {
  const sandbox = await startSandbox({
    scenario: "small",
    now: testNow,
    rateLimit: false,
    ...options,
  });
  const accountId = sandbox.defaultAccount.accountId;
  return {
    sandbox,
    accountId,
    call: (method, path, body, query) =>
      sandbox.directory.callApi(accountId, { method, path, body, query }),
  };
}
