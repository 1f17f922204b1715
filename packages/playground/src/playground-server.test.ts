/** The server without a browser: loopback guard, headers, and what bad actions are told. */
import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "@celigo-agents/core";
import { defaultTestNow } from "@celigo-agents/core/testing";
import { parseFrameworks } from "@celigo-agents/evals";
import { startSandbox } from "@celigo-agents/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyEvent,
  type ColumnView,
  type PlaygroundEvent,
  type PlaygroundInfo,
} from "./column-view.ts";
import { type RunningPlayground, startPlayground } from "./playground-server.ts";
import { buildUi } from "./ui-build.ts";

const sourceDirectory = fileURLToPath(new URL(".", import.meta.url));

describe("the playground server", () => {
  let workDirectory: string;
  let playground: RunningPlayground;

  beforeAll(async () => {
    workDirectory = await mkdtemp(path.join(tmpdir(), "playground-server-"));
    await buildUi(path.join(workDirectory, "ui"));
    playground = await startPlayground({
      config: loadConfig({
        CELIGO_SOURCE: "sandbox",
        SANDBOX_NOW: defaultTestNow,
        MODEL: "offline",
      }),
      runners: parseFrameworks(
        "ai-sdk,./test-fixtures/unstartable-runner.ts,./test-fixtures/crashing-runner.ts",
        sourceDirectory,
      ),
      assetsDirectory: path.join(workDirectory, "ui"),
      draftsDirectory: path.join(workDirectory, "drafts"),
    });
  }, 120_000);

  afterAll(async () => {
    await playground?.close();
    if (workDirectory) await rm(workDirectory, { recursive: true, force: true });
  }, 60_000);

  it("serves the page and its bundle from this origin only, on loopback", async () => {
    expect(new URL(playground.url).hostname).toBe("127.0.0.1");
    const page = await fetch(playground.url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('src="/assets/app.js"');
    expect(html).not.toMatch(/https?:\/\//);
    const script = await fetch(new URL("/assets/app.js", playground.url));
    expect(script.headers.get("content-type")).toContain("javascript");
    expect((await fetch(new URL("/assets/other.js", playground.url))).status).toBe(404);
  });

  it("puts the state in the page as inert JSON, whatever the prompts say", async () => {
    const prompt = "</script><script>alert(1)</script>";
    const events = followEvents(playground.url);
    await events.info;
    const response = await fetch(new URL("/api/prompt", playground.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt, runners: ["crashing-runner"] }),
    });
    expect(response.status).toBe(202);
    await events.until((columns) =>
      columns.some(
        (column) => column.runner === "crashing-runner" && column.turns.at(-1)?.running === false,
      ),
    );
    events.close();
    const html = await (await fetch(playground.url)).text();
    expect(html).not.toContain("<script>alert(1)");
    const embedded = /<script type="application\/json" id="initial-state">(.*?)<\/script>/s.exec(
      html,
    );
    const state = JSON.parse(embedded?.[1] ?? "null") as PlaygroundEvent;
    if (state.type !== "snapshot") throw new Error("the page holds no snapshot");
    const column = state.columns.find((candidate) => candidate.runner === "crashing-runner");
    expect(column?.turns.at(-1)?.prompt).toBe(prompt);
  });

  it("refuses a foreign Host (DNS rebinding) and a foreign Origin", async () => {
    const foreignHost = await rawGet(playground.url, { host: "evil.example" });
    expect(foreignHost.status).toBe(403);
    expect(foreignHost.body).toContain("evil.example");
    const foreignOrigin = await fetch(new URL("/api/stop", playground.url), {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://evil.example" },
      body: "{}",
    });
    expect(foreignOrigin.status).toBe(403);
    expect(await foreignOrigin.text()).toContain("the playground");
  });

  it("takes actions as JSON only, and names what to fix in a bad one", async () => {
    const post = (route: string, body: string, type = "application/json") =>
      fetch(new URL(route, playground.url), {
        method: "POST",
        headers: { "content-type": type },
        body,
      });
    const form = await post("/api/prompt", "prompt=hi", "application/x-www-form-urlencoded");
    expect(form.status).toBe(415);
    const empty = await post("/api/prompt", JSON.stringify({ prompt: " ", runners: ["ai-sdk"] }));
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ error: "prompt: Type a prompt first." });
    const unknown = await post("/api/prompt", JSON.stringify({ prompt: "hi", runners: ["nope"] }));
    expect(await unknown.json()).toEqual({
      error:
        "Unknown runner nope; this playground runs ai-sdk, unstartable-runner, crashing-runner.",
    });
    const approval = await post(
      "/api/approvals",
      JSON.stringify({ runner: "ai-sdk", id: "ai-sdk-approval-0", approved: true }),
    );
    expect(approval.status).toBe(404);
    const draft = await post("/api/cases", JSON.stringify({ runner: "ai-sdk" }));
    expect(await draft.json()).toEqual({ error: "Ask something in this column first." });
  });

  it("shows why a runner failed in its own column, and the other columns still answer", async () => {
    const question = "Which flows failed today?";
    const events = followEvents(playground.url);
    const info = await events.info;
    expect(info.runners).toEqual(["ai-sdk", "unstartable-runner", "crashing-runner"]);
    const response = await fetch(new URL("/api/prompt", playground.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: question, runners: info.runners }),
    });
    expect(response.status).toBe(202);
    const columns = await events.until((current) =>
      current.every(
        (column) => column.turns.at(-1)?.prompt === question && !column.turns.at(-1)?.running,
      ),
    );
    events.close();
    const byRunner = new Map(columns.map((column) => [column.runner, column]));
    const unstartable = byRunner.get("unstartable-runner");
    expect(unstartable?.status).toBe("failed");
    expect(unstartable?.detail).toBe(
      "Could not start unstartable-runner: Error: the MCP connection was refused on purpose",
    );
    expect(unstartable?.turns.at(-1)?.error?.message).toContain("press New conversation");
    expect(byRunner.get("crashing-runner")?.turns.at(-1)?.error).toEqual({
      code: "run_failed",
      message: "Error: the agent loop crashed on purpose",
    });
    const answered = byRunner.get("ai-sdk")?.turns.at(-1);
    expect(answered?.error).toBeUndefined();
    expect(answered?.items.some((item) => item.kind === "text" && item.text.trim() !== "")).toBe(
      true,
    );
  }, 120_000);
});

