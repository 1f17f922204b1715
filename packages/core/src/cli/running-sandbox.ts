/**
 * The sandboxes `pnpm sandbox` runs, if any. Each sandbox process records its base URL and the
 * default account's Celigo token in `<pid>.json` (0600, written atomically, removed on a clean
 * exit) inside a private (0700) folder of the OS temp folder; `pnpm celigo` without a token uses
 * the newest one that still answers. The folder name and fields are shared with
 * packages/sandbox/src/running-sandbox-record.ts, which writes them.
 */
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { isLoopbackUrl } from "../kernel/config.ts";

export interface RunningSandboxRecord {
  baseUrl: string;
  celigoToken: string;
  pid: number;
  startedAt: string;
}

export interface FoundSandbox extends RunningSandboxRecord {
  /** How many recorded sandboxes answered; the newest is the one returned. */
  runningCount: number;
}

const recordSchema = z.object({
  baseUrl: z.url({ protocol: /^http$/ }).refine((value) => isLoopbackUrl(value)),
  celigoToken: z.string().min(1),
  pid: z.number().int().positive(),
  startedAt: z.iso.datetime(),
});

/** Where `pnpm sandbox` records itself: a per-user folder of the OS temp folder (tests pass their own). */
export function runningSandboxDirectory(temporaryDirectory: string = tmpdir()): string {
  return join(temporaryDirectory, `celigo-agents-sandboxes-${process.getuid?.() ?? "user"}`);
}

/**
 * The newest recorded sandbox that answers `/v1/tokenInfo` with its token, with the number that
 * answered; undefined when none does. Only a private folder and private files of this user are
 * trusted; records of processes that are gone are removed.
 */
export async function findRunningSandbox(
  directory: string,
  options: { timeoutMs?: number } = {},
): Promise<FoundSandbox | undefined> {
  const records = await readRecords(directory);
  const answering = await Promise.all(
    records.map(async (record) => ((await answers(record, options.timeoutMs)) ? record : [])),
  );
  const live = answering.flat().sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const newest = live[0];
  return newest === undefined ? undefined : { ...newest, runningCount: live.length };
}

async function answers(record: RunningSandboxRecord, timeoutMs = 2000): Promise<boolean> {
  try {
    const response = await fetch(new URL("/v1/tokenInfo", record.baseUrl), {
      headers: { authorization: `Bearer ${record.celigoToken}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** In a shared temp folder anyone could plant files: trust only this user's private ones. */
async function isPrivate(path: string, mode: number): Promise<boolean> {
  const info = await stat(path);
  const uid = process.getuid?.();
  return (uid === undefined || info.uid === uid) && (info.mode & mode) === 0;
}

async function readRecords(directory: string): Promise<RunningSandboxRecord[]> {
  let names: string[];
  try {
    if (!(await isPrivate(directory, 0o077))) return [];
    names = await readdir(directory);
  } catch {
    return [];
  }
  const records = await Promise.all(
    names
      .filter((name) => /^\d+\.json$/.test(name))
      .map(async (name): Promise<RunningSandboxRecord[]> => {
        const file = join(directory, name);
        try {
          if (!(await isPrivate(file, 0o077))) return [];
          const parsed = recordSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
          if (!parsed.success || `${parsed.data.pid}.json` !== name) return [];
          if (!isAlive(parsed.data.pid)) {
            await rm(file, { force: true });
            return [];
          }
          return [{ ...parsed.data, baseUrl: parsed.data.baseUrl.replace(/\/+$/, "") }];
        } catch {
          return [];
        }
      }),
  );
  return records.flat();
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
