/**
 * The terminal front end every app shares: `runChat(createRunner)` is the whole of an app's
 * main file. With a prompt argument it answers once and exits; without one it opens a REPL.
 */
import { createInterface, type Interface } from "node:readline/promises";
import { parseArgs } from "node:util";
import colors from "picocolors";
import { type AgentContext, openAgentContext } from "./agent-context.ts";
import { CeligoAgentsError, describeError } from "./errors.ts";
import type { AgentRunner, ApprovalRequest, CreateRunner, RunEvent, RunResult } from "./runner.ts";

export interface ChatOptions {
  argv?: string[];
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Whether a person can answer approval prompts; defaults to stdin being a TTY. */
  interactive?: boolean;
  /** Builds the session and model; tests of the terminal behaviour pass their own. */
  openContext?: () => Promise<AgentContext>;
}

const usage = `Usage: pnpm chat <framework> ["prompt"] [--allow-destructive]
  Without a prompt, opens an interactive chat (type exit or press Ctrl-D to leave).
  --allow-destructive  in one-shot mode without a terminal, run destructive tools without asking.`;

/** Runs the chat and returns the process exit code. */
export async function runChat(
  createRunner: CreateRunner,
  options: ChatOptions = {},
): Promise<number> {
  const output = options.output ?? process.stdout;
  const write = (text: string) => output.write(text);
  let parsed: ReturnType<typeof parseChatArguments>;
  try {
    parsed = parseChatArguments(options.argv ?? process.argv.slice(2));
  } catch (error) {
    write(`${colors.red(describeError(error))}\n${usage}\n`);
    return 2;
  }
  if (parsed.help) {
    write(`${usage}\n`);
    return 0;
  }
  let context: AgentContext | undefined;
  let runner: AgentRunner | undefined;
  try {
    context = await (options.openContext ?? openAgentContext)();
    runner = await createRunner(context.runnerOptions);
    const interactive = options.interactive ?? Boolean(process.stdin.isTTY);
    const input = options.input ?? process.stdin;
    if (parsed.prompt !== undefined) {
      const lines = interactive ? createInterface({ input, output, terminal: true }) : undefined;
      try {
        const result = await runTurn(
          runner,
          parsed.prompt,
          write,
          approver(lines, parsed.allowDestructive, write),
        );
        return result.error ? 1 : 0;
      } finally {
        lines?.close();
      }
    }
    write(
      colors.dim(`${runner.framework} · ${describeSession(context)} · exit or Ctrl-D to leave\n`),
    );
    await repl(runner, createInterface({ input, output, terminal: interactive }), write);
    return 0;
  } catch (error) {
    write(`${colors.red(describeError(error))}\n`);
    return error instanceof CeligoAgentsError && error.kind === "user" ? 2 : 1;
  } finally {
    await runner?.close();
    await context?.close();
  }
}

function parseChatArguments(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "allow-destructive": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (positionals.length > 1) {
    throw new CeligoAgentsError(
      "input_invalid",
      "user",
      `Expected one prompt, got ${positionals.length} words: quote the prompt, e.g. pnpm chat mastra "Which flows failed today?"`,
    );
  }
  return {
    prompt: positionals[0],
    allowDestructive: values["allow-destructive"],
    help: values.help,
  };
}

async function repl(runner: AgentRunner, lines: Interface, write: (text: string) => void) {
  const controller = new AbortController();
  // Ctrl-C stops the turn in flight and leaves; Ctrl-D (end of input) ends the loop below.
  lines.on("SIGINT", () => {
    controller.abort();
    lines.close();
  });
  const approve = approver(lines, false, write);
  // The async iterator buffers piped lines that arrive while a turn is still running.
  const prompts = lines[Symbol.asyncIterator]();
  for (;;) {
    write(colors.bold("you › "));
    const next = await prompts.next();
    if (next.done) break;
    const prompt = String(next.value).trim();
    if (prompt === "exit" || prompt === "quit") break;
    if (prompt === "") continue;
    await runTurn(runner, prompt, write, approve, controller.signal);
  }
  lines.close();
  write("\n");
}

async function runTurn(
  runner: AgentRunner,
  prompt: string,
  write: (text: string) => void,
  approve: (request: ApprovalRequest) => Promise<boolean>,
  signal?: AbortSignal,
): Promise<RunResult> {
  let streamed = false;
  const onEvent = (event: RunEvent) => {
    if (event.type === "text-delta") {
      streamed = true;
      write(event.text);
    } else if (event.type === "tool-call-end") {
      const { call } = event;
      const status =
        call.approval === "refused"
          ? colors.yellow("refused")
          : call.isError
            ? colors.red("error")
            : colors.green("ok");
      write(
        colors.dim(
          `  ↳ ${describeCall(call.slug, call.arguments)} · ${status} · ${call.durationMs} ms\n`,
        ),
      );
    }
  };
  const result = await runner.run(prompt, { onEvent, approve, ...(signal ? { signal } : {}) });
  if (!streamed && result.text) write(result.text);
  write("\n");
  if (result.error) write(colors.red(`${result.error.message}\n`));
  write(
    colors.dim(
      `(${result.steps} steps · ${result.toolCalls.length} tool calls · ${result.usage.inputTokens}+${result.usage.outputTokens} tokens · ${result.durationMs} ms)\n`,
    ),
  );
  return result;
}

/** Asks y/N when a person is there; otherwise refuses unless --allow-destructive was given. */
function approver(
  lines: Interface | undefined,
  allowDestructive: boolean,
  write: (text: string) => void,
) {
  return async (request: ApprovalRequest): Promise<boolean> => {
    if (allowDestructive) return true;
    if (!lines) {
      write(
        colors.yellow(
          `  ✋ ${request.slug} refused: ${request.reason}; rerun with --allow-destructive to allow it\n`,
        ),
      );
      return false;
    }
    const answer = await lines.question(
      colors.yellow(
        `  ✋ ${describeCall(request.slug, request.arguments)}: ${request.reason}. Run it? [y/N] `,
      ),
    );
    return /^y(es)?$/i.test(answer.trim());
  };
}

function describeSession(context: AgentContext): string {
  const model =
    context.model.provider === "offline"
      ? "offline model (deterministic, for wiring and demos)"
      : context.model.modelId;
  return `${context.session.source} (${context.session.exposure}) · ${model}`;
}

/** One line per call; a router call shows the Celigo tools it runs, not its envelope. */
function describeCall(slug: string, callArguments: unknown): string {
  const inner = (callArguments as { tools?: unknown } | undefined)?.tools;
  if (slug === "COMPOSIO_MULTI_EXECUTE_TOOL" && Array.isArray(inner)) {
    const calls = inner.map(
      (tool: { tool_slug?: unknown; arguments?: unknown }) =>
        `${String(tool.tool_slug)} ${summarize(tool.arguments)}`,
    );
    return `${slug} → ${calls.join(", ")}`;
  }
  return `${slug} ${summarize(callArguments)}`;
}

function summarize(value: unknown): string {
  const text = JSON.stringify(value) ?? "";
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
