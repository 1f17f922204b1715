import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OfflineModel, offlineModelDisclaimer, startOfflineModel } from "./index.ts";

const listFlowsTool = {
  type: "function" as const,
  function: {
    name: "celigo_CELIGO_LIST_FLOWS",
    description: "Tool to retrieve all flows from Celigo.",
    parameters: { type: "object", properties: {} },
  },
};
const listJobsTool = {
  type: "function" as const,
  function: {
    name: "celigo_CELIGO_LIST_JOBS",
    description: "Fetches one page of jobs from Celigo with optional filters.",
    parameters: {
      type: "object",
      properties: {
        created_at_gte: { type: "string", description: "Jobs created at or after this ISO time" },
        created_at_lte: { type: "string", description: "Jobs created at or before this ISO time" },
      },
    },
  },
};
const system = {
  role: "system" as const,
  content: "You help.\nCurrent time: 2026-11-21T10:00:00.000Z",
};
const failedToday = [system, { role: "user" as const, content: "Which flows failed today?" }];

let model: OfflineModel;
let client: OpenAI;

beforeAll(async () => {
  model = await startOfflineModel();
  client = new OpenAI({ baseURL: model.baseURL, apiKey: "any-key", maxRetries: 0 });
});
afterAll(async () => {
  await model.close();
});

describe("Chat Completions", () => {
  it("answers with parallel tool calls, arguments from the schemas, and o200k usage", async () => {
    const completion = await client.chat.completions.create({
      model: model.modelId,
      messages: failedToday,
      tools: [listJobsTool, listFlowsTool],
    });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe("tool_calls");
    const calls = (choice?.message.tool_calls ?? []).flatMap((call) =>
      call.type === "function" ? [call] : [],
    );
    expect(calls.map((call) => call.function.name)).toEqual([
      "celigo_CELIGO_LIST_JOBS",
      "celigo_CELIGO_LIST_FLOWS",
    ]);
    expect(JSON.parse(calls[0]?.function.arguments ?? "")).toEqual({
      created_at_gte: "2026-11-21T00:00:00.000Z",
      created_at_lte: "2026-11-21T10:00:00.000Z",
    });
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
    const withoutTools = await client.chat.completions.create({
      model: model.modelId,
      messages: failedToday,
    });
    // Tool definitions are input tokens too.
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(
      withoutTools.usage?.prompt_tokens ?? Number.POSITIVE_INFINITY,
    );
    expect(completion.usage?.completion_tokens).toBeGreaterThan(10);
    expect(completion.created).toBe(Date.parse("2026-11-21T10:00:00.000Z") / 1000);
  });

  it("streams tool-call deltas that the SDK assembles, then usage", async () => {
    const stream = client.chat.completions.stream({
      model: model.modelId,
      messages: failedToday,
      tools: [listJobsTool, listFlowsTool],
      stream_options: { include_usage: true },
    });
    let deltas = 0;
    stream.on("chunk", (chunk) => {
      if (chunk.choices[0]?.delta.tool_calls) deltas += 1;
    });
    const final = await stream.finalChatCompletion();
    const streamed = final.choices[0]?.message.tool_calls ?? [];
    const plain = await client.chat.completions.create({
      model: model.modelId,
      messages: failedToday,
      tools: [listJobsTool, listFlowsTool],
    });
    expect(deltas).toBeGreaterThan(2);
    expect(streamed).toEqual(plain.choices[0]?.message.tool_calls);
    expect(final.usage?.total_tokens).toBe(plain.usage?.total_tokens);
  });

  it("streams text and answers from tool results", async () => {
    const stream = await client.chat.completions.create({
      model: model.modelId,
      stream: true,
      messages: [
        system,
        { role: "user", content: "Which connections are offline?" },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: "call_1",
              type: "function",
              function: { name: "CELIGO_LIST_CONNECTIONS", arguments: "{}" },
            },
          ],
        },
        {
          role: "tool",
          tool_call_id: "call_1",
          content: JSON.stringify({
            data: [{ _id: "c1", name: "NetSuite Production", type: "netsuite", offline: true }],
            successful: true,
            error: null,
          }),
        },
      ],
      tools: [
        {
          type: "function",
          function: { name: "CELIGO_LIST_CONNECTIONS", parameters: { type: "object" } },
        },
      ],
    });
    let text = "";
    let pieces = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      pieces += 1;
    }
    expect(pieces).toBeGreaterThan(3);
    expect(text).toContain("- NetSuite Production (");
  });
});

