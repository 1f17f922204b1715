/**
 * The playground's HTTP server: the built page, an SSE stream of every column's events, and a
 * few JSON actions (prompt, stop, approve, new conversation, save as case). Loopback only, with
 * the sandbox's Host/Origin guard against DNS rebinding; the actions take JSON only, which a
 * page on another origin cannot send without that guard seeing its Origin.
 */
import { readFile } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import path from "node:path";
import { type AppConfig, CeligoAgentsError, describeError } from "@celigo-agents/core";
import {
  defaultCasesDirectory,
  draftsFolder,
  type FrameworkChoice,
  loadCreateRunner,
} from "@celigo-agents/evals";
import { AllowedHosts, hostAndOriginGuard } from "@celigo-agents/sandbox";
import { serve } from "@hono/node-server";
import { type Context, Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { ActiveRuns } from "./active-runs.ts";
import { Column } from "./column.ts";
import { saveDraftCase } from "./draft-case.ts";
import { EventHub } from "./event-hub.ts";
import { openPlaygroundServices } from "./playground-services.ts";
import { defaultAssetsDirectory, initialStatePlaceholder } from "./ui-build.ts";

export interface PlaygroundOptions {
  config: AppConfig;
  runners: readonly FrameworkChoice[];
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built page (`buildUi`); dist/ui by default. */
  assetsDirectory?: string;
  /** Where "Save as case" writes; packages/evals/cases/drafts by default. */
  draftsDirectory?: string;
}

export interface RunningPlayground {
  url: string;
  columns: ReadonlyMap<string, Column>;
  close(): Promise<void>;
}

const assets = {
  "app.js": "text/javascript; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
} as const;

// Nothing but this origin: the page works offline and loads nothing from elsewhere.
const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const keepAliveMs = 15_000;
const repositoryRoot = path.resolve(defaultCasesDirectory, "../../..");

const promptBody = z.strictObject({
  prompt: z.string().trim().min(1, "Type a prompt first.").max(20_000, "The prompt is too long."),
  runners: z.array(z.string()).min(1, "Choose at least one runner."),
});
const runnersBody = z.strictObject({ runners: z.array(z.string()).optional() });
const approvalBody = z.strictObject({ runner: z.string(), id: z.string(), approved: z.boolean() });
const caseBody = z.strictObject({ runner: z.string() });

export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CeligoAgentsError(
      "input_invalid",
      "user",
      `--port must be an integer from 0 to 65535 (0 picks a free port); got ${port}.`,
    );
  }
  if (options.runners.length === 0) {
    throw new CeligoAgentsError("input_invalid", "user", "--runners names no runner.");
  }
  const page = await readPage(options.assetsDirectory ?? defaultAssetsDirectory);
  // Starting the columns takes a while: a port already in use is said before, not after.
  if (port !== 0) await listenOnce(port).catch((error: unknown) => cannotListen(port, error));
  const draftsDirectory = options.draftsDirectory ?? path.join(defaultCasesDirectory, draftsFolder);
  const services = await openPlaygroundServices(options.config);
  const hub = new EventHub({
    runners: options.runners.map((choice) => choice.name),
    ...services.info,
  });
  const activeRuns = new ActiveRuns();
  const columns = new Map(
    options.runners.map((choice) => [
      choice.name,
      new Column({
        runner: choice.name,
        createRunner: () => loadCreateRunner(choice),
        services,
        dispatch: (event) => hub.dispatch(event),
        activeRuns,
      }),
    ]),
  );

  // Ready before listening: loading four frameworks and building their accounts would
  // otherwise hold up the page's first requests.
  await Promise.all([...columns.values()].map((column) => column.ready()));

  const allowedHosts = new AllowedHosts();
  const app = new Hono();
  app.use("*", hostAndOriginGuard(allowedHosts, "the playground"));
  app.use("*", async (c, next) => {
    await next();
    c.header("Content-Security-Policy", contentSecurityPolicy);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    c.header("Cache-Control", "no-store");
  });
  app.use("/api/*", async (c, next) => {
    if (c.req.method === "POST" && !c.req.header("content-type")?.startsWith("application/json")) {
      return c.json({ error: "Send the action as JSON (Content-Type: application/json)." }, 415);
    }
    await next();
  });

  // The state rides along with the page, so it shows at once; the event stream then follows it.
  app.get("/", (c) =>
    c.html(
      page.html.replace(
        initialStatePlaceholder,
        `<script type="application/json" id="initial-state">${jsonForHtml(hub.snapshot())}</script>`,
      ),
    ),
  );
  app.get("/assets/:file", (c) => {
    const file = c.req.param("file");
    if (!(file in assets)) return c.json({ error: `No asset named ${file}.` }, 404);
    const name = file as keyof typeof assets;
    return c.body(page[name], 200, { "Content-Type": assets[name] });
  });

  app.get("/api/events", (c) =>
    streamSSE(c, async (stream) => {
      let open = true;
      const unsubscribe = hub.subscribe((event) => {
        if (open) void stream.writeSSE({ data: JSON.stringify(event) });
      });
      const keepAlive = setInterval(() => {
        void stream.writeSSE({ event: "ping", data: "" });
      }, keepAliveMs);
      const closed = new Promise<void>((resolve) => {
        stream.onAbort(() => {
          open = false;
          unsubscribe();
          clearInterval(keepAlive);
          resolve();
        });
      });
      await stream.writeSSE({ data: JSON.stringify(hub.snapshot()) });
      await closed;
    }),
  );

  app.post("/api/prompt", async (c) => {
    const body = await readBody(c, promptBody);
    if ("error" in body) return c.json(body, 400);
    const chosen = pick(columns, body.value.runners);
    if ("error" in chosen) return c.json(chosen, 400);
    const busy = chosen.value.filter((column) => column.busy).map((column) => column.runner);
    if (busy.length > 0) {
      return c.json(
        {
          error: `${busy.join(", ")} ${busy.length === 1 ? "is" : "are"} still answering: wait, or press Stop.`,
        },
        409,
      );
    }
    for (const column of chosen.value) void column.run(body.value.prompt);
    return c.json({ started: chosen.value.map((column) => column.runner) }, 202);
  });

  app.post("/api/stop", (c) => {
    const running = [...columns.values()].filter((column) => column.busy);
    for (const column of running) column.stop();
    return c.json({ stopped: running.map((column) => column.runner) });
  });

  app.post("/api/new-conversation", async (c) => {
    const body = await readBody(c, runnersBody);
    if ("error" in body) return c.json(body, 400);
    const chosen = pick(columns, body.value.runners ?? [...columns.keys()]);
    if ("error" in chosen) return c.json(chosen, 400);
    for (const column of chosen.value) void column.reset();
    return c.json({ restarting: chosen.value.map((column) => column.runner) }, 202);
  });

  app.post("/api/approvals", async (c) => {
    const body = await readBody(c, approvalBody);
    if ("error" in body) return c.json(body, 400);
    const column = columns.get(body.value.runner);
    if (!column?.answerApproval(body.value.id, body.value.approved)) {
      return c.json(
        { error: "No approval is waiting with that id: it was answered or stopped." },
        404,
      );
    }
    return c.json({ answered: body.value.id });
  });

  app.post("/api/cases", async (c) => {
    const body = await readBody(c, caseBody);
    if ("error" in body) return c.json(body, 400);
    const column = columns.get(body.value.runner);
    if (!column) return c.json({ error: `No column named ${body.value.runner}.` }, 400);
    if (column.busy) return c.json({ error: "Wait until this column has answered." }, 409);
    const conversation = column.conversation();
    if (conversation.prompts.length === 0) {
      return c.json({ error: "Ask something in this column first." }, 400);
    }
    const file = await saveDraftCase(conversation, draftsDirectory, {
      scenario: hub.info.scenario,
      now: hub.info.now,
    });
    return c.json({ file: path.relative(repositoryRoot, file) }, 201);
  });

  app.notFound((c) => c.json({ error: `No route ${c.req.method} ${c.req.path}.` }, 404));
  app.onError((error, c) => c.json({ error: describeError(error) }, 500));

  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const started = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () =>
        resolve(started),
      );
      started.once("error", reject);
    });
  } catch (error) {
    await Promise.allSettled([...columns.values()].map((column) => column.close()));
    await services.close();
    cannotListen(port, error);
  }
  const address = server.address() as AddressInfo;
  allowedHosts.add(`127.0.0.1:${address.port}`);

  return {
    url: `http://127.0.0.1:${address.port}/`,
    columns,
    close: async () => {
      await Promise.allSettled([...columns.values()].map((column) => column.close()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
      await services.close();
    },
  };
}

/** JSON inside a script element: `<` escaped, so no text in it can close the element. */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replaceAll("<", "\\u003c");
}

