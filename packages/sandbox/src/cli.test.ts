/** `pnpm sandbox` as a child process: what it prints and the record `pnpm celigo` finds it by. */
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runningSandboxDirectory } from "./running-sandbox-record.ts";

const packageDirectory = fileURLToPath(new URL("..", import.meta.url));

let child: ChildProcessByStdio<null, Readable, Readable> | undefined;
let directory: string | undefined;
let processGroup: number | undefined;

afterEach(() => {
  if (processGroup !== undefined) {
    try {
      process.kill(-processGroup, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  processGroup = undefined;
  child?.kill("SIGKILL");
  child = undefined;
  if (directory) rmSync(directory, { recursive: true, force: true });
  directory = undefined;
});

const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));
/** The repository's own pnpm (a root devDependency), as `npx pnpm` runs it. */
const pnpm = join(repositoryRoot, "node_modules", "pnpm", "bin", "pnpm.cjs");

/**
 * Starts the CLI with its temp folder in a fresh directory; resolves once it printed a line.
 * `viaRootScript` runs it as documented, `pnpm -s sandbox` from the repository root, in its own
 * process group (pnpm, a shell and the CLI), which `afterEach` ends as a whole.
 */
async function startCli(
  args: string[],
  options: { viaRootScript?: boolean } = {},
): Promise<{ firstLine: string; temp: string }> {
  const temp = mkdtempSync(join(tmpdir(), "sandbox-cli-"));
  directory = temp;
  const started = options.viaRootScript
    ? spawn(process.execPath, [pnpm, "-s", "sandbox", ...args], {
        cwd: repositoryRoot,
        // pnpm runs the script with a shell; this Node first, as `npx pnpm` would find it.
        env: {
          TMPDIR: temp,
          TMP: temp,
          TEMP: temp,
          PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
        },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      })
    : spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
        cwd: packageDirectory,
        env: { TMPDIR: temp, TMP: temp, TEMP: temp },
        stdio: ["ignore", "pipe", "pipe"],
      });
  child = started;
  processGroup = options.viaRootScript ? started.pid : undefined;
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
    const folder = runningSandboxDirectory(temp);
    const file = join(folder, `${child?.pid}.json`);
    expect(summary.recordFile).toBe(file);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
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

  it("prints the JSON first when run as documented, `pnpm -s sandbox --json` from the root", async () => {
    // Issue 11, item 10: pnpm's banner used to come first.
    const { firstLine } = await startCli(["--json", "--scenario", "small"], {
      viaRootScript: true,
    });
    const summary = JSON.parse(firstLine) as { baseUrl: string; celigoToken: string };
    const answer = await fetch(`${summary.baseUrl}/v1/tokenInfo`, {
      headers: { authorization: `Bearer ${summary.celigoToken}` },
    });
    expect(answer.status).toBe(200);
  }, 60_000);

  it("prints its usage with --help, and refuses an impossible --now in one paragraph", async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const started = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
          cwd: packageDirectory,
          stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        started.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          stdout += chunk;
        });
        started.stderr.setEncoding("utf8").on("data", (chunk: string) => {
          stderr += chunk;
        });
        started.once("exit", (code) => resolve({ code, stdout, stderr }));
      });
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: pnpm sandbox /);
    const impossible = await run(["--now", "+275760-09-13T00:00:00Z"]);
    expect(impossible.code).toBe(2);
    expect(impossible.stderr).toMatch(/^The sandbox could not start: --now: "now" must be from /);
    expect(impossible.stderr).not.toMatch(/\bat .*\.ts/);
  }, 30_000);
});
