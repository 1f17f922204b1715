/** `pnpm playground` as a person runs it: the URL line, the page behind it, Ctrl-C, bad flags. */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { defaultTestNow } from "@celigo-agents/core/testing";
import { describe, expect, it } from "vitest";

const packageDirectory = fileURLToPath(new URL("..", import.meta.url));

function startCli(...args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: packageDirectory,
    // Explicit values win over any .env, so no real key is used.
    env: {
      CELIGO_SOURCE: "sandbox",
      SANDBOX_NOW: defaultTestNow,
      MODEL: "offline",
      NO_COLOR: "1",
    },
  });
}

async function output(child: ChildProcessWithoutNullStreams) {
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const [exitCode] = (await once(child, "close")) as [number | null];
  return { exitCode, stdout, stderr };
}

describe("pnpm playground", () => {
  it("prints {url} first with --json, serves the page there, and stops cleanly on Ctrl-C", async () => {
    const child = startCli("--json", "--runners", "ai-sdk");
    const finished = output(child);
    const [firstLine] = (await once(child.stdout, "data")) as [string];
    const { url } = JSON.parse(firstLine.split("\n")[0] ?? "") as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>Celigo agents playground</title>");
    child.kill("SIGINT");
    const { exitCode, stdout, stderr } = await finished;
    expect(exitCode).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("runners: ai-sdk");
  }, 120_000);

  it("names the flag to fix and exits 2", async () => {
    const badPort = await output(startCli("--port", "http"));
    expect(badPort.exitCode).toBe(2);
    expect(badPort.stderr).toContain("--port must be an integer from 0 to 65535");
    const badRunner = await output(startCli("--runners", "mastra,nope"));
    expect(badRunner.exitCode).toBe(2);
    expect(badRunner.stderr).toContain('--runners: "nope" is neither a built-in framework');
  }, 60_000);
});
