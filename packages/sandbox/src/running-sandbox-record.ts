/**
 * How `pnpm sandbox` tells `pnpm celigo` that it runs: one private file per sandbox process,
 * `<pid>.json`, in a private folder of the OS temp folder, so several sandboxes can run at once
 * and each removes only its own record. packages/core/src/cli/running-sandbox.ts reads the same
 * folder (the folder name and the fields are shared with it) and picks the newest live one.
 */
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RunningSandboxRecord {
  baseUrl: string;
  celigoToken: string;
  accountId: string;
  pid: number;
  /** ISO 8601; the newest live sandbox is the one `pnpm celigo` uses. */
  startedAt: string;
}

/** `<temp>/celigo-agents-sandboxes-<uid>`: per user, since /tmp is shared on Linux. */
export function runningSandboxDirectory(temporaryDirectory: string = tmpdir()): string {
  return join(temporaryDirectory, `celigo-agents-sandboxes-${process.getuid?.() ?? "user"}`);
}

/** Creates the folder (0700) or checks that an existing one is this user's own and private. */
function privateDirectory(directory: string): void {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const info = lstatSync(directory);
  const uid = process.getuid?.();
  if (!info.isDirectory() || (uid !== undefined && info.uid !== uid) || (info.mode & 0o077) !== 0) {
    throw new Error(
      `${directory} is not a private folder of this user (owner and mode 0700 expected); remove it`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes records whose process is gone (a sandbox killed with SIGKILL leaves its file). */
function pruneStaleRecords(directory: string): void {
  for (const name of readdirSync(directory)) {
    const match = /^(\d+)\.json$/.exec(name);
    if (match?.[1] !== undefined && !isAlive(Number(match[1]))) {
      rmSync(join(directory, name), { force: true });
    }
  }
}

/**
 * Writes this process's record (0600, to a temporary name then renamed, so a reader never sees
 * half a file) and returns its path; throws with a reason when it cannot.
 */
export function writeRunningSandboxRecord(
  record: RunningSandboxRecord,
  directory: string = runningSandboxDirectory(),
): string {
  privateDirectory(directory);
  pruneStaleRecords(directory);
  const file = join(directory, `${record.pid}.json`);
  const partial = `${file}.tmp`;
  try {
    writeFileSync(partial, `${JSON.stringify(record)}\n`, { mode: 0o600, flag: "wx" });
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return file;
}

/** Removes this process's record, if it is still the one this process wrote. */
export function removeRunningSandboxRecord(file: string, pid: number = process.pid): void {
  try {
    const record = JSON.parse(readFileSync(file, "utf8")) as { pid?: unknown };
    if (record.pid === pid) rmSync(file, { force: true });
  } catch {
    // Already gone or unreadable: nothing of ours to remove.
  }
}
