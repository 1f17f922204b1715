/** The offline model's faults (issue 11, item 8) and its own input limits, over HTTP. */
import assert from "node:assert/strict";
import { parseJson, type ReliabilityRow } from "./reliability-row.ts";
import type { ReliabilityTarget } from "./reliability-target.ts";

const question = JSON.stringify({
  model: "offline",
  messages: [
    { role: "system", content: "You help.\nCurrent time: 2026-11-21T15:06:00.000Z" },
    { role: "user", content: "Which flows failed today?" },
  ],
  tools: [
    {
      type: "function",
      function: {
        name: "celigo_CELIGO_LIST_JOBS",
        description: "Fetches one page of jobs from Celigo with optional filters.",
        parameters: {
          type: "object",
          properties: {
            created_at_gte: { type: "string", description: "Jobs created at or after this time" },
            created_at_lte: { type: "string", description: "Jobs created at or before this time" },
          },
        },
      },
    },
    {
      type: "function",
      function: {
        name: "celigo_CELIGO_LIST_FLOWS",
        description: "Tool to retrieve all flows from Celigo.",
        parameters: { type: "object", properties: {} },
      },
    },
  ],
});

function ask(target: ReliabilityTarget, baseURL: string, body = question) {
  return target.raw(`${baseURL}/chat/completions`, {
    method: "POST",
    headers: { authorization: "Bearer any", "content-type": "application/json" },
    body,
  });
}

type OpenAIErrorBody = { error: { type: string; code: string | null; message: string } };

export const offlineModelRows: ReliabilityRow[] = [
  {
    area: "offline model",
    input: "`--fault http-500:0.5`, the same request sent again and again (a client's retries)",
    expected:
      "each attempt draws anew: some answer an OpenAI-shaped 500, the others 200, so a retry can succeed; the same seed replays the same sequence",
    check: async (target) => {
      const options = { faults: [{ kind: "http-500" as const, rate: 0.5 }], seed: 11 };
      const statusesOf = async (baseURL: string) => {
        const statuses: number[] = [];
        for (let attempt = 0; attempt < 12; attempt++) {
          statuses.push((await ask(target, baseURL)).status);
        }
        return statuses;
      };
      const first = await statusesOf((await target.startModel(options)).baseURL);
      assert.ok(first.includes(500) && first.includes(200), `statuses: ${first.join(", ")}`);
      const replayed = await statusesOf((await target.startModel(options)).baseURL);
      assert.deepEqual(replayed, first, "the same seed and requests met other faults");
    },
  },
  {
    area: "offline model",
    input: "`--fault http-429:1`",
    expected:
      "429 in OpenAI's shape (`type: requests`, `code: rate_limit_exceeded`) with `Retry-After: 1`",
    check: async (target) => {
      const model = await target.startModel({ faults: [{ kind: "http-429", rate: 1 }] });
      const answer = await ask(target, model.baseURL);
      assert.equal(answer.status, 429);
      assert.equal(answer.headers["retry-after"], "1");
      const { error } = parseJson<OpenAIErrorBody>(answer.body);
      assert.deepEqual([error.type, error.code], ["requests", "rate_limit_exceeded"]);
    },
  },
  {
    area: "offline model",
    input: "`--fault hang:1`, a client that gives up after 300 ms",
    expected:
      "no answer at all until the client disconnects; closing the model then takes under a second",
    check: async (target) => {
      const model = await target.startModel({ faults: [{ kind: "hang", rate: 1 }] });
      const started = Date.now();
      const outcome = await fetch(`${model.baseURL}/chat/completions`, {
        method: "POST",
        headers: { authorization: "Bearer any", "content-type": "application/json" },
        body: question,
        signal: AbortSignal.timeout(300),
      }).then(
        (response) => `HTTP ${response.status}`,
        (error: Error) => error.name,
      );
      assert.equal(outcome, "TimeoutError");
      assert.ok(Date.now() - started >= 290, "the client's timeout did not fire first");
      const held = fetch(`${model.baseURL}/chat/completions`, {
        method: "POST",
        headers: { authorization: "Bearer any", "content-type": "application/json" },
        body: question,
      }).then(
        () => "answered",
        () => "released",
      );
      const closing = Date.now();
      await model.close();
      assert.ok(Date.now() - closing < 1000, "close() waited for the hanging request");
      assert.equal(await held, "released");
    },
  },
  {
    area: "offline model",
    input: "`--fault malformed-arguments:1` and `--fault unknown-tool:1`",
    expected: "the first tool call's JSON arguments are cut short, and its name gets `_UNKNOWN`",
    check: async (target) => {
      const model = await target.startModel({
        faults: [
          { kind: "malformed-arguments", rate: 1 },
          { kind: "unknown-tool", rate: 1 },
        ],
      });
      const answer = await ask(target, model.baseURL);
      assert.equal(answer.status, 200);
      const call = parseJson<{
        choices: {
          message: { tool_calls?: { function: { name: string; arguments: string } }[] };
        }[];
      }>(answer.body).choices[0]?.message.tool_calls?.[0]?.function;
      assert.ok(call, "the model made no tool call");
      assert.equal(call.name, "celigo_CELIGO_LIST_JOBS_UNKNOWN");
      assert.throws(() => JSON.parse(call.arguments), SyntaxError);
    },
  },
  {
    area: "offline model",
    input: "A request body over 20 MB, and a body that is not JSON, to the offline model",
    expected:
      "400 in OpenAI's shape: `body_too_large` and `invalid_json`, each saying what to send",
    check: async (target) => {
      // fetch, as an OpenAI client sends it: the answer may come before the upload ends.
      const huge = await fetch(`${target.model.baseURL}/chat/completions`, {
        method: "POST",
        headers: { authorization: "Bearer any", "content-type": "application/json" },
        body: "x".repeat(21 * 1024 * 1024),
      });
      assert.equal(huge.status, 400);
      assert.equal(parseJson<OpenAIErrorBody>(await huge.text()).error.code, "body_too_large");
      const garbled = await ask(target, target.model.baseURL, "{not json");
      assert.equal(garbled.status, 400);
      assert.equal(parseJson<OpenAIErrorBody>(garbled.body).error.code, "invalid_json");
      // The model still answers after both.
      assert.equal((await ask(target, target.model.baseURL)).status, 200);
    },
  },
];
