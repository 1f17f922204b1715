import type { ConversationMessage } from "../conversation.ts";

/**
 * Responses kept for `previous_response_id`, oldest evicted first, so a long-running server's
 * memory stays bounded.
 */
export class ResponseStore {
  readonly #entries = new Map<string, ConversationMessage[]>();
  readonly #limit: number;

  constructor(limit = 1_000) {
    this.#limit = limit;
  }

  get(id: string): ConversationMessage[] | undefined {
    return this.#entries.get(id);
  }

  set(id: string, messages: ConversationMessage[]): void {
    this.#entries.delete(id);
    this.#entries.set(id, messages);
    while (this.#entries.size > this.#limit) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}
