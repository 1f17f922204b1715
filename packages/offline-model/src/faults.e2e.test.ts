/**
 * Issue 11, item 8: faults drawn per attempt, so a retry can succeed; `http-429` with
 * Retry-After; `hang` until the client gives up, leaking nothing once the model closes.
 */
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import {
  FaultDraws,
  faultKinds,
  faultsFor,
  parseFaultRule,
  rateLimitRetryAfterSeconds,
} from "./faults.ts";
import { startOfflineModel } from "./start-offline-model.ts";

const body = (question: string) =>
  JSON.stringify({
    model: "offline",
    messages: [
      { role: "system", content: "You help.\nCurrent time: 2026-11-21T10:00:00.000Z" },
      { role: "user", content: question },
    ],
  });

async function post(baseURL: string, payload: string, signal?: AbortSignal) {
  const response = await fetch(`${baseURL}/chat/completions`, {
    method: "POST",
    headers: { authorization: "Bearer x", "content-type": "application/json" },
    body: payload,
    ...(signal ? { signal } : {}),
  });
  const answer = (await response.json()) as { error?: { message: string } };
  return { status: response.status, headers: response.headers, body: answer };
}

describe("fault draws", () => {
  it("draw anew for each attempt at the same request, and replay for the same sequence", () => {
    const rules = [{ kind: "http-500" as const, rate: 0.5 }];
    const first = new FaultDraws(rules, 3);
    const again = new FaultDraws(rules, 3);
    const attempts = Array.from({ length: 60 }, () => first.next("same-request").size);
    expect(new Set(attempts)).toEqual(new Set([0, 1]));
    expect(Array.from({ length: 60 }, () => again.next("same-request").size)).toEqual(attempts);
    expect(attempts).toEqual(
      Array.from({ length: 60 }, (_, attempt) => faultsFor(rules, 3, "same-request", attempt).size),
    );
  });

  it("let a retried request succeed: the same body gets a 500, then an answer", async () => {
    // The report: http-500 was drawn per request digest, so every retry got the same 500.
    const model = await startOfflineModel({ faults: [{ kind: "http-500", rate: 0.5 }], seed: 11 });
    const replay = await startOfflineModel({ faults: [{ kind: "http-500", rate: 0.5 }], seed: 11 });
    try {
      const payload = body("Which flows failed today?");
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 12; attempt++) {
        statuses.push((await post(model.baseURL, payload)).status);
      }
      expect(statuses).toContain(500);
      expect(statuses).toContain(200);
      const replayed: number[] = [];
      for (let attempt = 0; attempt < 12; attempt++) {
        replayed.push((await post(replay.baseURL, payload)).status);
      }
      expect(replayed).toEqual(statuses);
      // The official client's own retries get through: each one is a new attempt.
      const client = new OpenAI({ baseURL: model.baseURL, apiKey: "x", maxRetries: 4 });
      for (const question of ["Which flows failed today?", "List the flows", "Who changed what?"]) {
        const completion = await client.chat.completions.create({
          model: "offline",
          messages: JSON.parse(body(question)).messages,
        });
        expect(completion.choices[0]?.message.role).toBe("assistant");
      }
    } finally {
      await model.close();
      await replay.close();
    }
  });

  it("answer http-429 in OpenAI's shape with a small Retry-After", async () => {
    const model = await startOfflineModel({ faults: [{ kind: "http-429", rate: 1 }] });
    try {
      const answer = await post(model.baseURL, body("Which flows failed today?"));
      expect(answer.status).toBe(429);
      expect(answer.headers.get("retry-after")).toBe(String(rateLimitRetryAfterSeconds));
      expect(answer.body).toMatchObject({
        error: { type: "requests", code: "rate_limit_exceeded" },
      });
      expect(answer.body.error?.message).toContain("--fault http-429");
    } finally {
      await model.close();
    }
  });

  it("hang until the client gives up, then serve the next request", async () => {
    const model = await startOfflineModel({ faults: [{ kind: "hang", rate: 0.5 }], seed: 5 });
    try {
      const payload = body("Which flows failed today?");
      const outcomes: string[] = [];
      for (let attempt = 0; attempt < 8; attempt++) {
        const started = Date.now();
        const outcome = await post(model.baseURL, payload, AbortSignal.timeout(300)).then(
          (answer) => String(answer.status),
          (error: Error) => error.name,
        );
        outcomes.push(outcome);
        if (outcome === "TimeoutError") expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      }
      expect(outcomes).toContain("TimeoutError");
      expect(outcomes).toContain("200");
    } finally {
      await model.close();
    }
  });

  it("release a hanging request when the model closes, leaving no timer or socket behind", async () => {
    const before = process.getActiveResourcesInfo();
    const model = await startOfflineModel({ faults: [{ kind: "hang", rate: 1 }] });
    const pending = post(model.baseURL, body("Which flows failed today?")).then(
      () => "answered",
      () => "failed",
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await model.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe("failed");
    // Closing again (a harness that closes everything it started) is harmless.
    await expect(model.close()).resolves.toBeUndefined();
    // Let closed sockets finish their close callbacks before counting.
    await new Promise((resolve) => setImmediate(resolve));
    const count = (resources: string[], kind: string) =>
      resources.filter((resource) => resource === kind).length;
    const after = process.getActiveResourcesInfo();
    for (const kind of ["Timeout", "TCPServerWrap", "TCPSocketWrap"]) {
      expect(count(after, kind), kind).toBeLessThanOrEqual(count(before, kind));
    }
  });
});

describe("--fault kind:rate", () => {
  it("reads every kind with a rate from 0 to 1", () => {
    for (const kind of faultKinds) {
      expect(parseFaultRule(`${kind}:0.3`)).toEqual({ kind, rate: 0.3 });
    }
    expect(parseFaultRule("http-429:1")).toEqual({ kind: "http-429", rate: 1 });
  });

  it("refuses a missing or out-of-range rate, an unknown kind or extra parts, naming the kinds", () => {
    for (const text of [
      "http-500",
      "http-500:",
      "http-500:1.5",
      "http-500:x",
      "http-502:0.1",
      "http-500:0.1:2",
    ]) {
      expect(() => parseFaultRule(text)).toThrow(
        new RegExp(`kind one of ${faultKinds.join(", ")} .*got "${text}"`),
      );
    }
  });
});
