import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  removeRunningSandboxRecord,
  runningSandboxDirectory,
  writeRunningSandboxRecord,
} from "./running-sandbox-record.ts";

const record = (pid: number) => ({
  baseUrl: "http://127.0.0.1:1",
  celigoToken: "token",
  accountId: "account",
  pid,
  startedAt: new Date().toISOString(),
});

describe("the running-sandbox record", () => {
  let temp: string;
  beforeEach(() => {
    temp = mkdtempSync(join(tmpdir(), "sandbox-record-"));
  });
  afterEach(() => rmSync(temp, { recursive: true, force: true }));

  it("keeps one file per sandbox process, and each removes only its own", () => {
    const folder = runningSandboxDirectory(temp);
    const mine = writeRunningSandboxRecord(record(process.pid), folder);
    const parent = writeRunningSandboxRecord(record(process.ppid), folder);
    expect(readdirSync(folder).sort()).toEqual(
      [`${process.pid}.json`, `${process.ppid}.json`].sort(),
    );
    removeRunningSandboxRecord(mine);
    expect(existsSync(mine)).toBe(false);
    expect(existsSync(parent)).toBe(true);
    // A file another process wrote under this name is left alone.
    removeRunningSandboxRecord(parent);
    expect(existsSync(parent)).toBe(true);
  });

  it("prunes the records of processes that are gone (killed with SIGKILL)", () => {
    const folder = runningSandboxDirectory(temp);
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    writeRunningSandboxRecord(record(gone), folder);
    writeRunningSandboxRecord(record(process.pid), folder);
    expect(readdirSync(folder)).toEqual([`${process.pid}.json`]);
  });

  it("refuses a folder that is not private, naming it", () => {
    const folder = runningSandboxDirectory(temp);
    writeRunningSandboxRecord(record(process.pid), folder);
    chmodSync(folder, 0o755);
    expect(() => writeRunningSandboxRecord(record(process.pid), folder)).toThrow(
      `${folder} is not a private folder of this user`,
    );
    const file = join(temp, "a-file");
    writeFileSync(file, "");
    expect(() => writeRunningSandboxRecord(record(process.pid), file)).toThrow();
  });
});
