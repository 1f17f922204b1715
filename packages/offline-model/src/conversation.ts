/**
 * The wire-neutral view of one model request: both OpenAI APIs are translated into this before
 * the policy sees them, and the policy's turn is translated back.
 */
export interface OfferedTool {
  /** The name exactly as the framework sent it (may carry a prefix or be rewritten). */
  name: string;
  description: string;
  /** The JSON Schema of the tool's input, as sent. */
  parameters: Record<string, unknown>;
}

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text, as it travels on the wire. */
  arguments: string;
}

export type ConversationMessage =
  | { role: "system"; text: string }
  | { role: "user"; text: string }
  | { role: "assistant"; text: string; toolCalls: ToolCall[] }
  | { role: "tool"; toolCallId: string; text: string };

export interface Conversation {
  messages: ConversationMessage[];
  tools: OfferedTool[];
}

/** What the model says in one turn: words, or tool calls (several means parallel calls). */
export type ModelTurn =
  | { kind: "text"; text: string }
  | { kind: "tool-calls"; calls: Array<{ name: string; arguments: string }> };
