import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";

const packageDirectory = new URL("..", import.meta.url).pathname;
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

  it("names the valid mistake profiles when --mistakes is wrong", async () => {
    const child = startCli("--mistakes", "sloppy");
    let errorOutput = "";
    child.stderr.on("data", (chunk: Buffer) => {
      errorOutput += chunk.toString();
    });
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(2);
    expect(errorOutput.trim().split("\n")).toHaveLength(1);
    expect(errorOutput).toContain(
      'Unknown mistake profile "sloppy"; use one of flaky, malformed-arguments',
    );
  }, 20_000);
});
