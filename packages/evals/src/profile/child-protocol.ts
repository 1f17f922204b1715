/** What the cost profile's parent hands its child processes, and what they report back. */
import type { ResolvedModel } from "@celigo-agents/core";

export interface ChildTask {
  /** What `import()` loads: a workspace package name or a file URL. */
  moduleSpecifier: string;
  /** The zero-latency scripted model. */
  model: ResolvedModel;
  instructions: string;
  /** The echo MCP server: the runner is ready once connected to it with its tool listed. */
  echoUrl: string;
  /** Echo calls in the measured run. */
  toolCalls: number;
}

/** From profile-servers.ts once both servers listen. */
export interface ServersMessage {
  type: "servers";
  modelBaseURL: string;
  echoUrl: string;
}

export type ChildMessage =
  | { type: "ready" }
  | {
      type: "result";
      /** `performance.now()` when each tool call ended, in order. */
      toolCallEnds: number[];
      failedCalls: number;
      error?: string | undefined;
      /** Peak resident set size of the child process, in KiB (`process.resourceUsage().maxRSS`). */
      maxRssKb: number;
    }
  | { type: "error"; message: string };
