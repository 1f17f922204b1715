/**
 * The names of records the agent has seen, learned from tool results, so an approval question
 * can say "Shopify Order to NetSuite Sales Order" where the call only carries its id.
 */
const maxNames = 10_000;
const maxNodesPerResult = 20_000;

export class RecordNames {
  readonly #names = new Map<string, string>();

  /** Reads every `{ _id | id, name }` pair in a tool result (MCP text content is JSON-parsed). */
  learn(result: unknown): void {
    const queue: unknown[] = [result];
    for (let visited = 0; queue.length > 0 && visited < maxNodesPerResult; visited += 1) {
      const value = queue.pop();
      if (typeof value === "string") {
        if (/^\s*[[{]/.test(value)) queue.push(parseOrUndefined(value));
        continue;
      }
      if (typeof value !== "object" || value === null) continue;
      if (Array.isArray(value)) {
        queue.push(...value);
        continue;
      }
      const fields = value as Record<string, unknown>;
      const id = fields._id ?? fields.id;
      if (typeof id === "string" && typeof fields.name === "string" && fields.name.trim()) {
        if (this.#names.size < maxNames || this.#names.has(id)) this.#names.set(id, fields.name);
      }
      queue.push(...Object.values(fields));
    }
  }

  /** The record's name, when a result showed it. */
  name(id: string): string | undefined {
    return this.#names.get(id);
  }

  /** "Shopify Order to NetSuite Sales Order", or the id itself when no result named it. */
  label(id: string): string {
    return this.#names.get(id) ?? id;
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
