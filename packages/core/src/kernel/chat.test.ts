import { PassThrough } from "node:stream";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import type { AgentContext } from "./agent-context.ts";
import { type ChatOptions, runChat } from "./chat.ts";
import { loadConfig } from "./config.ts";
import type { AgentRunner, CreateRunner, RunOptions, RunResult } from "./runner.ts";
import { ToolPolicy } from "./tool-policy.ts";

/** A runner that replays one scripted turn: the terminal is what is under test here. */
function scriptedRunner(
  turn: { destructive?: boolean; error?: string; usage?: RunResult["usage"] } = {},
) {
  const prompts: string[] = [];
  const approvals: boolean[] = [];
  const refusals: string[] = [];
  let closed = false;
  const createRunner: CreateRunner = async () => {
    const runner: AgentRunner = {
      framework: "scripted",
      async run(prompt: string, options: RunOptions = {}): Promise<RunResult> {
        prompts.push(prompt);
        options.onEvent?.({ type: "text-delta", text: `answer to ${prompt}` });
        const toolCalls: RunResult["toolCalls"] = [];
        if (turn.destructive) {
          const reply =
            (await options.approve?.({
              toolName: "CELIGO_DELETE_FLOW",
              slug: "CELIGO_DELETE_FLOW",
              arguments: { flow_id: "f1" },
              reason: "CELIGO_DELETE_FLOW on flow f1: it is destructive",
            })) ?? false;
          const approved = reply === true;
          approvals.push(approved);
          if (typeof reply === "object") refusals.push(reply.refused);
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
          usage: turn.usage ?? { inputTokens: 10, outputTokens: 5 },
          durationMs: 7,
          ...(turn.error ? { error: { code: "run_failed" as const, message: turn.error } } : {}),
        };
      },
      async close() {
        closed = true;
      },
    };
    return runner;
  };
  return { createRunner, prompts, approvals, refusals, isClosed: () => closed };
}

async function chat(
  createRunner: CreateRunner,
  options: Omit<ChatOptions, "output" | "errorOutput" | "openContext">,
) {
  const output = new PassThrough();
  const errorOutput = new PassThrough();
  let text = "";
  let errors = "";
  output.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  errorOutput.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  let contextClosed = false;
  const openContext = async () =>
    ({
      config: loadConfig({}),
      session: { source: "sandbox", exposure: "router" },
      model: { provider: "offline", modelId: "offline" },
      runnerOptions: { toolPolicy: new ToolPolicy() },
      close: async () => {
        contextClosed = true;
      },
    }) as unknown as AgentContext;
  const code = await runChat(createRunner, { ...options, output, errorOutput, openContext });
  // Colours are on wherever picocolors decides (CI=true turns them on): assert on plain text.
  return {
    code,
    text: stripVTControlCharacters(text),
    errors: stripVTControlCharacters(errors),
    contextClosed,
  };
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
    expect(text).toContain("(1 step · 0 tool calls · 10 + 5 tokens · 7 ms)");
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
    // The model hears why, so it can tell the person how to allow it.
    expect(script.refusals).toEqual([
      "No one was at a terminal to approve it; rerun the request with --allow-destructive to allow it.",
    ]);
    expect(text).toContain(
      "! refused: CELIGO_DELETE_FLOW on flow f1: it is destructive. No one was at a terminal to approve it; rerun the request with --allow-destructive to allow it.",
    );
    expect(text).toMatch(/↳ CELIGO_DELETE_FLOW on flow f1 · refused · 3 ms/);
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
    expect(text).toContain(
      "! approval needed: CELIGO_DELETE_FLOW on flow f1: it is destructive. Run it? [y/N]",
    );
  });

  it("exits 1 when the run reports an error", async () => {
    const script = scriptedRunner({ error: "Ran out of steps after 8 model calls" });
    const { code, text } = await chat(script.createRunner, { argv: ["hi"], interactive: false });
    expect(code).toBe(1);
    expect(text).toContain("Ran out of steps");
  });

  it("exits 2 with usage on an unquoted prompt", async () => {
    const script = scriptedRunner();
    const { code, text, errors } = await chat(script.createRunner, {
      argv: ["Which", "flows"],
      interactive: false,
    });
    expect(code).toBe(2);
    expect(text).toBe("");
    expect(errors).toMatch(/quote the prompt/);
    expect(errors).toContain("Usage: pnpm chat");
    expect(script.prompts).toEqual([]);
  });

  it("names the command the user typed in its usage, as an exported project's main file sets it", async () => {
    const script = scriptedRunner();
    const { code, errors } = await chat(script.createRunner, {
      argv: ["Which", "flows"],
      interactive: false,
      command: "npm start --",
    });
    expect(code).toBe(2);
    expect(errors).toContain('e.g. npm start -- "Which flows failed today?"');
    expect(errors).toContain('Usage: npm start -- ["prompt"]');
    expect(errors).not.toContain("pnpm chat");
  });
});

