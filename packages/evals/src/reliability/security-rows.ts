/** The security checks that hold over HTTP: auth, tenant isolation, DNS rebinding, path traversal. */
import assert from "node:assert/strict";
import { firstError, parseJson, type ReliabilityRow, resultText } from "./reliability-row.ts";

export const securityRows: ReliabilityRow[] = [
  {
    area: "security",
    input: "No token, or a wrong token, on the integrator.io API (`/v1`)",
    expected:
      'Celigo\'s bare 401 bodies: `{"message":"Unauthorized"}` without a token, `{"message":"Bearer Authentication Failed"}` for a wrong one',
    check: async (target) => {
      const url = `${target.sandbox.baseUrl}/v1/flows`;
      const missing = await target.raw(url);
      assert.equal(missing.status, 401);
      assert.deepEqual(parseJson(missing.body), { message: "Unauthorized" });
      const wrong = await target.raw(url, {
        headers: { authorization: "Bearer 0123456789abcdef" },
      });
      assert.equal(wrong.status, 401);
      assert.deepEqual(parseJson(wrong.body), { message: "Bearer Authentication Failed" });
    },
  },
  {
    area: "security",
    input: "No admin token, or an account's token, on the admin routes (`/sandbox/...`)",
    expected: "401 with no account's credentials in it",
    check: async (target) => {
      const url = `${target.sandbox.baseUrl}/sandbox/accounts`;
      const missing = await target.raw(url, { method: "POST", body: "{}" });
      const accountToken = await target.raw(url, {
        method: "POST",
        headers: target.celigoHeaders(),
        body: "{}",
      });
      for (const answer of [missing, accountToken]) {
        assert.equal(answer.status, 401);
        assert.doesNotMatch(answer.body, /celigoToken|accountId/, "an account was created");
      }
    },
  },
  {
    area: "security",
    input: "A wrong `x-api-key` on the Composio Tool Router API",
    expected: "401 `unauthorized`, naming the header to send",
    check: async (target) => {
      const answer = await target.raw(`${target.sandbox.baseUrl}/api/v3.1/tool_router/session`, {
        method: "POST",
        headers: { "x-api-key": "ak_wrong", "content-type": "application/json" },
        body: JSON.stringify({ user_id: "u" }),
      });
      assert.equal(answer.status, 401);
      assert.match(answer.body, /x-api-key/);
    },
  },
  {
    area: "security",
    input: "One account's token on another account's flow (GET, PUT, DELETE, run)",
    expected: "404 for each, as if the flow did not exist; the other account's flow is unchanged",
    check: async (target) => {
      const base = target.sandbox.baseUrl;
      const other = target.sandbox.createAccount({ scenario: "small" });
      const otherHeaders = { authorization: `Bearer ${other.celigoToken}` };
      const foreign = parseJson<{ _id: string; name: string }[]>(
        (await target.raw(`${base}/v1/flows`, { headers: otherHeaders })).body,
      )[0];
      assert.ok(foreign, "the other account has no flow");
      const headers = target.celigoHeaders();
      for (const [method, path, body] of [
        ["GET", `/v1/flows/${foreign._id}`, undefined],
        ["PUT", `/v1/flows/${foreign._id}`, JSON.stringify({ name: "hijack" })],
        ["DELETE", `/v1/flows/${foreign._id}`, undefined],
        ["POST", `/v1/flows/${foreign._id}/run`, undefined],
      ] as const) {
        const answer = await target.raw(`${base}${path}`, {
          method,
          headers,
          ...(body ? { body } : {}),
        });
        assert.equal(answer.status, 404, `${method} ${path}`);
      }
      const after = parseJson<{ name: string }>(
        (await target.raw(`${base}/v1/flows/${foreign._id}`, { headers: otherHeaders })).body,
      );
      assert.equal(after.name, foreign.name);
    },
  },
  {
    area: "security",
    input:
      "One account's `x-api-key` on another account's Tool Router session (session API and MCP URL)",
    expected: "404 `tool_router_session_not_found` for both",
    check: async (target) => {
      const base = target.sandbox.baseUrl;
      const { sessionId, mcpUrlPath } = target.sandbox.toolRouter.createSession(
        target.sandbox.defaultAccount.accountId,
        { exposure: "direct" },
      );
      const other = target.sandbox.createAccount({ scenario: "small" });
      const headers = { "x-api-key": other.composioApiKey, "content-type": "application/json" };
      const session = await target.raw(`${base}/api/v3.1/tool_router/session/${sessionId}`, {
        headers,
      });
      assert.equal(session.status, 404);
      const mcp = await target.raw(`${base}${mcpUrlPath}`, { method: "POST", headers, body: "{}" });
      assert.equal(mcp.status, 404);
    },
  },
  {
    area: "security",
    input:
      "DNS rebinding: `Host: evil.example`, or `Origin: http://evil.example`, with a valid token",
    expected: "403 `forbidden_host` / `forbidden_origin`; `localhost` and the bound address pass",
    check: async (target) => {
      const url = `${target.sandbox.baseUrl}/v1/tokenInfo`;
      const token = { authorization: `Bearer ${target.sandbox.defaultAccount.celigoToken}` };
      const host = await target.raw(url, { headers: { ...token, host: "evil.example:80" } });
      assert.equal(host.status, 403);
      assert.equal(firstError(host.body).code, "forbidden_host");
      const origin = await target.raw(url, {
        headers: { ...token, origin: "http://evil.example" },
      });
      assert.equal(origin.status, 403);
      assert.equal(firstError(origin.body).code, "forbidden_origin");
      const loopback = await target.raw(url, {
        headers: { ...token, host: "localhost", origin: "http://localhost:3000" },
      });
      assert.equal(loopback.status, 200);
    },
  },
  {
    area: "security",
    input:
      'Path traversal in a tool argument: `CELIGO_GET_STATE_VALUE {key: "../flows/<a real flow id>"}`',
    expected:
      "the key stays one path segment (`..%2Fflows%2F…`): a 404 for that state key, never the flow",
    check: async (target) => {
      const headers = target.celigoHeaders();
      const flow = parseJson<{ _id: string; name: string }[]>(
        (await target.raw(`${target.sandbox.baseUrl}/v1/flows`, { headers })).body,
      )[0];
      assert.ok(flow, "the account has no flow");
      const client = await target.connectMcp("direct");
      const result = await client.callTool({
        name: "CELIGO_GET_STATE_VALUE",
        arguments: { key: `../flows/${flow._id}` },
      });
      const text = resultText(result);
      assert.equal(result.isError, true);
      assert.match(text, /No state key/);
      assert.ok(!text.includes(flow.name), "the traversal reached the flow");
    },
  },
  {
    area: "security",
    input: "A request to the offline model without `Authorization: Bearer`",
    expected: "401 in OpenAI's error shape (`missing_api_key`), saying any key is accepted",
    check: async (target) => {
      const answer = await target.raw(`${target.model.baseURL}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "offline", messages: [{ role: "user", content: "Hi" }] }),
      });
      assert.equal(answer.status, 401);
      const body = parseJson<{ error: { code: string; message: string } }>(answer.body);
      assert.equal(body.error.code, "missing_api_key");
      assert.match(body.error.message, /accepts any key/);
    },
  },
];
