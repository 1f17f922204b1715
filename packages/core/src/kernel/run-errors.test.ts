import { describe, expect, it } from "vitest";
import {
  abortedRunError,
  describeEndpoint,
  isServiceFailure,
  runError,
  stepLimitError,
  toolTransportError,
} from "./run-errors.ts";
import type { ResolvedModel } from "./runner.ts";

const localServer: ResolvedModel = {
  provider: "openai",
  modelId: "llama3",
  baseURL: "http://user:secret@127.0.0.1:11434/v1",
  apiKey: "sk-secret",
  api: "chat",
  timeoutMs: 30_000,
  maxRetries: 2,
};
const openai: ResolvedModel = {
  ...localServer,
  baseURL: "https://api.openai.com/v1",
  api: "responses",
};

/** An error nested the way frameworks wrap fetch failures. */
function wrapped(inner: object, outerName = "RetryError"): Error {
  const outer = new Error("Failed after 3 attempts.");
  outer.name = outerName;
  Object.assign(outer, { lastError: Object.assign(new Error("request failed"), inner) });
  return outer;
}

describe("runError", () => {
  it("is an abort whenever the run's signal was aborted", () => {
    const controller = new AbortController();
    controller.abort();
    expect(runError(new Error("anything"), { signal: controller.signal, model: openai })).toEqual(
      abortedRunError(),
    );
  });

  it("names the endpoint and MODEL_TIMEOUT_S for a timeout, however deep it is", () => {
    const timeout = Object.assign(new Error("The operation was aborted due to timeout"), {
      name: "TimeoutError",
    });
    const error = runError(wrapped({ cause: timeout }), { model: localServer });
    expect(error.code).toBe("timeout");
    expect(error.message).toBe(
      "The model server at OPENAI_BASE_URL=http://127.0.0.1:11434/v1 did not answer within 30 s (MODEL_TIMEOUT_S). Check that the server is up and the model is loaded, or raise MODEL_TIMEOUT_S.",
    );
  });

  it("calls a request cut short by its timed-out signal a timeout", async () => {
    // The openai client reports a request its signal stopped as an abort whose cause is the
    // signal's reason: for AbortSignal.timeout, a TimeoutError.
    const signal = AbortSignal.timeout(1);
    await new Promise((resolve) => signal.addEventListener("abort", resolve));
    const aborted = new Error("Request was aborted.", { cause: signal.reason });
    expect(runError(aborted, { model: localServer }).code).toBe("timeout");
    expect(runError(new Error("Request was aborted."), { model: localServer }).code).toBe(
      "run_failed",
    );
  });

  it("reads an HTTP status and says what to change for it", () => {
    expect(runError(wrapped({ statusCode: 401 }), { model: openai })).toEqual({
      code: "model_error",
      message:
        "OpenAI (api.openai.com, MODEL=openai/llama3) refused the key (HTTP 401). Check OPENAI_API_KEY.",
      status: 401,
    });
    expect(runError(wrapped({ status: 503 }), { model: localServer }).message).toMatch(
      /failed \(HTTP 503, after 2 retries\)/,
    );
    expect(runError(wrapped({ status: 429 }), { model: localServer }).message).toMatch(/HTTP 429/);
  });

  it("calls a refused connection an unreachable model server", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:11434"), {
      code: "ECONNREFUSED",
    });
    const fetchFailed = new TypeError("fetch failed", { cause: refused });
    const error = runError(fetchFailed, { model: localServer });
    expect(error).toEqual({
      code: "model_error",
      message:
        "The model server at OPENAI_BASE_URL=http://127.0.0.1:11434/v1 could not be reached (ECONNREFUSED, after 2 retries). Start the server or correct OPENAI_BASE_URL.",
    });
  });

  it("asks about the network, not a server to start, when OpenAI itself is unreachable", () => {
    const notFound = Object.assign(new Error("getaddrinfo ENOTFOUND api.openai.com"), {
      code: "ENOTFOUND",
    });
    const error = runError(new TypeError("fetch failed", { cause: notFound }), { model: openai });
    expect(error.message).toBe(
      "OpenAI (api.openai.com, MODEL=openai/llama3) could not be reached (ENOTFOUND, after 2 retries). Check this machine's network connection and proxy, or set OPENAI_BASE_URL to a server it can reach.",
    );
  });

  it("says when fetch refuses the port itself, as the AI SDK and Mastra report it", () => {
    // undici's message for a blocked port, inside the AI SDK's retry error.
    const error = runError(wrapped({ message: "Cannot connect to API: bad port" }), {
      model: { ...localServer, baseURL: "http://127.0.0.1:9/v1" },
    });
    expect(error.code).toBe("model_error");
    expect(error.message).toContain("OPENAI_BASE_URL=http://127.0.0.1:9/v1 uses a port that fetch");
    expect(isServiceFailure(error)).toBe(true);
  });

  it("never shows credentials from the URL or the key", () => {
    const error = runError(wrapped({ status: 500 }), { model: localServer });
    expect(error.message).not.toMatch(/secret|user:/);
  });

  it("keeps anything else as the framework's message", () => {
    expect(runError(new Error("Tool celigo_X not found"), { model: localServer })).toEqual({
      code: "run_failed",
      message: "Tool celigo_X not found",
    });
  });
});

describe("run error helpers", () => {
  it("names the step budget that ran out", () => {
    expect(stepLimitError(7)).toEqual({
      code: "step_limit",
      message:
        "The agent used all 7 steps without a final answer. Ask something narrower, or raise maxSteps.",
    });
  });

  it("describes each kind of endpoint", () => {
    expect(describeEndpoint({ ...localServer, provider: "offline" })).toBe(
      "The offline model at http://127.0.0.1:11434/v1",
    );
    expect(describeEndpoint(openai)).toBe("OpenAI (api.openai.com, MODEL=openai/llama3)");
  });
});

describe("isServiceFailure", () => {
  it("blames the services for outages and the agent for what it sent", () => {
    const model = (status?: number) => ({
      code: "model_error" as const,
      message: "",
      ...(status ? { status } : {}),
    });
    expect(isServiceFailure(model())).toBe(true);
    expect(isServiceFailure(model(503))).toBe(true);
    expect(isServiceFailure(model(429))).toBe(true);
    expect(isServiceFailure(model(400))).toBe(false);
    expect(isServiceFailure(toolTransportError("fetch failed"))).toBe(true);
    expect(isServiceFailure(stepLimitError(3))).toBe(false);
    expect(isServiceFailure(abortedRunError())).toBe(false);
  });
});
