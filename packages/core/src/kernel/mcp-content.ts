/**
 * MCP tool results as frameworks hand them over: `{ content: [{ type: "text", text }], isError,
 * structuredContent }`, or only the content blocks. Runners record the data, not the envelope.
 */
import { parseJsonText } from "./tool-calls.ts";

interface ContentBlock {
  type?: unknown;
  text?: unknown;
}

/** The text of content blocks (a string stays as it is). */
export function mcpContentText(content: string | readonly ContentBlock[]): string {
  if (typeof content === "string") return content;
  return content.map((block) => (block.type === "text" ? String(block.text ?? "") : "")).join("");
}

/** Structured content when the server sent it, else the text content (parsed when JSON). */
export function mcpToolResult(output: unknown): unknown {
  if (typeof output !== "object" || output === null) return output;
  const result = output as { content?: unknown; structuredContent?: unknown };
  if (result.structuredContent !== undefined) return result.structuredContent;
  if (!Array.isArray(result.content)) return output;
  return parseJsonText(mcpContentText(result.content));
}

/** MCP reports a failed call as a result with `isError: true`, not as an exception. */
export function isMcpErrorResult(output: unknown): boolean {
  return (
    typeof output === "object" &&
    output !== null &&
    (output as { isError?: unknown }).isError === true
  );
}
