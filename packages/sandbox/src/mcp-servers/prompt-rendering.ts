/**
 * `prompts/get` for a Celigo MCP server: checks the client's arguments against the prompt's
 * declared ones and substitutes them into each `messagesTemplate` entry (`{{name}}`).
 */
import { ErrorCode, McpError, type PromptMessage } from "@modelcontextprotocol/sdk/types.js";

export interface StoredPrompt {
  name: string;
  title?: string;
  description?: string;
  arguments?: { name: string; description?: string; required?: boolean }[];
  messagesTemplate?: {
    role: "user" | "assistant";
    contentType?: string;
    mimeType?: string;
    template: string;
  }[];
}

export function renderPrompt(
  prompt: StoredPrompt,
  values: Record<string, string> = {},
): PromptMessage[] {
  const declared = prompt.arguments ?? [];
  const missing = declared.filter(
    (argument) => argument.required !== false && values[argument.name] === undefined,
  );
  if (missing.length > 0) {
    throw new McpError(
      ErrorCode.InvalidParams,
      `Prompt "${prompt.name}" needs the argument${missing.length === 1 ? "" : "s"} ${missing.map((argument) => `"${argument.name}"`).join(", ")}.`,
    );
  }
  const known = new Set(declared.map((argument) => argument.name));
  const substitute = (template: string) =>
    template.replace(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g, (placeholder, name: string) =>
      known.has(name) ? (values[name] ?? "") : placeholder,
    );
  return (prompt.messagesTemplate ?? []).map((message): PromptMessage => {
    const text = substitute(message.template);
    const mimeType = message.mimeType ?? "application/octet-stream";
    switch (message.contentType) {
      case "image":
        return { role: message.role, content: { type: "image", data: text, mimeType } };
      case "audio":
        return { role: message.role, content: { type: "audio", data: text, mimeType } };
      case "resource":
        return {
          role: message.role,
          content: {
            type: "resource",
            resource: {
              uri: text,
              text,
              ...(message.mimeType ? { mimeType: message.mimeType } : {}),
            },
          },
        };
      default:
        return { role: message.role, content: { type: "text", text } };
    }
  });
}
