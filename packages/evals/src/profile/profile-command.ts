/** `pnpm eval profile`: the cost profile alone. */
import { mkdir } from "node:fs/promises";
import { celigoInstructions } from "@celigo-agents/core/internal";
import type { FrameworkChoice } from "../runs/run-plan.ts";
import { measureCostProfile, type ProfileOutcome, writeProfile } from "./cost-profile.ts";

export async function profileRunnersStandalone(options: {
  frameworks: readonly FrameworkChoice[];
  now: string;
  outDirectory: string;
  stream?: NodeJS.WritableStream;
}): Promise<ProfileOutcome> {
  const stream = options.stream ?? process.stderr;
  const outcome = await measureCostProfile({
    frameworks: options.frameworks,
    instructions: celigoInstructions(new Date(options.now)),
    onRunner: (name) => stream.write(`measuring ${name}\n`),
  });
  await mkdir(options.outDirectory, { recursive: true });
  await writeProfile(options.outDirectory, outcome);
  return outcome;
}
