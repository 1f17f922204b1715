/** The sandbox's answers to bad input (issue 11, items 1 to 4), over HTTP and MCP. */
import assert from "node:assert/strict";
import { firstError, parseJson, type ReliabilityRow, resultText } from "./reliability-row.ts";
import { singleConnection } from "./reliability-target.ts";

const oversizedTag = () => JSON.stringify({ tag: "x".repeat(1_100_000) });

export const sandboxRows: ReliabilityRow[] = [
  {
    area: "sandbox",
    input: "A request body over 1 MB (`POST /v1/tags`, 1.1 MB) on a keep-alive connection",
    expected:
      "413 `payload_too_large` envelope; the rest of the body is read off, so the next request on the same connection answers 200",
    check: async (target) => {
      const agent = singleConnection();
      try {
        const url = `${target.sandbox.baseUrl}/v1/tags`;
        const headers = target.celigoHeaders();
        const oversized = await target.raw(url, {
          method: "POST",
          headers,
          body: oversizedTag(),
          agent,
        });
        assert.equal(oversized.status, 413);
        assert.equal(firstError(oversized.body).code, "payload_too_large");
        const next = await target.raw(url, { headers, agent });
        assert.equal(next.status, 200, "the request after the 413 failed");
        assert.equal(next.socket, oversized.socket, "the 413 cost the client its connection");
      } finally {
        agent.destroy();
      }
    },
  },
  {
    area: "sandbox",
    input: "An MCP tool call over 1 MB, then an unrelated call on the same MCP client",
    expected:
      "the oversized call fails with the 413 `payload_too_large` envelope; the next call (`CELIGO_LIST_FLOWS`) answers as usual",
    check: async (target) => {
      const client = await target.connectMcp("direct");
      const oversized = await client
        .callTool({ name: "CELIGO_GET_FLOW", arguments: { flow_id: "f".repeat(1_100_000) } })
        .then(
          () => undefined,
          (error: Error) => error,
        );
      assert.ok(oversized, "the oversized call did not fail");
      assert.match(oversized.message, /payload_too_large/);
      const next = await client.callTool({ name: "CELIGO_LIST_FLOWS", arguments: { limit: 1 } });
      assert.notEqual(next.isError, true, resultText(next));
    },
  },
  {
    area: "sandbox",
    input: "`CELIGO_GET_FLOW {flow_id: <900 KB string>}` over MCP",
    expected:
      "an `isError` result of a few KB: the echoed id is cut, and the message says how long it was",
    check: async (target) => {
      const client = await target.connectMcp("direct");
      const result = await client.callTool({
        name: "CELIGO_GET_FLOW",
        arguments: { flow_id: "a".repeat(900_000) },
      });
      const text = resultText(result);
      assert.equal(result.isError, true);
      assert.ok(text.length < 10_000, `the result is ${text.length} characters`);
      assert.match(text, /\[cut: \d+ characters in all\]/);
    },
  },
  {
    area: "sandbox",
    input:
      "An argument no schema declares: `CELIGO_LIST_FLOWS {bogus_arg: 1}` (direct) and inside `COMPOSIO_MULTI_EXECUTE_TOOL` (router)",
    expected:
      "`isError` with `invalid_argument` naming `bogus_arg` and the tool's parameters; the tool does not run",
    check: async (target) => {
      const direct = await target.connectMcp("direct");
      const listed = await direct.callTool({
        name: "CELIGO_LIST_FLOWS",
        arguments: { bogus_arg: 1 },
      });
      assert.equal(listed.isError, true, "CELIGO_LIST_FLOWS ran with an unknown argument");
      assert.match(resultText(listed), /Argument \\"bogus_arg\\" is not a parameter/);
      const router = await target.connectMcp("router");
      const batch = await router.callTool({
        name: "COMPOSIO_MULTI_EXECUTE_TOOL",
        arguments: {
          tools: [{ tool_slug: "CELIGO_LIST_FLOWS", arguments: { bogus_arg: 1 } }],
          sync_response_to_workbench: false,
        },
      });
      assert.equal(batch.isError, true);
      assert.match(resultText(batch), /bogus_arg/);
    },
  },
  {
    area: "sandbox",
    input:
      "Bad paging: `pageSize=-1`, `skip=0x10`, `pageSize=1e1` on `/v1/jobs`, `/v1/flows`, `/v1/exports`",
    expected: "400 `invalid_query_params` naming the parameter, the same on every list route",
    check: async (target) => {
      const base = target.sandbox.baseUrl;
      for (const list of [
        "/v1/jobs?createdAt_gte=2000-01-01T00:00:00Z&",
        "/v1/flows?",
        "/v1/exports?",
      ]) {
        for (const [name, value] of [
          ["pageSize", "-1"],
          ["skip", "0x10"],
          ["pageSize", "1e1"],
        ] as const) {
          const answer = await target.raw(`${base}${list}${name}=${value}`, {
            headers: target.celigoHeaders(),
          });
          const where = `${list}${name}=${value}`;
          assert.equal(answer.status, 400, where);
          assert.deepEqual(
            { code: firstError(answer.body).code, field: firstError(answer.body).field },
            { code: "invalid_query_params", field: name },
            where,
          );
        }
      }
    },
  },
  {
    area: "sandbox",
    input: "A write holding a 900 KB string (`PUT /v1/flows/{id}` with such a `name`)",
    expected: "422 `invalid_field` naming `name` and the 100,000-character cap; nothing is saved",
    check: async (target) => {
      const base = target.sandbox.baseUrl;
      const headers = target.celigoHeaders();
      const flows = parseJson<{ _id: string; name: string }[]>(
        (await target.raw(`${base}/v1/flows`, { headers })).body,
      );
      const flow = flows[0];
      assert.ok(flow, "the account has no flow");
      const answer = await target.raw(`${base}/v1/flows/${flow._id}`, {
        method: "PUT",
        headers,
        body: JSON.stringify({ ...flow, name: "n".repeat(900_000) }),
      });
      assert.equal(answer.status, 422);
      assert.equal(firstError(answer.body).field, "name");
      assert.match(firstError(answer.body).message, /limited to 100000 characters/);
      const after = parseJson<{ name: string }>(
        (await target.raw(`${base}/v1/flows/${flow._id}`, { headers })).body,
      );
      assert.equal(after.name, flow.name, "the long name was saved");
    },
  },
  {
    area: "sandbox",
    input:
      '`POST /sandbox/accounts {"now":"+275760-09-13T00:00:00Z"}` (a date no scenario can hold)',
    expected: "400 `invalid_field` naming `now` and the accepted range; no 500",
    check: async (target) => {
      const answer = await target.raw(`${target.sandbox.baseUrl}/sandbox/accounts`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${target.sandbox.adminToken}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ now: "+275760-09-13T00:00:00Z" }),
      });
      assert.equal(answer.status, 400);
      assert.equal(firstError(answer.body).field, "now");
      assert.match(firstError(answer.body).message, /1970-01-01T00:00:00Z to 9999-12-31/);
      assert.deepEqual(target.sandboxLog, [], "a refused input was logged as a sandbox bug");
    },
  },
  {
    area: "sandbox",
    input: "Malformed JSON (`POST /v1/tags` with `{not json`) and an unknown route",
    expected:
      "400 `invalid_json` and 404 `not_found` envelopes that say what to fix; no stack trace",
    check: async (target) => {
      const base = target.sandbox.baseUrl;
      const headers = target.celigoHeaders();
      const malformed = await target.raw(`${base}/v1/tags`, {
        method: "POST",
        headers,
        body: "{not json",
      });
      assert.equal(malformed.status, 400);
      assert.equal(firstError(malformed.body).code, "invalid_json");
      const unknown = await target.raw(`${base}/v1/no-such-thing`, { headers });
      assert.equal(unknown.status, 404);
      assert.match(firstError(unknown.body).message, /Check the path and method/);
      for (const body of [malformed.body, unknown.body]) assert.doesNotMatch(body, /at .*\.ts/);
    },
  },
];
