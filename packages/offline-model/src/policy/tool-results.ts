/**
 * Reading tool results tolerantly: JSON text, possibly wrapped in Composio's
 * `{ data, successful, error }`, in MCP content parts, or JSON inside a JSON string.
 */

export type JsonObject = Record<string, unknown>;

export interface ParsedResult {
  ok: boolean;
  data: unknown;
  /** The error text when the tool failed. */
  error?: string;
  /** The call never ran: a person or policy refused it. */
  refused: boolean;
}

const refusalPattern =
  /\b(refused|denied|declined|rejected|not approved|did not approve|was not allowed)\b/i;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Unwraps MCP content arrays and JSON strings until a value that is not a wrapper remains. */
function unwrapText(value: unknown): unknown {
  let current = value;
  for (let depth = 0; depth < 4; depth++) {
    if (typeof current === "string") {
      const trimmed = current.trim();
      if (!/^[[{"]/.test(trimmed)) return current;
      const parsed = parseJson(trimmed);
      if (parsed === current) return current;
      current = parsed;
    } else if (
      Array.isArray(current) &&
      current.length > 0 &&
      current.every(
        (part) => isObject(part) && part.type === "text" && typeof part.text === "string",
      )
    ) {
      current = current.map((part) => (part as { text: string }).text).join("");
    } else if (isObject(current) && Array.isArray(current.content) && !("data" in current)) {
      if (current.isError === true)
        return { successful: false, error: unwrapText(current.content) };
      current = current.content;
    } else {
      return current;
    }
  }
  return current;
}

function errorText(value: unknown): string {
  if (typeof value === "string") return value;
  if (isObject(value) && typeof value.message === "string") return value.message;
  if (isObject(value) && Array.isArray(value.errors)) {
    return value.errors.map(errorText).join("; ");
  }
  return JSON.stringify(value);
}

/** A Composio-style envelope `{ data, successful, error }` becomes its parts. */
export function readEnvelope(value: unknown): ParsedResult {
  const unwrapped = unwrapText(value);
  if (typeof unwrapped === "string") {
    const refused = refusalPattern.test(unwrapped);
    const failed = refused || /^(error|failed)\b/i.test(unwrapped.trim());
    return failed
      ? { ok: false, data: undefined, error: unwrapped, refused }
      : { ok: true, data: unwrapped, refused: false };
  }
  if (isObject(unwrapped) && ("successful" in unwrapped || "successfull" in unwrapped)) {
    const successful = unwrapped.successful ?? unwrapped.successfull;
    const data = unwrapText(unwrapped.data);
    if (
      successful === false ||
      (unwrapped.error !== null && unwrapped.error !== undefined && successful !== true)
    ) {
      const error = errorText(unwrapped.error ?? data);
      return { ok: false, data, error, refused: refusalPattern.test(error) };
    }
    return { ok: true, data, refused: false };
  }
  // Frameworks report calls they rejected themselves this way (Mastra's argument validation).
  if (isObject(unwrapped) && unwrapped.error === true && typeof unwrapped.message === "string") {
    const error = unwrapped.message;
    return { ok: false, data: undefined, error, refused: refusalPattern.test(error) };
  }
  if (
    isObject(unwrapped) &&
    Array.isArray(unwrapped.errors) &&
    Object.keys(unwrapped).length === 1
  ) {
    return { ok: false, data: unwrapped, error: errorText(unwrapped), refused: false };
  }
  return { ok: true, data: unwrapped, refused: false };
}

/** Every object (at any depth) that passes the test, in document order. */
export function findObjects(value: unknown, test: (object: JsonObject) => boolean, limit = 5_000) {
  const found: JsonObject[] = [];
  const visit = (node: unknown, depth: number) => {
    if (found.length >= limit || depth > 8) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
    } else if (isObject(node)) {
      if (test(node)) found.push(node);
      for (const child of Object.values(node)) visit(child, depth + 1);
    }
  };
  visit(value, 0);
  return found;
}

/** Objects with an `_id` and a `name`: what names are resolved against. */
export function namedObjects(value: unknown): JsonObject[] {
  return findObjects(
    value,
    (object) => typeof object._id === "string" && typeof object.name === "string",
  );
}

export function text(object: JsonObject | undefined, key: string): string | undefined {
  const value = object?.[key];
  return typeof value === "string" ? value : undefined;
}

export function count(object: JsonObject | undefined, key: string): number {
  const value = object?.[key];
  return typeof value === "number" ? value : 0;
}
