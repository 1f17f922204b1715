/** What the cost profile's parent hands its child process, and what the child reports back. */
import type { ResolvedModel } from "@celigo-agents/core";

export interface ChildTask {
  /** What `import()` loads: a workspace package name or a file URL. */
  moduleSpecifier: string;
  /** The Celigo session the runner connects to for the cold start. */
  session: { url: string; headers: Record<string, string> };
  /** The zero-latency scripted model. */
  model: ResolvedModel;
  instructions: string;
  echoUrl: string;
  /** Echo calls in the measured run. */
  toolCalls: number;
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
