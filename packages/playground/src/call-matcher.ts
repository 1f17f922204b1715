/**
 * Run events carry no call id: an end belongs to the earliest started call of the same name
 * and arguments still running (frameworks may run calls in parallel).
 */
export class CallMatcher {
  readonly #running: Array<{ id: string; key: string; name: string }> = [];
  readonly #newId: () => string;

  constructor(newId: () => string) {
    this.#newId = newId;
  }

  started(name: string, callArguments: unknown): string {
    const id = this.#newId();
    this.#running.push({ id, name, key: `${name}\u0000${JSON.stringify(callArguments)}` });
    return id;
  }

  ended(name: string, callArguments: unknown): string {
    const key = `${name}\u0000${JSON.stringify(callArguments)}`;
    let index = this.#running.findIndex((call) => call.key === key);
    if (index === -1) index = this.#running.findIndex((call) => call.name === name);
    if (index === -1) return this.#newId();
    const [call] = this.#running.splice(index, 1);
    return call?.id ?? this.#newId();
  }
}
