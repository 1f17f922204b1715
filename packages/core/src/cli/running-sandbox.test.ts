/**
 * `pnpm celigo` with no token: the sandbox `pnpm sandbox` runs (a real child process, its temp
 * folder pointed at a fresh directory), and the clear paragraph once it stopped or when the
 * record cannot be trusted.
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSandbox } from "@celigo-agents/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCeligoCommand } from "../testing/run-celigo-command.ts";
import { findRunningSandbox, runningSandboxFile } from "./running-sandbox.ts";

const sandboxPackage = fileURLToPath(new URL("..", import.meta.resolve("@celigo-agents/sandbox")));
const missingToken = /^No Celigo API token is configured and no sandbox is running.*pnpm sandbox/s;

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), "celigo-cli-"));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Starts `pnpm sandbox --json` with its temp folder in `temp`; resolves with its summary. */
async function startSandboxCli(temp: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "--json"], {
    cwd: sandboxPackage,
    env: { TMPDIR: temp, TMP: temp, TEMP: temp },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const summary = await new Promise<{ baseUrl: string }>((resolve, reject) => {
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (stdout.includes("\n")) resolve(JSON.parse(stdout.slice(0, stdout.indexOf("\n"))));
    });
    child.once("exit", (code) => reject(new Error(`pnpm sandbox exited with ${code}`)));
  });
  const stop = async () => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  return { summary, stop };
}

describe("pnpm celigo without CELIGO_API_TOKEN", () => {
  it("uses the running `pnpm sandbox`, and explains what to set once it stopped", async () => {
    const temp = mkdtempSync(join(directory, "temp-"));
    const file = runningSandboxFile(temp);
    const sandbox = await startSandboxCli(temp);
    try {
      const listed = await runCeligoCommand(
        ["--json", "tools", "list"],
        {},
        {
          runningSandboxFile: file,
        },
      );
      expect(listed.exitCode, listed.stderr).toBe(0);
      expect(JSON.parse(listed.stdout).map((tool: { name: string }) => tool.name)).toContain(
        "Get failed jobs",
      );
      expect(listed.stderr).toContain(
        `sandbox \`pnpm sandbox\` runs at ${sandbox.summary.baseUrl}`,
      );
    } finally {
      await sandbox.stop();
    }
    const stopped = await runCeligoCommand(
      ["mcp-servers", "list"],
      {},
      {
        runningSandboxFile: file,
      },
    );
    expect(stopped.exitCode).toBe(2);
    expect(stopped.stderr).toMatch(missingToken);
  }, 30_000);

  it("prefers a configured token over the running sandbox", async () => {
    const sandbox = await startSandbox({ scenario: "small", rateLimit: false });
    try {
      const file = join(directory, "recorded.json");
      writeFileSync(
        file,
        JSON.stringify({
          baseUrl: sandbox.baseUrl,
          celigoToken: sandbox.defaultAccount.celigoToken,
        }),
        { mode: 0o600 },
      );
      const wrongToken = await runCeligoCommand(
        ["mcp-servers", "list"],
        { CELIGO_API_URL: sandbox.baseUrl, CELIGO_API_TOKEN: "someone-elses" },
        { runningSandboxFile: file },
      );
      expect(wrongToken.exitCode).toBe(1);
      expect(wrongToken.stderr).toContain("Bearer Authentication Failed");
    } finally {
      await sandbox.close();
    }
  });

  it("ignores a record it cannot trust: stopped, unreadable, not private, or not loopback", async () => {
    const sandbox = await startSandbox({ scenario: "small", rateLimit: false });
    const token = sandbox.defaultAccount.celigoToken;
    const write = (name: string, content: string, mode = 0o600) => {
      const file = join(directory, name);
      writeFileSync(file, content, { mode });
      chmodSync(file, mode);
      return file;
    };
    try {
      const good = write(
        "good.json",
        JSON.stringify({ baseUrl: sandbox.baseUrl, celigoToken: token }),
      );
      expect(await findRunningSandbox(good)).toEqual({
        baseUrl: sandbox.baseUrl,
        celigoToken: token,
      });
      const cases = [
        join(directory, "absent.json"),
        write("garbled.json", "{"),
        write(
          "shared.json",
          JSON.stringify({ baseUrl: sandbox.baseUrl, celigoToken: token }),
          0o644,
        ),
        write("remote.json", JSON.stringify({ baseUrl: "http://example.com", celigoToken: token })),
        write("wrong-token.json", JSON.stringify({ baseUrl: sandbox.baseUrl, celigoToken: "x" })),
      ];
      for (const file of cases) expect(await findRunningSandbox(file), file).toBeUndefined();
    } finally {
      await sandbox.close();
    }
    const stale = join(directory, "good.json");
    expect(await findRunningSandbox(stale)).toBeUndefined();
    const result = await runCeligoCommand(
      ["mcp-servers", "list"],
      {},
      { runningSandboxFile: stale },
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(missingToken);
    expect(result.stderr).not.toContain(token);
  });
});
