/**
 * The terminal front end every app shares: `runChat(createRunner)` is the whole of an app's
 * main file. With a prompt argument it answers once and exits; without one it opens a REPL.
 * Ctrl-C during an answer cancels that turn; at an idle prompt it leaves, as Ctrl-D and `exit` do.
 */
import { createInterface, type Interface } from "node:readline/promises";
import { parseArgs } from "node:util";
import colors from "picocolors";
import yoctoSpinner from "yocto-spinner";
import { type AgentContext, type LocalServices, openAgentContext } from "./agent-context.ts";
import { loadConfig } from "./config.ts";
import { CeligoAgentsError, describeError } from "./errors.ts";
import type { AgentRunner, ApprovalRequest, CreateRunner, RunEvent, RunResult } from "./runner.ts";
import { summarizeToolCall } from "./tool-call-summary.ts";
import { countToolCalls } from "./tool-calls.ts";
import type { ToolPolicy } from "./tool-policy.ts";

export interface ChatOptions {
  argv?: string[];
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Where configuration and start-up errors go; defaults to stderr. */
  errorOutput?: NodeJS.WritableStream;
  /** Whether a person can answer approval prompts; defaults to stdin being a TTY. */
  interactive?: boolean;
  /** The local sandbox and offline model, when this project has them. */
  services?: LocalServices;
  /** Builds the session and model; tests of the terminal behaviour pass their own. */
  openContext?: () => Promise<AgentContext>;
  /** How the user starts this chat, for the usage text; defaults to `pnpm chat <framework>`. */
  command?: string;
}

const usage = (command: string) => `Usage: ${command} ["prompt"] [--allow-destructive] [--verbose]
  Without a prompt, opens an interactive chat: Ctrl-C cancels an answer, exit or Ctrl-D leaves.
  --allow-destructive  in one-shot mode without a terminal, run calls that need approval
                       (destructive tools, resolves, writes to several flows or many records).
  --verbose            show each tool call's full arguments.`;

type Write = (text: string) => void;
type Approver = (
  request: ApprovalRequest,
  signal: AbortSignal,
) => Promise<boolean | { refused: string }>;

interface Terminal {
  write: Write;
  /** A spinner while the model thinks, on a terminal only. */
  thinking: (on: boolean) => void;
  verbose: boolean;
}

/** Runs the chat and returns the process exit code. */
export async function runChat(
  createRunner: CreateRunner,
  options: ChatOptions = {},
): Promise<number> {
  const output = options.output ?? process.stdout;
  const errorOutput = options.errorOutput ?? process.stderr;
  const write: Write = (text) => output.write(text);
  const fail: Write = (text) => errorOutput.write(colors.red(`${text}\n`));
  const command = options.command ?? "pnpm chat <framework>";
  let parsed: ReturnType<typeof parseChatArguments>;
  try {
    parsed = parseChatArguments(options.argv ?? process.argv.slice(2), command);
  } catch (error) {
    fail(`${describeError(error)}\n${usage(command)}`);
    return 2;
  }
  if (parsed.help) {
    write(`${usage(command)}\n`);
    return 0;
  }
  let context: AgentContext | undefined;
  let runner: AgentRunner | undefined;
  try {
    context = await (
      options.openContext ?? (() => openAgentContext(loadConfig(), options.services))
    )();
    runner = await createRunner(context.runnerOptions);
  } catch (error) {
    fail(describeError(error));
    await context?.close();
    return error instanceof CeligoAgentsError && error.kind === "user" ? 2 : 1;
  }
  const terminal: Terminal = {
    write,
    thinking: thinkingIndicator(output),
    verbose: parsed.verbose,
  };
  const policy = context.runnerOptions.toolPolicy;
  const interactive = options.interactive ?? Boolean(process.stdin.isTTY);
  const input = options.input ?? process.stdin;
  try {
    if (parsed.prompt !== undefined) {
      const lines = interactive ? createInterface({ input, output, terminal: true }) : undefined;
      const controller = new AbortController();
      const stop = () => controller.abort();
      lines?.on("SIGINT", stop);
      process.once("SIGINT", stop);
      try {
        const approve = approver(lines, parsed.allowDestructive, write);
        const result = await runTurn(
          runner,
          parsed.prompt,
          terminal,
          policy,
          approve,
          controller.signal,
        );
        if (result.error?.code === "aborted") return 130;
        return result.error ? 1 : 0;
      } finally {
        process.off("SIGINT", stop);
        lines?.close();
      }
    }
    write(
      colors.dim(
        `${runner.framework} · ${describeSession(context)} · Ctrl-C cancels an answer · exit or Ctrl-D to leave\n`,
      ),
    );
    await repl(runner, createInterface({ input, output, terminal: interactive }), terminal, policy);
    return 0;
  } catch (error) {
    fail(describeError(error));
    return 1;
  } finally {
    terminal.thinking(false);
    await runner.close();
    await context.close();
  }
}

