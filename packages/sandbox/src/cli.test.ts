/** `pnpm sandbox` as a child process: what it prints and the record `pnpm celigo` finds it by. */
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const packageDirectory = fileURLToPath(new URL("..", import.meta.url));
const recordName = "celigo-agents-sandbox.json";

let child: ChildProcessByStdio<null, Readable, Readable> | undefined;
let directory: string | undefined;

afterEach(() => {
  child?.kill("SIGKILL");
  child = undefined;
  if (directory) rmSync(directory, { recursive: true, force: true });
  directory = undefined;
});

/** Starts the CLI with its temp folder in a fresh directory; resolves once it printed a line. */
async function startCli(args: string[]): Promise<{ firstLine: string; temp: string }> {
  const temp = mkdtempSync(join(tmpdir(), "sandbox-cli-"));
  directory = temp;
  const started = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: packageDirectory,
    env: { TMPDIR: temp, TMP: temp, TEMP: temp },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = started;
  let stderr = "";
  started.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    started.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const end = stdout.indexOf("\n");
      if (end !== -1) resolve(stdout.slice(0, end));
    });
    started.once("exit", (code) => reject(new Error(`pnpm sandbox exited ${code}: ${stderr}`)));
  });
  return { firstLine, temp };
}

function exitCode(process: ChildProcessByStdio<null, Readable, Readable>): Promise<number | null> {
  return new Promise((resolve) => process.once("exit", (code) => resolve(code)));
}

describe("pnpm sandbox", () => {
  it("records its base URL and default token in a private file, removed when it stops", async () => {
    const { firstLine, temp } = await startCli(["--json", "--scenario", "small"]);
    const summary = JSON.parse(firstLine) as {
      baseUrl: string;
      celigoToken: string;
      recordFile: string;
    };
    const file = join(temp, recordName);
    expect(summary.recordFile).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({
      baseUrl: summary.baseUrl,
      celigoToken: summary.celigoToken,
      pid: child?.pid,
    });
    const answer = await fetch(`${summary.baseUrl}/v1/tokenInfo`, {
      headers: { authorization: `Bearer ${summary.celigoToken}` },
    });
    expect(answer.status).toBe(200);

    const running = child;
    if (!running) throw new Error("no child");
    const exited = exitCode(running);
    running.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(existsSync(file)).toBe(false);
  }, 30_000);
});
