/**
 * `pnpm create-starter <framework> <dir> [--name NAME]`: exports one app as a standalone npm
 * project and says what to run next. Exit codes: 0 written, 2 a usage or input mistake, 1 a
 * failure of ours.
 */
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { describeError, isCeligoAgentsError } from "@celigo-agents/core";
import { createStarter, defaultRepositoryRoot } from "./create-starter.ts";
import { listFrameworks } from "./starter-apps.ts";

function usage(): string {
  return `Usage: pnpm create-starter <framework> <dir> [--name NAME]
  framework  one of ${listFrameworks(defaultRepositoryRoot).join(", ")}
  dir        a new or empty folder (relative to the repository root when run through pnpm)
  --name     the package name (default: the folder's name)`;
}

export function runCreateStarter(
  argv: readonly string[],
  write: (text: string) => void,
  fail: (text: string) => void,
): number {
  let values: { name?: string | undefined; help?: boolean | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { name: { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    fail(`${describeError(error)}\n${usage()}\n`);
    return 2;
  }
  if (values.help) {
    write(`${usage()}\n`);
    return 0;
  }
  const [framework, directory, ...extra] = positionals;
  if (!framework || !directory || extra.length > 0) {
    const problem = !framework
      ? "Name a framework and a folder."
      : !directory
        ? `Name the folder to write the ${framework} starter into.`
        : `Expected a framework and one folder, got ${positionals.length} arguments (quote a folder name with spaces).`;
    fail(`${problem}\n${usage()}\n`);
    return 2;
  }
  try {
    const created = createStarter({ framework, directory, name: values.name });
    // A folder outside the working directory reads better as its absolute path.
    const fromHere = relative(process.cwd(), created.directory) || ".";
    const shown = fromHere.startsWith("..") ? created.directory : fromHere;
    const lines = created.sourceLines;
    write(
      [
        `Created ${created.name}, the ${created.framework} starter, in ${created.directory}:`,
        `  ${created.files.length} files; ${lines.code.toLocaleString("en-US")} lines of TypeScript code (${lines.total.toLocaleString("en-US")} with comments and blank lines) in src/ outside tests.`,
        "",
        "Next:",
        `  cd ${shown.includes(" ") ? JSON.stringify(shown) : shown}`,
        "  npm install",
        '  npm start -- "Which flows failed today?"',
        "",
        "Without keys it says what to set; README.md shows how to run it against this repository's",
        "sandbox (npx pnpm sandbox) and offline model (npx pnpm offline-model) instead.",
        "",
      ].join("\n"),
    );
    return 0;
  } catch (error) {
    fail(`${describeError(error)}\n`);
    return isCeligoAgentsError(error) && error.kind === "user" ? 2 : 1;
  }
}

if (import.meta.main) {
  process.exitCode = runCreateStarter(
    process.argv.slice(2),
    (text) => process.stdout.write(text),
    (text) => process.stderr.write(text),
  );
}
