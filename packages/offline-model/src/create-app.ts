import { setTimeout as sleep } from "node:timers/promises";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { streamSSE } from "hono/streaming";
import type { z } from "zod";
import { digest } from "./deterministic-ids.ts";
import {
  applyRequestFaults,
  FaultDraws,
  pauseForSlowStream,
  slowStreamChunkDelayMs,
} from "./faults.ts";
import { type EngineOptions, runModel } from "./model-engine.ts";
import {
  chatCompletionBody,
  chatCompletionChunks,
  chatCompletionRequestSchema,
  chatConversation,
} from "./wire/chat-completions.ts";
import { invalidBodyError, OpenAIError } from "./wire/openai-error.ts";
import { ResponseStore } from "./wire/response-store.ts";
import {
  outputAsMessages,
  responseBody,
  responseEvents,
  responsesConversation,
  responsesRequestSchema,
} from "./wire/responses.ts";

export const offlineModelId = "offline";
const maximumBodyBytes = 20 * 1024 * 1024;

async function readBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  endpoint: string,
): Promise<{ body: z.infer<Schema>; requestDigest: string }> {
  const text = await request.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new OpenAIError(
      400,
      "invalid_request_error",
      `The body of the request to ${endpoint} is not valid JSON. Send a JSON object with Content-Type: application/json.`,
      { code: "invalid_json" },
    );
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw invalidBodyError(result.error, endpoint);
  // Streaming or not is delivery, not content: both give the same ids.
  const {
    stream: _stream,
    stream_options: _streamOptions,
    ...content
  } = result.data as Record<string, unknown>;
  return { body: result.data, requestDigest: digest(endpoint, content) };
}

/**
 * The OpenAI-compatible routes, on a Hono app (no listening socket: see start-offline-model).
 * `shutdown` aborts when the server closes, releasing any request a `hang` fault holds.
 */
export function createApp(
  options: EngineOptions,
  store = new ResponseStore(),
  shutdown: AbortSignal = new AbortController().signal,
) {
  const app = new Hono();
  const faultDraws = new FaultDraws(options.faults, options.seed);
  /** This attempt's faults; the ones that fail the request before the model answers apply here. */
  const drawFaults = async (request: Request, requestDigest: string) => {
    const faults = faultDraws.next(requestDigest);
    await applyRequestFaults(faults, { request: request.signal, shutdown });
    return faults;
  };

  app.onError((error) => {
    const known =
      error instanceof OpenAIError
        ? error
        : new OpenAIError(
            500,
            "server_error",
            "The offline model failed on this request. Retry it; if it keeps failing, report the request body.",
          );
    return Response.json(known.toBody(), { status: known.status, headers: known.headers() });
  });
  app.notFound((context) => {
    const error = new OpenAIError(
      404,
      "invalid_request_error",
      `Invalid URL (${context.req.method} ${context.req.path}). The offline model serves POST /v1/chat/completions, POST /v1/responses and GET /v1/models.`,
      { code: "unknown_url" },
    );
    return context.json(error.toBody(), 404);
  });

  app.use("/v1/*", async (context, next) => {
    const header = context.req.header("authorization") ?? "";
    if (!/^Bearer\s+\S+/i.test(header)) {
      throw new OpenAIError(
        401,
        "invalid_request_error",
        "You didn't provide an API key. Send an Authorization header with Bearer auth (Authorization: Bearer <any value>); the offline model accepts any key.",
        { code: "missing_api_key" },
      );
    }
    await next();
  });
  app.use(
    "/v1/*",
    bodyLimit({
      maxSize: maximumBodyBytes,
      onError: () => {
        throw new OpenAIError(
          400,
          "invalid_request_error",
          `The request body is larger than ${maximumBodyBytes / 1024 / 1024} MB. Send fewer or shorter messages.`,
          { code: "body_too_large" },
        );
      },
    }),
  );

  app.get("/v1/models", (context) =>
    context.json({
      object: "list",
      data: [{ id: offlineModelId, object: "model", created: 0, owned_by: "celigo-agents" }],
    }),
  );

  app.post("/v1/chat/completions", async (context) => {
    const { body, requestDigest } = await readBody(
      context.req.raw,
      chatCompletionRequestSchema,
      "/v1/chat/completions",
    );
    const faults = await drawFaults(context.req.raw, requestDigest);
    const reply = await runModel(chatConversation(body), options, faults);
    const slow = reply.faults.has("slow-stream");
    if (!body.stream) {
      await pauseForSlowStream(reply.faults, 4);
      return context.json(chatCompletionBody(body, reply, requestDigest));
    }
    return streamSSE(context, async (stream) => {
      for (const data of chatCompletionChunks(body, reply, requestDigest)) {
        if (slow) await sleep(slowStreamChunkDelayMs);
        await stream.writeSSE({ data });
      }
    });
  });

  app.post("/v1/responses", async (context) => {
    const { body, requestDigest } = await readBody(
      context.req.raw,
      responsesRequestSchema,
      "/v1/responses",
    );
    const { conversation, history } = responsesConversation(body, store);
    const faults = await drawFaults(context.req.raw, requestDigest);
    const reply = await runModel(conversation, options, faults);
    const responseId = responseBody(body, reply, requestDigest).id;
    if (body.store !== false)
      store.set(responseId, [...history, ...outputAsMessages(reply, requestDigest)]);
    const slow = reply.faults.has("slow-stream");
    if (!body.stream) {
      await pauseForSlowStream(reply.faults, 4);
      return context.json(responseBody(body, reply, requestDigest));
    }
    return streamSSE(context, async (stream) => {
      for (const event of responseEvents(body, reply, requestDigest)) {
        if (slow) await sleep(slowStreamChunkDelayMs);
        await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
      }
    });
  });

  return app;
}
