import { PassThrough } from "node:stream";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import type { AgentContext } from "./agent-context.ts";
import { type ChatOptions, runChat } from "./chat.ts";
import { loadConfig } from "./config.ts";
import type { AgentRunner, CreateRunner, RunOptions, RunResult } from "./runner.ts";
import { ToolPolicy } from "./tool-policy.ts";

/** A runner that replays one scripted turn: the terminal is what is under test here. */
function scriptedRunner(turn: { destructive?: boolean; error?: string } = {}) {
  const prompts: string[] = [];
  const approvals: boolean[] = [];
  let closed = false;
  const createRunner: CreateRunner = async () => {
    const runner: AgentRunner = {
      framework: "scripted",
      async run(prompt: string, options: RunOptions = {}): Promise<RunResult> {
        prompts.push(prompt);
        options.onEvent?.({ type: "text-delta", text: `answer to ${prompt}` });
        const toolCalls: RunResult["toolCalls"] = [];
        if (turn.destructive) {
          const approved =
            (await options.approve?.({
              toolName: "CELIGO_DELETE_FLOW",
              slug: "CELIGO_DELETE_FLOW",
              arguments: { flow_id: "f1" },
              reason: "CELIGO_DELETE_FLOW is destructive",
            })) ?? false;
          approvals.push(approved);
          const call = {
            name: "CELIGO_DELETE_FLOW",
            slug: "CELIGO_DELETE_FLOW",
            arguments: { flow_id: "f1" },
            result: approved ? { deleted: true } : "refused",
            isError: !approved,
            durationMs: 3,
            approval: approved ? ("approved" as const) : ("refused" as const),
          };
          toolCalls.push(call);
          options.onEvent?.({ type: "tool-call-end", call });
        }
        return {
          text: `answer to ${prompt}`,
          toolCalls,
          steps: 1,
          usage: { inputTokens: 10, outputTokens: 5 },
          durationMs: 7,
          ...(turn.error ? { error: { code: "run_failed", message: turn.error } } : {}),
        };
      },
      async close() {
        closed = true;
      },
    };
    return runner;
  };
  return { createRunner, prompts, approvals, isClosed: () => closed };
}

async function chat(
  createRunner: CreateRunner,
  options: Omit<ChatOptions, "output" | "openContext">,
) {
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  let contextClosed = false;
  const openContext = async () =>
    ({
      config: loadConfig({}),
      session: { source: "sandbox", exposure: "router" },
      model: { provider: "offline", modelId: "offline" },
      runnerOptions: {},
      close: async () => {
        contextClosed = true;
      },
    }) as unknown as AgentContext;
  const code = await runChat(createRunner, { ...options, output, openContext });
  // Colours are on wherever picocolors decides (CI=true turns them on): assert on plain text.
  return { code, text: stripVTControlCharacters(text), contextClosed };
}

describe("runChat one-shot", () => {
  it("prints the answer and usage, exits 0 and closes everything", async () => {
    const script = scriptedRunner();
    const { code, text, contextClosed } = await chat(script.createRunner, {
      argv: ["Which flows failed today?"],
      interactive: false,
    });
    expect(code).toBe(0);
    expect(text).toContain("answer to Which flows failed today?");
    expect(text).toContain("1 steps · 0 tool calls · 10+5 tokens");
    expect(script.isClosed()).toBe(true);
    expect(contextClosed).toBe(true);
  });

  it("refuses destructive tools without a terminal and says how to allow them", async () => {
    const script = scriptedRunner({ destructive: true });
    const { code, text } = await chat(script.createRunner, {
      argv: ["Delete flow f1"],
      interactive: false,
    });
    expect(code).toBe(0);
    expect(script.approvals).toEqual([false]);
    expect(text).toMatch(/CELIGO_DELETE_FLOW refused: .*--allow-destructive/);
    expect(text).toMatch(/CELIGO_DELETE_FLOW .*refused/);
  });

  it("allows destructive tools with --allow-destructive", async () => {
    const script = scriptedRunner({ destructive: true });
    await chat(script.createRunner, {
      argv: ["Delete flow f1", "--allow-destructive"],
      interactive: false,
    });
    expect(script.approvals).toEqual([true]);
  });

  it("asks y/N when a person is at the terminal", async () => {
    const script = scriptedRunner({ destructive: true });
    const input = new PassThrough();
    const pending = chat(script.createRunner, {
      argv: ["Delete flow f1"],
      interactive: true,
      input,
    });
    setTimeout(() => input.write("y\n"), 20);
    const { text } = await pending;
    expect(script.approvals).toEqual([true]);
    expect(text).toContain("Run it? [y/N]");
  });

  it("exits 1 when the run reports an error", async () => {
    const script = scriptedRunner({ error: "Ran out of steps after 8 model calls" });
    const { code, text } = await chat(script.createRunner, { argv: ["hi"], interactive: false });
    expect(code).toBe(1);
    expect(text).toContain("Ran out of steps");
  });

  it("exits 2 with usage on an unquoted prompt", async () => {
    const script = scriptedRunner();
    const { code, text } = await chat(script.createRunner, {
      argv: ["Which", "flows"],
      interactive: false,
    });
    expect(code).toBe(2);
    expect(text).toMatch(/quote the prompt/);
    expect(text).toContain("Usage: pnpm chat");
    expect(script.prompts).toEqual([]);
  });
});

describe("runChat tool lines", () => {
  it("shows the Celigo tools a router call runs rather than its envelope", async () => {
    const call = {
      name: "COMPOSIO_MULTI_EXECUTE_TOOL",
      slug: "COMPOSIO_MULTI_EXECUTE_TOOL",
      arguments: {
        tools: [{ tool_slug: "CELIGO_LIST_FLOWS", arguments: { limit: 200 } }],
        sync_response_to_workbench: false,
      },
      result: {},
      isError: false,
      durationMs: 4,
    };
    const createRunner: CreateRunner = async () => ({
      framework: "scripted",
      async run(_prompt, options = {}): Promise<RunResult> {
        options.onEvent?.({ type: "tool-call-end", call });
        const usage = { inputTokens: 1, outputTokens: 1 };
        return { text: "done", toolCalls: [call], steps: 1, usage, durationMs: 5 };
      },
      async close() {},
    });
    const { text } = await chat(createRunner, { argv: ["list flows"], interactive: false });
    expect(text).toContain(
      'COMPOSIO_MULTI_EXECUTE_TOOL → CELIGO_LIST_FLOWS {"limit":200} · ok · 4 ms',
    );
  });
});

describe("runChat REPL", () => {
  it("answers each line until exit", async () => {
    const script = scriptedRunner();
    const input = new PassThrough();
    input.end("first question\n\nsecond question\nexit\nnever asked\n");
    const { code, text } = await chat(script.createRunner, { argv: [], interactive: false, input });
    expect(code).toBe(0);
    expect(script.prompts).toEqual(["first question", "second question"]);
    expect(text).toContain("scripted · sandbox (router)");
    expect(script.isClosed()).toBe(true);
  });

  it("ends cleanly when the input closes (Ctrl-D)", async () => {
    const script = scriptedRunner();
    const input = new PassThrough();
    input.end("only question\n");
    const { code } = await chat(script.createRunner, { argv: [], interactive: false, input });
    expect(code).toBe(0);
    expect(script.prompts).toEqual(["only question"]);
  });
});

describe("tool policy in the chat's context", () => {
  it("is the same policy the runners get", () => {
    expect(new ToolPolicy().needsApproval("CELIGO_DELETE_FLOW")).toBe(true);
  });
});
