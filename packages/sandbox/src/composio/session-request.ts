import { distance } from "fastest-levenshtein";
import { z } from "zod";
import { celigoTools, findCeligoTool } from "../toolkit/celigo-toolkit.ts";
import { metaToolSlugs, type RouterSessionConfig } from "./router-session.ts";

const enableList = z.object({ enable: z.array(z.string()) });
const disableList = z.object({ disable: z.array(z.string()) });
const toolFilter = z.union([
  z.array(z.string()),
  enableList,
  disableList,
  z.object({ tags: z.unknown() }),
]);

/** `POST /api/v3.1/tool_router/session` as `@composio/core` 0.19 sends it; unknown keys ignored. */
export const sessionRequestSchema = z.looseObject({
  user_id: z.string().min(1, "user_id is required"),
  toolkits: z.union([z.array(z.string()), enableList, disableList]).optional(),
  tools: z.record(z.string(), toolFilter).optional(),
  preload: z
    .object({ tools: z.union([z.literal("all"), z.array(z.string())]).optional() })
    .optional(),
  search: z.object({ enable: z.boolean().optional() }).optional(),
  execute: z.object({ enable_multi_execute: z.boolean().optional() }).optional(),
  manage_connections: z
    .looseObject({ enable: z.boolean().optional(), callback_url: z.string().optional() })
    .optional(),
  workbench: z.looseObject({ enable: z.boolean().optional() }).optional(),
  auth_configs: z.record(z.string(), z.string()).optional(),
  connected_accounts: z.record(z.string(), z.array(z.string())).optional(),
});

export type SessionRequest = z.output<typeof sessionRequestSchema>;

/** A request the sandbox cannot serve, with the field to change. */
export class SessionRequestError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = "SessionRequestError";
    this.field = field;
  }
}

function enabledToolkits(request: SessionRequest): string[] {
  const toolkits = request.toolkits;
  const list = Array.isArray(toolkits)
    ? toolkits
    : toolkits !== undefined && "enable" in toolkits
      ? toolkits.enable
      : ["celigo"];
  const unknown = list.filter((toolkit) => toolkit.toLowerCase() !== "celigo");
  if (unknown.length > 0) {
    throw new SessionRequestError(
      "toolkits.enable",
      `The sandbox serves only the celigo toolkit; remove ${unknown.join(", ")} from toolkits.enable.`,
    );
  }
  if (toolkits !== undefined && !Array.isArray(toolkits) && "disable" in toolkits) {
    if (toolkits.disable.some((toolkit) => toolkit.toLowerCase() === "celigo")) {
      throw new SessionRequestError(
        "toolkits.disable",
        "celigo is the only toolkit the sandbox serves; do not disable it.",
      );
    }
  }
  return ["celigo"];
}

function checkSlugs(slugs: readonly string[], field: string): string[] {
  const canonical = slugs.map((slug) => findCeligoTool(slug)?.slug ?? slug);
  const unknown = canonical.filter((slug) => findCeligoTool(slug) === undefined);
  if (unknown.length > 0) {
    const suggestions = unknown.map(
      (slug) => `${slug} (closest: ${closestSlugs(slug).join(", ")})`,
    );
    throw new SessionRequestError(
      field,
      `Unknown Celigo tool slug(s) in ${field}: ${suggestions.join("; ")}. Use CELIGO_* slugs from the toolkit.`,
    );
  }
  return canonical;
}

function allowedSlugsOf(request: SessionRequest): Set<string> | undefined {
  const filter = Object.entries(request.tools ?? {}).find(
    ([toolkit]) => toolkit.toLowerCase() === "celigo",
  )?.[1];
  if (filter === undefined) return undefined;
  if (Array.isArray(filter)) return new Set(checkSlugs(filter, "tools.celigo"));
  if ("enable" in filter) return new Set(checkSlugs(filter.enable, "tools.celigo.enable"));
  if ("disable" in filter) {
    const disabled = new Set(checkSlugs(filter.disable, "tools.celigo.disable"));
    return new Set(celigoTools.map((tool) => tool.slug).filter((slug) => !disabled.has(slug)));
  }
  throw new SessionRequestError(
    "tools.celigo.tags",
    "The sandbox does not filter Celigo tools by tags; list slugs in tools.celigo.enable instead.",
  );
}

/** Turns the request into what the session serves, or throws `SessionRequestError`. */
export function sessionConfigOf(request: SessionRequest): RouterSessionConfig {
  const toolkits = enabledToolkits(request);
  const allowed = allowedSlugsOf(request);
  const allowedList = celigoTools
    .map((tool) => tool.slug)
    .filter((slug) => allowed === undefined || allowed.has(slug));
  const preload = request.preload?.tools;
  const preloadedSlugs =
    preload === "all"
      ? allowedList
      : checkSlugs(preload ?? [], "preload.tools").filter(
          (slug) => allowed === undefined || allowed.has(slug),
        );
  const searchEnabled = request.search?.enable !== false;
  const metaTools = [
    ...(searchEnabled ? [metaToolSlugs.search, metaToolSlugs.schemas] : []),
    ...(request.execute?.enable_multi_execute === false ? [] : [metaToolSlugs.execute]),
    ...(request.manage_connections?.enable === false ? [] : [metaToolSlugs.connections]),
  ];
  return {
    userId: request.user_id,
    allowedSlugs: allowed,
    preloadedSlugs,
    metaTools,
    echo: {
      user_id: request.user_id,
      toolkits: { enabled: toolkits },
      ...(allowed === undefined ? {} : { tools: { celigo: { enabled: [...allowed] } } }),
      preload: { tools: preload ?? [] },
      manage_connections: { enable: request.manage_connections?.enable !== false },
      workbench: { enable: false },
      search: { enable: searchEnabled },
      execute: { enable_multi_execute: request.execute?.enable_multi_execute !== false },
    },
  };
}

/** The three toolkit slugs nearest to a misspelt one, by edit distance. */
function closestSlugs(slug: string): string[] {
  return celigoTools
    .map((tool) => ({ slug: tool.slug, distance: distance(slug.toUpperCase(), tool.slug) }))
    .sort((left, right) => left.distance - right.distance)
    .slice(0, 3)
    .map((candidate) => candidate.slug);
}
