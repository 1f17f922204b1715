/** `pnpm eval profile`: the cost profile alone, on a sandbox of its own. */
import { mkdir } from "node:fs/promises";
import { celigoInstructions } from "@celigo-agents/core";
import type { FrameworkChoice } from "../runs/run-plan.ts";
import type { Exposure } from "../runs/run-record.ts";
import { openEvalSandbox } from "../runs/sandbox-harness.ts";
import { measureCostProfile, type ProfileOutcome, writeProfile } from "./cost-profile.ts";
import { sandboxSessions } from "./sandbox-sessions.ts";

export async function profileRunnersStandalone(options: {
  frameworks: readonly FrameworkChoice[];
  exposure: Exposure;
  now: string;
  outDirectory: string;
  stream?: NodeJS.WritableStream;
}): Promise<ProfileOutcome> {
  const stream = options.stream ?? process.stderr;
  const sandbox = await openEvalSandbox(options.now);
  try {
    const sessions = await sandboxSessions(sandbox, "acme-retail", options.exposure);
    const outcome = await measureCostProfile({
      frameworks: options.frameworks,
      exposure: options.exposure,
      instructions: celigoInstructions(new Date(options.now)),
      openSession: sessions.openSession,
      onRunner: (name) => stream.write(`measuring ${name}\n`),
    });
    await sessions.close();
    await mkdir(options.outDirectory, { recursive: true });
    await writeProfile(options.outDirectory, outcome);
    return outcome;
  } finally {
    await sandbox.close();
  }
}
