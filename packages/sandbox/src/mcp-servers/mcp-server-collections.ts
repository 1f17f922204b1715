/**
 * An account's MCP servers, Tools and APIs. They live beside the account's other collections
 * (keyed by the account, so they go when it goes) and start with the ready-made Tools and APIs of
 * `builtin-actions.ts`, whose ids come from their own seeded sequence: same scenario and "now",
 * same ids, however late the collections are first read.
 */
import { ObjectIdGenerator } from "../scenarios/object-id-generator.ts";
import type { Account } from "../store/account.ts";
import type { StoredDocument } from "../store/resource-types.ts";
import { builtinActions } from "./builtin-actions.ts";

export interface McpServerCollections {
  mcpservers: Map<string, StoredDocument>;
  tools: Map<string, StoredDocument>;
  apis: Map<string, StoredDocument>;
}

const collectionsByAccount = new WeakMap<Account, McpServerCollections>();
/** The ready-made resources were set up a month before the scenario's "now". */
const setupAgeMs = 30 * 86_400_000;

export function mcpServerCollections(account: Account): McpServerCollections {
  let collections = collectionsByAccount.get(account);
  if (collections === undefined) {
    collections = seedCollections(account);
    collectionsByAccount.set(account, collections);
  }
  return collections;
}

function seedCollections(account: Account): McpServerCollections {
  const ids = new ObjectIdGenerator(`${account.seed}|mcp-servers`);
  const atMs = account.startMs - setupAgeMs;
  const time = new Date(atMs).toISOString();
  const collections: McpServerCollections = {
    mcpservers: new Map(),
    tools: new Map(),
    apis: new Map(),
  };
  const add = (store: Map<string, StoredDocument>, fields: Record<string, unknown>) => {
    const document: StoredDocument = {
      _id: ids.next(atMs),
      ...fields,
      createdAt: time,
      lastModified: time,
    };
    store.set(document._id, document);
  };
  for (const action of builtinActions) {
    const common = { name: action.name, description: action.description, sandboxAction: action.id };
    if (action.kind === "tool") {
      add(collections.tools, { ...common, input: { schema: action.inputSchema } });
    } else {
      add(collections.apis, { ...common, type: "builder", input: { schema: action.inputSchema } });
    }
  }
  // A script-mode API, which Celigo refuses to expose over MCP.
  add(collections.apis, {
    name: "Order status (script)",
    description: "Returns an order's status from a JavaScript handler.",
    type: "script",
    _scriptId: ids.next(atMs),
  });
  return collections;
}
