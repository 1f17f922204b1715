import type { StatefulMcpEndpoint } from "../mcp/stateful-mcp-endpoint.ts";

export type Exposure = "router" | "direct";

export const metaToolSlugs = {
  search: "COMPOSIO_SEARCH_TOOLS",
  schemas: "COMPOSIO_GET_TOOL_SCHEMAS",
  execute: "COMPOSIO_MULTI_EXECUTE_TOOL",
  connections: "COMPOSIO_MANAGE_CONNECTIONS",
} as const;

/** What a Tool Router session serves, decided once when it is created. */
export interface RouterSessionConfig {
  userId: string;
  /** Celigo slugs the session may use; undefined = the whole toolkit. */
  allowedSlugs: ReadonlySet<string> | undefined;
  /** Celigo tools listed directly in the MCP tool list (the preload / direct-tools preset). */
  preloadedSlugs: readonly string[];
  /** Meta-tools listed in the MCP tool list. */
  metaTools: readonly string[];
  /** The request's config echoed back the way Composio answers it (`enabled`, not `enable`). */
  echo: Record<string, unknown>;
}

export interface RouterSession {
  id: string;
  accountId: string;
  createdAt: string;
  config: RouterSessionConfig;
  endpoint: StatefulMcpEndpoint;
}

/** direct = Celigo tools served as themselves; router = the meta-tools find and run them. */
export function exposureOf(config: RouterSessionConfig): Exposure {
  return config.preloadedSlugs.length > 0 && config.metaTools.length === 0 ? "direct" : "router";
}

export function mcpPathOf(sessionId: string): string {
  return `/tool_router/${sessionId}/mcp`;
}
