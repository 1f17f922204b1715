/**
 * An app's interactive chat in a real pseudo-terminal, driven the way a person types: `script`
 * (util-linux, on every Debian and most Linux machines) gives the child a terminal, so readline
 * runs in raw mode and Ctrl-C arrives as the key press it is.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";

export interface ChatTerminal {
  /** Everything the terminal showed so far, without colours or cursor codes. */
  readonly screen: string;
  /** Types text; `\r` is Enter and `\x03` is Ctrl-C. */
  type(text: string): void;
  /** Resolves once `text` appears after `from` (an offset in `screen`); returns the offset after it. */
  waitFor(text: string, from?: number, timeoutMs?: number): Promise<number>;
  /** Resolves with the exit code once the chat has exited. */
  exited: Promise<number | null>;
  kill(): void;
}

export function openChatTerminal(options: {
  appDirectory: string | URL;
  environment: Record<string, string>;
}): ChatTerminal {
  const cwd =
    options.appDirectory instanceof URL
      ? fileURLToPath(options.appDirectory)
      : options.appDirectory;
  const command = `${process.execPath} --import tsx src/main.ts`;
  // util-linux installs `script` here on Debian; the child's environment is only what is given.
  const child: ChildProcessWithoutNullStreams = spawn(
    "/usr/bin/script",
    ["-qfec", command, "/dev/null"],
    {
      cwd,
      env: { TERM: "xterm", NO_COLOR: "1", ...options.environment },
    },
  );
  let raw = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    raw += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    raw += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  const terminal: ChatTerminal = {
    get screen() {
      return stripVTControlCharacters(raw);
    },
    type: (text) => child.stdin.write(text),
    waitFor: (text, from = 0, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          const index = terminal.screen.indexOf(text, from);
          if (index >= 0) {
            clearInterval(poll);
            resolve(index + text.length);
          } else if (Date.now() - started > timeoutMs) {
            clearInterval(poll);
            reject(
              new Error(`"${text}" did not appear within ${timeoutMs} ms:\n${terminal.screen}`),
            );
          }
        }, 25);
      }),
    exited,
    kill: () => child.kill("SIGKILL"),
  };
  return terminal;
}