function cannotListen(port: number, error: unknown): never {
  throw new CeligoAgentsError(
    "input_invalid",
    "user",
    `Could not listen on 127.0.0.1:${port} (${describeError(error)}). Pick another --port, or 0 for a free one.`,
    { cause: error },
  );
}

/** Opens and closes the port: fails as listening later would (in use, not allowed). */
function listenOnce(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

interface Page {
  html: string;
  "app.js": string;
  "app.css": string;
}

async function readPage(directory: string): Promise<Page> {
  try {
    const [html, script, styles] = await Promise.all(
      ["index.html", "app.js", "app.css"].map((file) =>
        readFile(path.join(directory, file), "utf8"),
      ),
    );
    return { html: html ?? "", "app.js": script ?? "", "app.css": styles ?? "" };
  } catch (error) {
    throw new CeligoAgentsError(
      "config_invalid",
      "user",
      `The playground's page is not built in ${directory}. Run \`pnpm --filter @celigo-agents/playground build\` (pnpm playground does it before starting).`,
      { cause: error },
    );
  }
}

async function readBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
): Promise<{ value: z.infer<Schema> } | { error: string }> {
  const json = await c.req.json().catch(() => undefined);
  const parsed = schema.safeParse(json);
  if (parsed.success) return { value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  return { error: `${where}${issue?.message ?? "The request body is not valid JSON."}` };
}

function pick(
  columns: ReadonlyMap<string, Column>,
  runners: readonly string[],
): { value: Column[] } | { error: string } {
  const unknown = runners.filter((runner) => !columns.has(runner));
  if (unknown.length > 0) {
    return {
      error: `Unknown runner ${unknown.join(", ")}; this playground runs ${[...columns.keys()].join(", ")}.`,
    };
  }
  return { value: [...new Set(runners)].map((runner) => columns.get(runner) as Column) };
}
