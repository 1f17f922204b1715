import type { AccountRegistry } from "../account-registry.ts";
import type { Account } from "../store/account.ts";

/** Hono context variables of the /v1 API: the authenticated account. */
export interface ApiEnv {
  Variables: {
    account: Account;
  };
}

export interface ApiContextOptions {
  registry: AccountRegistry;
}
