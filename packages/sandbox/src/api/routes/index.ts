import type { Hono } from "hono";
import type { ApiEnv } from "../api-env.ts";
import { registerAccountInfoRoutes } from "./account-info.ts";
import { registerConnectionRoutes } from "./connections.ts";
import { registerExportAndImportRoutes } from "./exports-and-imports.ts";
import { registerFlowErrorRoutes } from "./flow-errors.ts";
import { registerFlowRoutes } from "./flows.ts";
import { registerIntegrationRoutes } from "./integrations.ts";
import { registerJobRoutes } from "./jobs.ts";
import { registerLibraryRoutes } from "./library-resources.ts";
import { registerMcpServerRoutes } from "./mcp-servers.ts";
import { registerScopedResourceRoutes } from "./scoped-resources.ts";
import { registerStateRoutes } from "./state.ts";
import { registerUserRoutes } from "./users.ts";

export type RouteRegistration = (api: Hono<ApiEnv>) => void;

/**
 * Every /v1 route family, registered in this order. A new family is one file and one line here;
 * the generic `/{resourceType}/{id}/…` families stay last so specific routes win.
 */
export const routeRegistrations: readonly RouteRegistration[] = [
  registerAccountInfoRoutes,
  registerIntegrationRoutes,
  registerFlowRoutes,
  registerFlowErrorRoutes,
  registerConnectionRoutes,
  registerExportAndImportRoutes,
  registerJobRoutes,
  registerUserRoutes,
  registerLibraryRoutes,
  registerMcpServerRoutes,
  registerStateRoutes,
  registerScopedResourceRoutes,
];
