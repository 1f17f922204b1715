import { spawn } from "node:child_process";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { faultKinds } from "./faults.ts";

const packageDirectory = new URL("..", import.meta.url).pathname;
const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));
/** The repository's own pnpm (a root devDependency), as `npx pnpm` runs it. */
const pnpm = join(repositoryRoot, "node_modules", "pnpm", "bin", "pnpm.cjs");
const cli = new URL("./cli.ts", import.meta.url).pathname;

// Node itself with tsx's loader, so signals reach the CLI rather than a wrapper script.
function startCli(...flags: string[]) {
  return spawn(process.execPath, ["--import", "tsx", cli, ...flags], {
    cwd: packageDirectory,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe("pnpm offline-model", () => {
  it("prints the base URL as JSON first, serves, and stops cleanly on SIGINT", async () => {
    const child = startCli("--port", "0", "--json");
    const lines = createInterface({ input: child.stdout });
    const [firstLine] = (await once(lines, "line")) as [string];
    const { baseUrl } = JSON.parse(firstLine) as { baseUrl: string };
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const models = await fetch(`${baseUrl}/models`, { headers: { authorization: "Bearer x" } });
    expect(models.status).toBe(200);
    child.kill("SIGINT");
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
  }, 20_000);

  it("explains a bad flag in one paragraph and exits with 2", async () => {
    const child = startCli("--fault", "explode:2");
    let errorOutput = "";
    child.stderr.on("data", (chunk: Buffer) => {
      errorOutput += chunk.toString();
    });
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(2);
    expect(errorOutput.trim().split("\n")).toHaveLength(1);
    expect(errorOutput).toContain("--fault takes kind:rate");
  }, 20_000);

  it("prints its usage with --help and exits 0", async () => {
    // The report: --help exited 2 with "Unknown option".
    const child = startCli("--help");
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
    expect(output).toMatch(/^Usage: pnpm offline-model /);
    for (const kind of faultKinds) expect(output).toContain(kind);
  }, 20_000);

  it("stops at once on SIGINT while a hang fault holds a request", async () => {
    const child = startCli("--json", "--fault", "hang:1");
    const lines = createInterface({ input: child.stdout });
    const [firstLine] = (await once(lines, "line")) as [string];
    const { baseUrl } = JSON.parse(firstLine) as { baseUrl: string };
    const held = fetch(`${baseUrl}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer x", "content-type": "application/json" },
      body: JSON.stringify({ model: "offline", messages: [{ role: "user", content: "Hi" }] }),
    }).then(
      () => "answered",
      () => "failed",
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    child.kill("SIGINT");
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await held).toBe("failed");
  }, 20_000);

  it("prints the JSON first when run as documented, `pnpm -s offline-model --json` from the root", async () => {
    const child = spawn(process.execPath, [pnpm, "-s", "offline-model", "--json"], {
      cwd: repositoryRoot,
      // pnpm runs the script with a shell; this Node first, as `npx pnpm` would find it.
      env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin` },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const [firstLine] = (await once(lines, "line")) as [string];
      const { baseUrl } = JSON.parse(firstLine) as { baseUrl: string };
      const models = await fetch(`${baseUrl}/models`, { headers: { authorization: "Bearer x" } });
      expect(models.status).toBe(200);
    } finally {
      // pnpm, a shell and the model run in their own process group.
      if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
    }
  }, 60_000);
});
