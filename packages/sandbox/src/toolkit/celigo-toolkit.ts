import { connectionTools } from "./connection-tools.ts";
import { exportAndImportTools } from "./export-import-tools.ts";
import { fileProcessingTools } from "./file-processing-tools.ts";
import { flowTools } from "./flow-tools.ts";
import { integrationTools } from "./integration-tools.ts";
import { jobAndErrorTools } from "./job-and-error-tools.ts";
import { libraryTools } from "./library-tools.ts";
import { scriptAndIClientTools } from "./script-and-iclient-tools.ts";
import { stateTools } from "./state-tools.ts";
import type { CeligoTool } from "./tool-definition.ts";
import { userTools } from "./user-tools.ts";
import { virtualTools } from "./virtual-tools.ts";

/** All 117 tools of Composio's Celigo toolkit, sorted by slug as Composio lists them. */
export const celigoTools: readonly CeligoTool[] = [
  ...integrationTools,
  ...flowTools,
  ...exportAndImportTools,
  ...connectionTools,
  ...jobAndErrorTools,
  ...stateTools,
  ...userTools,
  ...scriptAndIClientTools,
  ...libraryTools,
  ...fileProcessingTools,
  ...virtualTools,
].sort((left, right) => left.slug.localeCompare(right.slug));

const toolsBySlug = new Map<string, CeligoTool>(celigoTools.map((tool) => [tool.slug, tool]));

/** The tool with this slug; slugs are matched case-insensitively, as Composio does. */
export function findCeligoTool(slug: string): CeligoTool | undefined {
  return toolsBySlug.get(slug.toUpperCase());
}
