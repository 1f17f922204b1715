/**
 * Extra API tokens of an account, for MCP clients: `full` reaches every MCP server of the
 * account, `custom` only the servers in `_mcpServerIds`. Celigo's token resource is not public;
 * this shape follows its custom-scope tokens, which list the resources they may reach
 * (`_connectionIds`, `_exportIds`, … here `_mcpServerIds`). In the sandbox these tokens open
 * `/mcp/*` only; `/v1` keeps using the account's own token.
 */
import { randomBytes } from "node:crypto";
import type { AccountRegistry } from "../account-registry.ts";
import type { Account } from "../store/account.ts";
import type { StoredDocument } from "../store/resource-types.ts";

export interface AccessTokenDocument extends StoredDocument {
  name: string;
  scope: "full" | "custom";
  _mcpServerIds: string[];
  token: string;
  revoked?: boolean;
}

/** Every account's extra tokens by token value, checked against the registry on each lookup. */
const tokenIndex = new Map<string, { account: Account; tokenId: string }>();
const tokensByAccount = new WeakMap<Account, Map<string, AccessTokenDocument>>();

export function accessTokens(account: Account): Map<string, AccessTokenDocument> {
  let tokens = tokensByAccount.get(account);
  if (tokens === undefined) {
    tokens = new Map();
    tokensByAccount.set(account, tokens);
  }
  return tokens;
}

export function newTokenValue(): string {
  return randomBytes(16).toString("hex");
}

export function indexToken(account: Account, document: AccessTokenDocument): void {
  tokenIndex.set(document.token, { account, tokenId: document._id });
}

/** The account and token document of an extra token that is live (not revoked, account kept). */
export function findAccessToken(
  registry: AccountRegistry,
  token: string,
): { account: Account; document: AccessTokenDocument } | undefined {
  const entry = tokenIndex.get(token);
  if (entry === undefined) return undefined;
  if (registry.runtime(entry.account.id) !== entry.account) {
    tokenIndex.delete(token);
    return undefined;
  }
  const document = accessTokens(entry.account).get(entry.tokenId);
  if (document === undefined || document.revoked === true) return undefined;
  return { account: entry.account, document };
}

export function tokenReaches(document: AccessTokenDocument, serverId: string): boolean {
  return document.scope === "full" || document._mcpServerIds.includes(serverId);
}
