/**
 * The sandbox `pnpm sandbox` is running, if any. The sandbox CLI records its base URL and the
 * default account's Celigo token in a 0600 JSON file in the OS temp folder (written atomically,
 * removed on a clean exit); `pnpm celigo` without a token uses that sandbox when it answers.
 * The file name and fields are shared with packages/sandbox/src/cli.ts, which writes them.
 */
import { readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { isLoopbackUrl } from "../kernel/config.ts";

export const runningSandboxFileName = "celigo-agents-sandbox.json";

export interface RunningSandboxRecord {
  baseUrl: string;
  celigoToken: string;
}

const recordSchema = z.object({
  baseUrl: z.url({ protocol: /^http$/ }).refine((value) => isLoopbackUrl(value)),
  celigoToken: z.string().min(1),
});

/** Where `pnpm sandbox` records itself: the OS temp folder unless told otherwise (tests). */
export function runningSandboxFile(directory: string = tmpdir()): string {
  return join(directory, runningSandboxFileName);
}

/**
 * The recorded sandbox when the file is this user's own, private, well formed, and the sandbox
 * answers with the recorded token; otherwise undefined (no file, a stale one, a stopped sandbox).
 */
export async function findRunningSandbox(
  file: string,
  options: { timeoutMs?: number } = {},
): Promise<RunningSandboxRecord | undefined> {
  const record = await readRecord(file);
  if (record === undefined) return undefined;
  try {
    const response = await fetch(new URL("/v1/tokenInfo", record.baseUrl), {
      headers: { authorization: `Bearer ${record.celigoToken}` },
      signal: AbortSignal.timeout(options.timeoutMs ?? 1000),
    });
    await response.body?.cancel();
    return response.ok ? record : undefined;
  } catch {
    return undefined;
  }
}

async function readRecord(file: string): Promise<RunningSandboxRecord | undefined> {
  try {
    const info = await stat(file);
    // In a shared temp folder, anyone could plant this file: trust only our own private one.
    const uid = process.getuid?.();
    if (uid !== undefined && (info.uid !== uid || (info.mode & 0o077) !== 0)) return undefined;
    const parsed = recordSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    return parsed.success
      ? { baseUrl: parsed.data.baseUrl.replace(/\/+$/, ""), celigoToken: parsed.data.celigoToken }
      : undefined;
  } catch {
    return undefined;
  }
}
