/** A non-terminal progress stream that discards what it gets: tests keep their output clean. */
import { Writable } from "node:stream";

export function discardingStream(): NodeJS.WriteStream {
  const stream = new Writable({
    write: (_chunk, _encoding, done) => done(),
  });
  return Object.assign(stream, { isTTY: false }) as unknown as NodeJS.WriteStream;
}
