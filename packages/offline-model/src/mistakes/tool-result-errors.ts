/**
 * Whether a tool result, as a framework fed it back, says the call failed: an MCP `isError`
 * result, a Composio envelope with `successful: false`, a framework's own rejection
 * (`{error: true, message}`), or a plain-text error ("Tool 'x' not found.", "Error: …").
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// The last three are the baseline app's own words (apps/baseline/src/runner.ts).
const errorWords =
  /^(error|failed)\b|\bthere is no tool named\b|\bare not a JSON object\b|^the tool call failed\b|\bexception\b|\breturned an error\b|\bnot found\b|\bnot a valid tool\b|\ban error occurred\b|\binvalid\b|\bvalidation (failed|error)\b|\bdid not match\b|\bparsing tool arguments\b|\bunavailable tool\b|\bno such tool\b/i;

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function failed(value: unknown, depth: number): boolean {
  if (depth > 4) return false;
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (/^[[{"]/.test(trimmed)) {
      const parsed = parse(trimmed);
      if (parsed !== trimmed) return failed(parsed, depth + 1);
    }
    return errorWords.test(trimmed);
  }
  if (Array.isArray(value)) {
    // MCP content parts: the text of every text part.
    const texts = value.flatMap((part) =>
      isObject(part) && typeof part.text === "string" ? [part.text] : [],
    );
    return texts.length > 0 && failed(texts.join(""), depth + 1);
  }
  if (!isObject(value)) return false;
  if (value.isError === true || value.successful === false || value.error === true) return true;
  // `{error: "AI_NoSuchToolError: …"}`: an error message with no successful data beside it.
  if (typeof value.error === "string" && value.error.trim() && value.successful !== true) {
    return true;
  }
  if (typeof value.type === "string" && /error/i.test(value.type)) return true;
  if (Array.isArray(value.content) && !("data" in value)) return failed(value.content, depth + 1);
  // A router call whose every tool failed, even when its envelope says it ran.
  const results = isObject(value.data) ? value.data.results : undefined;
  if (Array.isArray(results) && results.length > 0) {
    return results.every((item) => isObject(item) && failed(item.response ?? item, depth + 1));
  }
  return false;
}

export function isErrorResult(text: string): boolean {
  return failed(text, 0);
}

/** A call that never ran because a person or policy refused it ("Tool execution was not approved."). */
export function isRefusalResult(text: string): boolean {
  return /\b(not approved|refused|denied|declined|rejected)\b/i.test(text);
}
