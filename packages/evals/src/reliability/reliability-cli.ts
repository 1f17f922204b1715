/**
 * `pnpm reliability`: runs the HTTP-level rows of docs/reliability.md against a freshly started
 * sandbox and offline model, prints them as a table with pass/fail, and exits 1 if any fails.
 * Colours only on a terminal.
 */
import { errorText } from "@celigo-agents/core";
import pc from "picocolors";
import { formatMilliseconds } from "../reports/report-format.ts";
import { runReliabilityRows } from "./reliability-rows.ts";
import { reliabilityTable } from "./reliability-table.ts";

async function main(): Promise<number> {
  const started = Date.now();
  const outcomes = await runReliabilityRows();
  console.log(reliabilityTable(outcomes, process.stdout.columns ?? 120));
  const failed = outcomes.filter((outcome) => !outcome.passed).length;
  const summary = `${outcomes.length} rows, ${outcomes.length - failed} passed, ${failed} failed in ${formatMilliseconds(Date.now() - started)} (docs/reliability.md lists every row with its test).`;
  console.log(failed === 0 ? pc.green(summary) : pc.red(summary));
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      pc.red(
        `pnpm reliability could not start the sandbox and the offline model: ${errorText(error)}`,
      ),
    );
    process.exitCode = 1;
  },
);
