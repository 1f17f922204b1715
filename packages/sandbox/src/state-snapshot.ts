import { publicError } from "./api/routes/flow-errors.ts";
import { accessTokens } from "./mcp-servers/access-tokens.ts";
import { maskedSecret } from "./mcp-servers/masked-secret.ts";
import { mcpServerCollections } from "./mcp-servers/mcp-server-collections.ts";
import { settleAccount } from "./simulation/simulator.ts";
import type { Account } from "./store/account.ts";
import type { StoredDocument } from "./store/resource-types.ts";

/**
 * A normalized snapshot of an account for graders: every collection sorted by id, every object's
 * keys sorted, no tokens or process data. The sandbox's own error fields (step, cause) are kept,
 * since graders need them. MCP servers (soft-deleted ones too, with `deletedAt`), the Tools and
 * APIs they reference and the MCP access tokens are included with their secrets masked.
 */
export function accountSnapshot(account: Account, options: { settle?: boolean } = {}): unknown {
  if (options.settle === true) settleAccount(account);
  const { data } = account;
  const collections = Object.fromEntries(
    Object.entries(data.documents).map(([name, store]) => [name, byId(store.values())]),
  );
  const errors = [...data.errors.values()]
    .sort((a, b) => a.errorId.localeCompare(b.errorId))
    .map((error) => ({
      ...publicError(error),
      _flowId: error._flowId,
      _stepId: error._stepId,
      cause: error.cause,
      tags: error.tags,
      resolved: error.resolvedAt !== undefined,
    }));
  const sortedMap = (map: Map<string, unknown>) =>
    Object.fromEntries([...map.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return sortKeys({
    scenario: account.scenario,
    startedAt: new Date(account.startMs).toISOString(),
    owner: account.owner,
    ...collections,
    flows: byId(data.flows.values()),
    ...mcpServerState(account),
    jobs: byId(data.jobs.values()),
    errors,
    audit: byId(data.audit),
    state: {
      global: sortedMap(data.globalState),
      resources: Object.fromEntries(
        [...data.resourceState.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, map]) => [key, sortedMap(map)]),
      ),
    },
    scriptLogs: sortedMap(data.scriptLogs),
    lastExportDateTimes: sortedMap(data.lastExportDateTimes),
    pendingJobIds: [...account.pendingRuns.keys()].sort(),
  });
}

function byId<T extends { _id: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => a._id.localeCompare(b._id));
}

function mcpServerState(account: Account) {
  const { mcpservers, tools, apis } = mcpServerCollections(account);
  return {
    mcpservers: byId(mcpservers.values()).map(maskClientSecret),
    tools: byId(tools.values()),
    apis: byId(apis.values()),
    accesstokens: byId(accessTokens(account).values()).map((token) => ({
      ...token,
      token: maskedSecret,
    })),
  };
}

/** As `/v1/mcpservers` answers: a set secret shows as `******`, its value never leaves. */
function maskClientSecret(server: StoredDocument): StoredDocument {
  const oauth = server.oauth as Record<string, unknown> | undefined;
  if (oauth?.clientSecret === undefined || oauth.clientSecret === null) return server;
  return { ...server, oauth: { ...oauth, clientSecret: maskedSecret } };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