/** A Tool Router batch that ran these Celigo tools. */
function multiExecuteCall(tools: object[], durationMs: number): RunResult["toolCalls"][number] {
  return {
    name: "celigo_COMPOSIO_MULTI_EXECUTE_TOOL",
    slug: "COMPOSIO_MULTI_EXECUTE_TOOL",
    arguments: { tools },
    result: {},
    isError: false,
    durationMs,
  };
}

/** A runner whose every run makes one tool call and answers "done". */
function oneCallRunner(
  call: RunResult["toolCalls"][number],
  usage: RunResult["usage"],
): CreateRunner {
  return async () => ({
    framework: "scripted",
    async run(_prompt, options = {}): Promise<RunResult> {
      options.onEvent?.({ type: "tool-call-end", call });
      return { text: "done", toolCalls: [call], steps: 1, usage, durationMs: 5 };
    },
    async close() {},
  });
}

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
    const createRunner = oneCallRunner(call, { inputTokens: 1, outputTokens: 1 });
    const { text } = await chat(createRunner, { argv: ["list flows"], interactive: false });
    expect(text).toContain("COMPOSIO_MULTI_EXECUTE_TOOL → CELIGO_LIST_FLOWS · ok · 4 ms");
    // The footer counts the Celigo tool the batch ran, as the answer would.
    expect(text).toContain("1 tool call ·");
  });

  it("names list arguments as counted nouns, singular for one", async () => {
    const tools = [
      { tool_slug: "CELIGO_PATCH_FLOW", arguments: { flow_id: "f1", operations: [{}] } },
      { tool_slug: "CELIGO_RETRY_ERRORS", arguments: { error_ids: ["e1", "e2"] } },
    ];
    const call = multiExecuteCall(tools, 4);
    const createRunner = oneCallRunner(call, { inputTokens: 1, outputTokens: 1 });
    const { text } = await chat(createRunner, { argv: ["patch"], interactive: false });
    expect(text).toContain(
      "CELIGO_PATCH_FLOW on flow f1, 1 operation; CELIGO_RETRY_ERRORS on 2 error ids ·",
    );
  });

  it("collapses a long batch to counts and names, and shows everything with --verbose", async () => {
    const errorIds = Array.from({ length: 40 }, (_, index) => `error-${index}`);
    const tools = ["shopify", "amazon", "refunds", "shipments"].map((flow) => ({
      tool_slug: "CELIGO_RETRY_ERRORS",
      arguments: { flow_id: flow, export_id: `${flow}-export`, error_ids: errorIds },
    }));
    const call = multiExecuteCall(tools, 1_234);
    const createRunner = oneCallRunner(call, { inputTokens: 12_345, outputTokens: 1 });
    const { text } = await chat(createRunner, { argv: ["retry all"], interactive: false });
    expect(text).toContain(
      "↳ COMPOSIO_MULTI_EXECUTE_TOOL → 4 calls: CELIGO_RETRY_ERRORS ×4 · ok · 1.2 s",
    );
    expect(text).toContain("(1 step · 4 tool calls · 12,345 + 1 tokens · 5 ms)");

    const verbose = await chat(createRunner, {
      argv: ["retry all", "--verbose"],
      interactive: false,
    });
    expect(verbose.text).toContain('"error_ids":["error-0","error-1"');
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

describe("runChat start-up failures", () => {
  it("prints a configuration error on stderr as one paragraph, exits 2 and runs nothing", async () => {
    const script = scriptedRunner();
    const errorOutput = new PassThrough();
    let errors = "";
    errorOutput.on("data", (chunk: Buffer) => {
      errors += chunk.toString();
    });
    const code = await runChat(script.createRunner, {
      argv: ["hi"],
      output: new PassThrough(),
      errorOutput,
      openContext: async () => loadConfig({ MODEL_TIMEOUT_S: "soon" }) as never,
    });
    expect(code).toBe(2);
    expect(stripVTControlCharacters(errors)).toMatch(
      /MODEL_TIMEOUT_S: must be a number of seconds/,
    );
    expect(errors).not.toMatch(/\n\s+at /);
    expect(script.prompts).toEqual([]);
  });
});
