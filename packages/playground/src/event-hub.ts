/**
 * The page's state on the server side and its subscribers: every event is applied here with
 * the page's own reducer, then sent to each open page, so a page that connects late starts
 * from a snapshot that matches what the others show.
 */
import {
  applyEvent,
  type ColumnView,
  type PlaygroundEvent,
  type PlaygroundInfo,
} from "./column-view.ts";

export type Subscriber = (event: PlaygroundEvent) => void;

export class EventHub {
  readonly info: PlaygroundInfo;
  #columns: ColumnView[];
  readonly #subscribers = new Set<Subscriber>();

  constructor(info: PlaygroundInfo) {
    this.info = info;
    this.#columns = info.runners.map((runner) => ({ runner, status: "preparing", turns: [] }));
  }

  get columns(): readonly ColumnView[] {
    return this.#columns;
  }

  dispatch(event: PlaygroundEvent): void {
    this.#columns = applyEvent(this.#columns, event);
    for (const subscriber of this.#subscribers) subscriber(event);
  }

  snapshot(): PlaygroundEvent {
    return { type: "snapshot", info: this.info, columns: this.#columns };
  }

  subscribe(subscriber: Subscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }
}