describe("the playground on real services", () => {
  it("says the columns share one account, and shows no Changes (no snapshots there)", async () => {
    // The sandbox's Composio emulation stands in for Composio's cloud, as in core's sources suite.
    const sandbox = await startSandbox({ port: 0, now: defaultTestNow });
    const workDirectory = await mkdtemp(path.join(tmpdir(), "playground-composio-"));
    let playground: RunningPlayground | undefined;
    try {
      await buildUi(path.join(workDirectory, "ui"));
      const account = sandbox.createAccount({ now: defaultTestNow });
      playground = await startPlayground({
        config: loadConfig({
          CELIGO_SOURCE: "composio",
          COMPOSIO_API_KEY: account.composioApiKey,
          COMPOSIO_BASE_URL: sandbox.baseUrl,
          MODEL: "offline",
        }),
        runners: parseFrameworks("ai-sdk,langchain", workDirectory),
        assetsDirectory: path.join(workDirectory, "ui"),
      });
      const events = followEvents(playground.url);
      const info = await events.info;
      expect(info).toMatchObject({
        source: "composio",
        sharedAccount: true,
        changesAvailable: false,
      });
      const response = await fetch(new URL("/api/prompt", playground.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt: "List the flows.", runners: ["ai-sdk", "langchain"] }),
      });
      expect(response.status).toBe(202);
      const columns = await events.until((current) =>
        current.every((column) => column.turns.length === 1 && !column.turns[0]?.running),
      );
      for (const column of columns) {
        const turn = column.turns[0];
        expect(turn?.error, column.runner).toBeUndefined();
        expect(turn?.items.some((item) => item.kind === "tool" && item.call.status === "ok")).toBe(
          true,
        );
      }
      expect(events.seen.has("changes")).toBe(false);
      events.close();
    } finally {
      await playground?.close();
      await sandbox.close();
      await rm(workDirectory, { recursive: true, force: true });
    }
  }, 120_000);
});

/** Reads the page's event stream as the page does (same reducer), for tests without a browser. */
function followEvents(url: string) {
  const controller = new AbortController();
  let columns: ColumnView[] = [];
  const seen = new Set<string>();
  const watchers: Array<() => void> = [];
  let resolveInfo: (info: PlaygroundInfo) => void = () => {};
  const info = new Promise<PlaygroundInfo>((resolve) => {
    resolveInfo = resolve;
  });
  void (async () => {
    const response = await fetch(new URL("/api/events", url), { signal: controller.signal });
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const chunk = await reader?.read().catch(() => undefined);
      if (!chunk || chunk.done) return;
      buffer += chunk.value;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.startsWith("data: ") || line === "data: ") continue;
        const event = JSON.parse(line.slice("data: ".length)) as PlaygroundEvent;
        seen.add(event.type);
        if (event.type === "snapshot") resolveInfo(event.info);
        columns = applyEvent(columns, event);
        for (const watcher of [...watchers]) watcher();
      }
    }
  })();
  return {
    info,
    seen,
    until: (done: (current: ColumnView[]) => boolean) =>
      new Promise<ColumnView[]>((resolve) => {
        const check = () => {
          if (columns.length === 0 || !done(columns)) return;
          watchers.splice(watchers.indexOf(check), 1);
          resolve(columns);
        };
        watchers.push(check);
      }),
    close: () => controller.abort(),
  };
}

/** A GET with a Host header of our choosing (fetch does not let one set it). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const outgoing = request(
      { hostname: target.hostname, port: target.port, path: target.pathname, headers },
      (response) => {
        let body = "";
        response.setEncoding("utf8").on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on("error", reject).end();
  });
}
