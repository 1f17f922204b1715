/**
 * `pnpm offline-model [--port N] [--host H] [--latency-ms N] [--fault kind:rate]… [--seed N] [--json]`
 * With --json the first line of standard output is `{"baseUrl":"http://127.0.0.1:PORT/v1"}`.
 */
import { parseArgs } from "node:util";
import { type FaultRule, faultDescriptions, faultKinds } from "./faults.ts";
import { offlineModelDisclaimer, startOfflineModel } from "./start-offline-model.ts";

const usage =
  "Usage: pnpm offline-model [--port N] [--host 127.0.0.1] [--latency-ms N] [--fault kind:rate]... [--seed N] [--json]";

const help = `${usage}

A deterministic OpenAI-compatible endpoint (Chat Completions and Responses), a test double for
an LLM: ${offlineModelDisclaimer}.

Options:
  --port N            port to listen on; 0 (the default) picks a free one
  --host H            address to bind; 127.0.0.1 by default
  --latency-ms N      think time before each answer, in milliseconds (default 0)
  --fault kind:rate   inject a fault into that share (0 to 1) of attempts; repeat for several.
                      Each attempt draws anew, so a client's retry can succeed. Kinds:
${faultKinds.map((kind) => `                        ${kind.padEnd(20)} ${faultDescriptions[kind]}`).join("\n")}
  --seed N            seeds the fault draws: the same seed and requests meet the same faults
  --json              print {"baseUrl": ...} as the first line of standard output
  --help              print this and exit
`;

class UsageError extends Error {}

function integerFlag(name: string, value: string | undefined, minimum: number, maximum: number) {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum || number > maximum) {
    throw new UsageError(
      `--${name} must be a whole number from ${minimum} to ${maximum}; got "${value}".`,
    );
  }
  return number;
}

function faultFlag(value: string): FaultRule {
  const [kind, rateText] = value.split(":");
  const rate = Number(rateText);
  if (
    !faultKinds.includes(kind as FaultRule["kind"]) ||
    rateText === undefined ||
    !(rate >= 0 && rate <= 1)
  ) {
    throw new UsageError(
      `--fault takes kind:rate with kind one of ${faultKinds.join(", ")} and rate from 0 to 1 (e.g. --fault http-500:0.1); got "${value}".`,
    );
  }
  return { kind: kind as FaultRule["kind"], rate };
}

function readFlags(argv: string[]) {
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "latency-ms": { type: "string" },
        fault: { type: "string", multiple: true },
        seed: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    return {
      help: values.help,
      port: integerFlag("port", values.port, 0, 65_535) ?? 0,
      host: values.host ?? "127.0.0.1",
      latencyMs: integerFlag("latency-ms", values["latency-ms"], 0, 600_000) ?? 0,
      faults: (values.fault ?? []).map(faultFlag),
      seed: integerFlag("seed", values.seed, 0, Number.MAX_SAFE_INTEGER) ?? 0,
      json: values.json,
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${(error as Error).message}.`);
  }
}

async function main(): Promise<void> {
  let flags: ReturnType<typeof readFlags>;
  try {
    flags = readFlags(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message} ${usage}\n`);
    process.exit(2);
  }
  const { json, help: wantsHelp, ...options } = flags;
  if (wantsHelp) {
    process.stdout.write(help);
    return;
  }
  const model = await startOfflineModel(options);
  if (json) {
    process.stdout.write(`${JSON.stringify({ baseUrl: model.baseURL })}\n`);
  } else {
    process.stdout.write(
      `Offline model listening at ${model.baseURL} (model id "${model.modelId}", any bearer token).\n${offlineModelDisclaimer}.\nPress Ctrl-C to stop.\n`,
    );
  }
  const stop = () => {
    model.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`The offline model could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
