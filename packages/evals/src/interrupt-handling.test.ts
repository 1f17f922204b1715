import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const fixture = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "test-fixtures/interrupted-process.ts",
);

describe("stopGracefullyOnInterrupt", () => {
  it("keeps a library's exit-on-SIGINT handler from cutting the graceful stop short", async () => {
    const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), fixture]);
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      // Two signals at once, as pnpm, tsx and the process each receive one Ctrl-C.
      if (output === "ready\n") {
        child.kill("SIGINT");
        child.kill("SIGINT");
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(output).toBe("ready\nstopping gracefully\nreports written\n");
    expect(code).toBe(0);
  }, 15_000);
});
