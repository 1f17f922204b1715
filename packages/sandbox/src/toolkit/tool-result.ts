import type { CeligoErrorItem } from "./celigo-client.ts";

/** Composio's execution answer: `data`, `successful`, and an error message or null. */
export interface ComposioToolAnswer {
  [field: string]: unknown;
  data: unknown;
  successful: boolean;
  error: string | null;
}

/** An MCP `tools/call` result: JSON text for every client, the same object as structuredContent. */
export interface ToolResult {
  [field: string]: unknown;
  content: { type: "text"; text: string }[];
  structuredContent: ComposioToolAnswer;
  isError?: boolean;
}

/** Answers beyond this many characters are cut: tools page with limit/offset or cursors. */
export const maximumAnswerCharacters = 200_000;

function resultOf(answer: ComposioToolAnswer): ToolResult {
  let text = JSON.stringify(answer);
  let structured = answer;
  if (text.length > maximumAnswerCharacters) {
    const note = `The answer was ${text.length} characters and was cut to ${maximumAnswerCharacters}. Ask for less: use limit/offset (or the cursor argument) or narrower filters.`;
    structured = {
      data: { truncated: true, note, preview: text.slice(0, maximumAnswerCharacters) },
      successful: answer.successful,
      error: answer.error,
    };
    text = JSON.stringify(structured);
  }
  return {
    content: [{ type: "text", text }],
    structuredContent: structured,
    ...(answer.successful ? {} : { isError: true }),
  };
}

export function successResult(data: unknown): ToolResult {
  return resultOf({ data: data ?? null, successful: true, error: null });
}

/** A failed call: Celigo's `errors[]` in `data`, their messages joined in `error`. */
export function failureResult(errors: CeligoErrorItem[], status?: number): ToolResult {
  const message = errors.map((error) => error.message).join(" ");
  return resultOf({
    data: { ...(status === undefined ? {} : { status }), errors },
    successful: false,
    error: message,
  });
}