describe("Responses", () => {
  const responseTools = [listJobsTool, listFlowsTool].map((tool) => ({
    type: "function" as const,
    name: tool.function.name,
    description: tool.function.description,
    parameters: tool.function.parameters,
    strict: false,
  }));

  it("returns function calls, then continues from previous_response_id with outputs", async () => {
    const first = await client.responses.create({
      model: model.modelId,
      instructions: system.content,
      input: "Which flows failed today?",
      tools: responseTools,
    });
    const calls = first.output.flatMap((item) => (item.type === "function_call" ? [item] : []));
    expect(calls.map((call) => call.name)).toEqual([
      "celigo_CELIGO_LIST_JOBS",
      "celigo_CELIGO_LIST_FLOWS",
    ]);
    expect(first.usage?.input_tokens).toBeGreaterThan(0);
    const flows = [{ _id: "f1", name: "Shopify Orders to NetSuite" }];
    const jobs = [
      {
        _id: "j1",
        type: "flow",
        _flowId: "f1",
        status: "failed",
        numError: 4,
        createdAt: "2026-11-21T08:00:00.000Z",
      },
    ];
    const second = await client.responses.create({
      model: model.modelId,
      instructions: system.content,
      previous_response_id: first.id,
      tools: responseTools,
      input: calls.map((call) => ({
        type: "function_call_output" as const,
        call_id: call.call_id,
        output: JSON.stringify({
          data: call.name.endsWith("JOBS") ? jobs : flows,
          successful: true,
          error: null,
        }),
      })),
    });
    expect(second.output_text).toContain("Shopify Orders to NetSuite: 1 failed run, 4 errors");
  });

  it("streams events in OpenAI's order and the SDK assembles the same response", async () => {
    const body = {
      model: model.modelId,
      instructions: system.content,
      input: "Which flows failed today?",
      tools: responseTools,
    };
    const stream = client.responses.stream(body);
    const types: string[] = [];
    stream.on("event", (event) => types.push(event.type));
    const final = await stream.finalResponse();
    const plain = await client.responses.create(body);
    expect(types.slice(0, 3)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
    ]);
    expect(types).toContain("response.function_call_arguments.delta");
    expect(types.at(-1)).toBe("response.completed");
    // The SDK adds `parsed_arguments` to streamed function calls.
    const withoutParsed = final.output.map((item) => {
      const { parsed_arguments: _parsed, ...rest } = item as typeof item & {
        parsed_arguments?: unknown;
      };
      return rest;
    });
    expect(withoutParsed).toEqual(plain.output);
    expect(final.id).toBe(plain.id);
  });

  it("answers an unknown previous_response_id with a 400 in OpenAI's shape", async () => {
    const attempt = client.responses.create({
      model: model.modelId,
      input: "hi",
      previous_response_id: "resp_missing",
    });
    await expect(attempt).rejects.toMatchObject({ status: 400, param: "previous_response_id" });
  });
});

describe("errors, auth and determinism", () => {
  it("rejects a request without a bearer token, in OpenAI's error shape", async () => {
    const response = await fetch(`${model.baseURL}/models`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: { type: "invalid_request_error", code: "missing_api_key" },
    });
    const models = await client.models.list();
    expect(models.data.map((entry) => entry.id)).toEqual(["offline"]);
  });

  it("names the field to fix when the body is invalid", async () => {
    const attempt = client.chat.completions.create({ model: "offline", messages: [] });
    await expect(attempt).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(attempt).rejects.toMatchObject({ param: "messages" });
  });

  it("gives byte-identical answers, ids included, for the same request", async () => {
    const send = () =>
      fetch(`${model.baseURL}/chat/completions`, {
        method: "POST",
        headers: { authorization: "Bearer x", "content-type": "application/json" },
        body: JSON.stringify({
          model: "offline",
          messages: failedToday,
          tools: [listJobsTool, listFlowsTool],
          stream: true,
        }),
      }).then((response) => response.text());
    const [first, second] = [await send(), await send()];
    expect(first).toBe(second);
    expect(first).toContain("data: [DONE]");
  });

  it("exports the disclaimer to show next to results", () => {
    expect(offlineModelDisclaimer).toMatch(/^offline model: deterministic/);
  });
});

describe("fault injection", () => {
  it("injects seeded faults: server errors, malformed arguments and unknown tools", async () => {
    const faulty = await startOfflineModel({
      faults: [
        { kind: "malformed-arguments", rate: 1 },
        { kind: "unknown-tool", rate: 1 },
      ],
    });
    const failing = await startOfflineModel({ faults: [{ kind: "http-500", rate: 1 }] });
    try {
      const faultyClient = new OpenAI({ baseURL: faulty.baseURL, apiKey: "x", maxRetries: 0 });
      const completion = await faultyClient.chat.completions.create({
        model: "offline",
        messages: failedToday,
        tools: [listJobsTool, listFlowsTool],
      });
      const call = completion.choices[0]?.message.tool_calls?.[0];
      const fn = call?.type === "function" ? call.function : undefined;
      expect(fn?.name).toBe("celigo_CELIGO_LIST_JOBS_UNKNOWN");
      expect(() => JSON.parse(fn?.arguments ?? "")).toThrow();
      const failingClient = new OpenAI({ baseURL: failing.baseURL, apiKey: "x", maxRetries: 0 });
      await expect(
        failingClient.chat.completions.create({ model: "offline", messages: failedToday }),
      ).rejects.toMatchObject({ status: 500 });
    } finally {
      await faulty.close();
      await failing.close();
    }
  });

  it("hits about the configured share of distinct requests, the same ones every time", async () => {
    const { faultsFor } = await import("./faults.ts");
    const rules = [{ kind: "http-500" as const, rate: 0.3 }];
    const hits = Array.from(
      { length: 400 },
      (_, index) => faultsFor(rules, 7, `request-${index}`).size,
    );
    const share = hits.reduce((sum, hit) => sum + hit, 0) / hits.length;
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.38);
    expect(
      Array.from({ length: 400 }, (_, index) => faultsFor(rules, 7, `request-${index}`).size),
    ).toEqual(hits);
  });
});
