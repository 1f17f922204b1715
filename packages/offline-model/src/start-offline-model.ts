import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp, offlineModelId } from "./create-app.ts";
import { type FaultRule, faultKinds } from "./faults.ts";
import { warmUpPolicy } from "./policy/policy.ts";

export interface OfflineModelOptions {
  /** 0 (the default) picks any free port. */
  port?: number;
  /** Loopback by default. */
  host?: string;
  /** Simulated think time before each response. */
  latencyMs?: number;
  faults?: FaultRule[];
  /**
   * Seeds the fault PRNG; the same seed and sequence of requests always give the same faults
   * (each attempt at a request draws anew, so a retry can succeed).
   */
  seed?: number;
}

export interface OfflineModel {
  /** e.g. `http://127.0.0.1:PORT/v1`: what an OpenAI client takes as `baseURL`. */
  baseURL: string;
  modelId: typeof offlineModelId;
  close(): Promise<void>;
}

/** The sentence every README and report shows next to results produced with this model. */
export const offlineModelDisclaimer =
  "offline model: deterministic, for wiring and demos; use a real model to compare agents";

function checkOptions(options: OfflineModelOptions): void {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(
      `port must be an integer from 0 to 65535 (0 = any free port); got ${port}.`,
    );
  }
  const latency = options.latencyMs ?? 0;
  if (!Number.isFinite(latency) || latency < 0) {
    throw new RangeError(`latencyMs must be a number of milliseconds, 0 or more; got ${latency}.`);
  }
  for (const fault of options.faults ?? []) {
    if (!faultKinds.includes(fault.kind)) {
      throw new RangeError(
        `Unknown fault kind "${fault.kind}"; use one of ${faultKinds.join(", ")}.`,
      );
    }
    if (!(fault.rate >= 0 && fault.rate <= 1)) {
      throw new RangeError(`Fault rate for ${fault.kind} must be from 0 to 1; got ${fault.rate}.`);
    }
  }
}

/** Starts the deterministic OpenAI-compatible endpoint on loopback. */
export async function startOfflineModel(options: OfflineModelOptions = {}): Promise<OfflineModel> {
  checkOptions(options);
  warmUpPolicy();
  const host = options.host ?? "127.0.0.1";
  const shutdown = new AbortController();
  const app = createApp(
    {
      latencyMs: options.latencyMs ?? 0,
      faults: options.faults ?? [],
      seed: options.seed ?? 0,
    },
    undefined,
    shutdown.signal,
  );
  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () =>
      resolve(started as Server),
    ) as Server;
    started.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    baseURL: `http://${urlHost}:${port}/v1`,
    modelId: offlineModelId,
    // Idempotent: a second close() waits for the first.
    close: () => {
      closed ??= new Promise<void>((resolve, reject) => {
        // Requests held by a `hang` fault end first, so nothing outlives the server.
        shutdown.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