function parseChatArguments(argv: string[], command: string) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "allow-destructive": { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (positionals.length > 1) {
    throw new CeligoAgentsError(
      "input_invalid",
      "user",
      `Expected one prompt, got ${positionals.length} words: quote the prompt, e.g. ${command.replace("<framework>", "mastra")} "Which flows failed today?"`,
    );
  }
  return {
    prompt: positionals[0],
    allowDestructive: values["allow-destructive"],
    verbose: values.verbose,
    help: values.help,
  };
}

async function repl(runner: AgentRunner, lines: Interface, terminal: Terminal, policy: ToolPolicy) {
  let turn: AbortController | undefined;
  // Ctrl-C cancels the answer in flight; at an idle prompt it leaves. A terminal reports it
  // through readline, piped input as a process signal.
  const interrupt = () => {
    if (turn && !turn.signal.aborted) turn.abort();
    else lines.close();
  };
  lines.on("SIGINT", interrupt);
  process.on("SIGINT", interrupt);
  const approve = approver(lines, false, terminal.write);
  // The async iterator buffers piped lines that arrive while a turn is still running.
  const prompts = lines[Symbol.asyncIterator]();
  try {
    for (;;) {
      terminal.write(colors.bold("you › "));
      const next = await prompts.next();
      if (next.done) break;
      const prompt = String(next.value).trim();
      if (prompt === "exit" || prompt === "quit") break;
      if (prompt === "") continue;
      turn = new AbortController();
      await runTurn(runner, prompt, terminal, policy, approve, turn.signal);
      turn = undefined;
    }
  } finally {
    process.off("SIGINT", interrupt);
    lines.close();
    terminal.write("\n");
  }
}

async function runTurn(
  runner: AgentRunner,
  prompt: string,
  terminal: Terminal,
  policy: ToolPolicy,
  approve: Approver,
  signal: AbortSignal,
): Promise<RunResult> {
  const { write, thinking } = terminal;
  let streamed = false;
  const onEvent = (event: RunEvent) => {
    if (event.type === "text-delta") {
      thinking(false);
      streamed = true;
      write(event.text);
    } else if (event.type === "tool-call-end") {
      thinking(false);
      const { call } = event;
      const status =
        call.approval === "refused"
          ? colors.yellow("refused")
          : call.isError
            ? colors.red("error")
            : colors.green("ok");
      const shown = terminal.verbose
        ? `${call.slug} ${JSON.stringify(call.arguments)}`
        : summarizeToolCall(call.name, call.arguments, policy.names);
      write(colors.dim(`  ↳ ${shown} · ${status} · ${formatMs(call.durationMs)}\n`));
      thinking(true);
    }
  };
  thinking(true);
  const result = await runner.run(prompt, {
    onEvent,
    approve: (request) => {
      thinking(false);
      return approve(request, signal);
    },
    signal,
  });
  thinking(false);
  if (!streamed && result.text) write(result.text);
  if (streamed || result.text) write("\n");
  if (result.error?.code === "aborted") write(colors.yellow("Cancelled.\n"));
  else if (result.error) write(colors.red(`${result.error.message}\n`));
  const calls = countToolCalls(result.toolCalls);
  const { inputTokens, outputTokens } = result.usage;
  write(
    colors.dim(
      `(${plural(result.steps, "step")} · ${plural(calls, "tool call")} · ${formatCount(inputTokens)} + ${formatCount(outputTokens)} tokens · ${formatMs(result.durationMs)})\n`,
    ),
  );
  return result;
}

/**
 * Asks y/N when a person is there; otherwise refuses unless --allow-destructive was given, and
 * says how to allow it. Either way the question states what the call would touch.
 */
function approver(lines: Interface | undefined, allowDestructive: boolean, write: Write): Approver {
  return async (request, signal) => {
    if (allowDestructive) return true;
    if (!lines) {
      const refused =
        "No one was at a terminal to approve it; rerun the request with --allow-destructive to allow it.";
      write(colors.yellow(`  ! refused: ${request.reason}. ${refused}\n`));
      return { refused };
    }
    // Ctrl-C at the question cancels the turn, and with it the question.
    const answer = await lines.question(
      colors.yellow(`  ! approval needed: ${request.reason}. Run it? [y/N] `),
      { signal },
    );
    return /^y(es)?$/i.test(answer.trim());
  };
}

/** A spinner on a terminal; nothing when output is piped or captured. */
function thinkingIndicator(output: NodeJS.WritableStream): (on: boolean) => void {
  if (!(output as { isTTY?: boolean }).isTTY) return () => {};
  const spinner = yoctoSpinner({ text: "thinking", stream: output as NodeJS.WriteStream });
  return (on) => {
    if (on && !spinner.isSpinning) spinner.start();
    else if (!on && spinner.isSpinning) spinner.stop();
  };
}

function describeSession(context: AgentContext): string {
  const model =
    context.model.provider === "offline"
      ? "offline model (deterministic, for wiring and demos)"
      : context.model.modelId;
  return `${context.session.source} (${context.session.exposure}) · ${model}`;
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? "" : "s"}`;
}

function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}

function formatMs(milliseconds: number): string {
  return milliseconds < 1000
    ? `${Math.round(milliseconds)} ms`
    : `${(milliseconds / 1000).toFixed(1)} s`;
}
