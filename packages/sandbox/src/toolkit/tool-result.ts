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

/**
 * An error message beyond this many characters is cut: the start names what went wrong, and an
 * echoed argument (a 900 KB id) adds nothing but tokens.
 */
export const maximumErrorMessageCharacters = 2_000;

/** The text itself, or its start and a note of how long it was. */
export function cutText(text: string, maximum: number): string {
  if (text.length <= maximum) return text;
  return `${text.slice(0, maximum)}… [cut: ${text.length} characters in all]`;
}

/**
 * The MCP result of an answer. An answer whose JSON is longer than `maximumAnswerCharacters`
 * becomes a preview of that JSON's first characters, sized so the whole result (note, error and
 * preview, once encoded) fits; the note says how much of the answer the preview holds.
 */
export function toolResult(answer: ComposioToolAnswer): ToolResult {
  const full = JSON.stringify(answer);
  let text = full;
  let structured = answer;
  if (full.length > maximumAnswerCharacters) {
    const error =
      answer.error === null ? null : cutText(answer.error, maximumErrorMessageCharacters);
    let previewLength = maximumAnswerCharacters;
    for (;;) {
      const note = `The answer was ${full.length} characters; preview holds its first ${previewLength} (JSON cut mid-value). Ask for less: use limit/offset (or the cursor argument) or narrower filters.`;
      structured = {
        data: { truncated: true, note, preview: full.slice(0, previewLength) },
        successful: answer.successful,
        error,
      };
      text = JSON.stringify(structured);
      if (text.length <= maximumAnswerCharacters) break;
      // Escaping makes the encoded preview longer than the slice: shrink by the overshoot.
      previewLength = Math.max(0, previewLength - (text.length - maximumAnswerCharacters));
    }
  }
  return {
    content: [{ type: "text", text }],
    structuredContent: structured,
    ...(answer.successful ? {} : { isError: true }),
  };
}

export function successResult(data: unknown): ToolResult {
  return toolResult({ data: data ?? null, successful: true, error: null });
}

/** A failed call: Celigo's `errors[]` in `data` (long messages cut), their messages joined in `error`. */
export function failureResult(errors: CeligoErrorItem[], status?: number): ToolResult {
  const cut = errors.map((error) => ({
    ...error,
    message: cutText(error.message, maximumErrorMessageCharacters),
  }));
  const message = cut.map((error) => error.message).join(" ");
  return toolResult({
    data: { ...(status === undefined ? {} : { status }), errors: cut },
    successful: false,
    error: message,
  });
}
