/**
 * `pnpm celigo` with no token: the sandboxes `pnpm sandbox` runs (real child processes, their
 * temp folder pointed at a fresh directory), the newest first, and the clear paragraph once they
 * stopped or when a record cannot be trusted.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSandbox } from "@celigo-agents/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCeligoCommand } from "../testing/run-celigo-command.ts";
import { findRunningSandbox, runningSandboxDirectory } from "./running-sandbox.ts";

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
  const summary = await new Promise<{ baseUrl: string; recordFile: string }>((resolve, reject) => {
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (stdout.includes("\n")) resolve(JSON.parse(stdout.slice(0, stdout.indexOf("\n"))));
    });
    child.once("exit", (code) => reject(new Error(`pnpm sandbox exited with ${code}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  return { summary, stop, pid: child.pid };
}

describe("pnpm celigo without CELIGO_API_TOKEN", () => {
  it("uses the running `pnpm sandbox`, and explains what to set once it stopped", async () => {
    const temp = mkdtempSync(join(directory, "temp-"));
    const records = runningSandboxDirectory(temp);
    const sandbox = await startSandboxCli(temp);
    try {
      const listed = await runCeligoCommand(
        ["--json", "tools", "list"],
        {},
        { runningSandboxDirectory: records },
      );
      expect(listed.exitCode, listed.stderr).toBe(0);
      expect(JSON.parse(listed.stdout).map((tool: { name: string }) => tool.name)).toContain(
        "Get failed jobs",
      );
      expect(listed.stderr).toContain(
        `sandbox \`pnpm sandbox\` runs at ${sandbox.summary.baseUrl} (pid ${sandbox.pid}).`,
      );
    } finally {
      await sandbox.stop();
    }
    const stopped = await runCeligoCommand(
      ["mcp-servers", "list"],
      {},
      { runningSandboxDirectory: records },
    );
    expect(stopped.exitCode).toBe(2);
    expect(stopped.stderr).toMatch(missingToken);
  }, 30_000);

  it("with two sandboxes running, uses the newest and says which; each keeps its own record", async () => {
    // The report of issue 11, item 9: the second sandbox overwrote the record and removed it on
    // exit, and `pnpm celigo` said no sandbox was running while the first one still ran.
    const temp = mkdtempSync(join(directory, "temp-"));
    const records = runningSandboxDirectory(temp);
    const first = await startSandboxCli(temp);
    const second = await startSandboxCli(temp);
    try {
      const both = await runCeligoCommand(
        ["mcp-servers", "list"],
        {},
        { runningSandboxDirectory: records },
      );
      expect(both.exitCode, both.stderr).toBe(0);
      expect(both.stderr).toContain(
        `runs at ${second.summary.baseUrl} (pid ${second.pid}, the newest of 2 running sandboxes).`,
      );
      await second.stop();
      expect(existsSync(second.summary.recordFile)).toBe(false);
      expect(existsSync(first.summary.recordFile)).toBe(true);
      const afterSecond = await runCeligoCommand(
        ["mcp-servers", "list"],
        {},
        { runningSandboxDirectory: records },
      );
      expect(afterSecond.exitCode, afterSecond.stderr).toBe(0);
      expect(afterSecond.stderr).toContain(`runs at ${first.summary.baseUrl} (pid ${first.pid}).`);
    } finally {
      await second.stop();
      await first.stop();
    }
  }, 40_000);

  it("prefers a configured token over the running sandbox", async () => {
    const sandbox = await startSandbox({ scenario: "small", rateLimit: false });
    try {
      const records = privateRecordDirectory("preferred");
      writeRecord(records, `${process.pid}.json`, {
        baseUrl: sandbox.baseUrl,
        celigoToken: sandbox.defaultAccount.celigoToken,
      });
      const wrongToken = await runCeligoCommand(
        ["mcp-servers", "list"],
        { CELIGO_API_URL: sandbox.baseUrl, CELIGO_API_TOKEN: "someone-elses" },
        { runningSandboxDirectory: records },
      );
      expect(wrongToken.exitCode).toBe(1);
      expect(wrongToken.stderr).toContain("Bearer Authentication Failed");
    } finally {
      await sandbox.close();
    }
  });

  it("ignores a record it cannot trust: stopped, gone, unreadable, not private, or not loopback", async () => {
    const sandbox = await startSandbox({ scenario: "small", rateLimit: false });
    const token = sandbox.defaultAccount.celigoToken;
    const good = { baseUrl: sandbox.baseUrl, celigoToken: token };
    const ownRecord = `${process.pid}.json`;
    const goneProcess = spawnSync(process.execPath, ["-e", ""]).pid;
    let stale = "";
    try {
      const trusted = privateRecordDirectory("good");
      writeRecord(trusted, ownRecord, good);
      stale = trusted;
      expect(await findRunningSandbox(trusted)).toMatchObject({ ...good, runningCount: 1 });
      const sharedFolder = privateRecordDirectory("shared-folder");
      writeRecord(sharedFolder, ownRecord, good);
      chmodSync(sharedFolder, 0o755);
      const gone = privateRecordDirectory("gone");
      writeRecord(gone, `${goneProcess}.json`, { ...good, pid: goneProcess });
      const cases = [
        join(directory, "absent"),
        writeRecord(privateRecordDirectory("garbled"), ownRecord, "{"),
        writeRecord(privateRecordDirectory("shared-file"), ownRecord, good, 0o644),
        writeRecord(privateRecordDirectory("remote"), ownRecord, {
          ...good,
          baseUrl: "http://example.com",
        }),
        writeRecord(privateRecordDirectory("wrong-token"), ownRecord, {
          ...good,
          celigoToken: "x",
        }),
        writeRecord(privateRecordDirectory("other-pid"), ownRecord, { ...good, pid: 1 }),
        sharedFolder,
        gone,
      ];
      for (const folder of cases) expect(await findRunningSandbox(folder), folder).toBeUndefined();
      // The record of a process that is gone is removed, as after a SIGKILL.
      expect(existsSync(join(gone, `${goneProcess}.json`))).toBe(false);
    } finally {
      await sandbox.close();
    }
    expect(await findRunningSandbox(stale)).toBeUndefined();
    const result = await runCeligoCommand(
      ["mcp-servers", "list"],
      {},
      { runningSandboxDirectory: stale },
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(missingToken);
    expect(result.stderr).not.toContain(token);
  });
});

function privateRecordDirectory(name: string): string {
  const folder = join(directory, name);
  mkdirSync(folder, { mode: 0o700 });
  chmodSync(folder, 0o700);
  return folder;
}

/** Writes a record file (a full record unless told otherwise); returns its folder. */
function writeRecord(
  folder: string,
  name: string,
  content: string | Record<string, unknown>,
  mode = 0o600,
): string {
  const file = join(folder, name);
  const record =
    typeof content === "string"
      ? content
      : JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), ...content });
  writeFileSync(file, record, { mode });
  chmodSync(file, mode);
  return folder;
}
