/**
 * `pnpm chat <framework> [prompt]`: runs that app's own entry file (apps/<framework>/src/main.ts),
 * so what runs here is exactly what a user copies.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const appsDirectory = fileURLToPath(new URL("../apps/", import.meta.url));
const frameworks = readdirSync(appsDirectory).filter((name) =>
  existsSync(`${appsDirectory}${name}/src/main.ts`),
);
const [framework, ...rest] = process.argv.slice(2);

if (!framework || !frameworks.includes(framework)) {
  console.error(
    `${framework ? `Unknown framework "${framework}". ` : ""}Usage: pnpm chat <${frameworks.join("|")}> ["prompt"] [--allow-destructive]`,
  );
  process.exit(2);
}

const child = spawn(
  process.execPath,
  ["--import", "tsx", `${appsDirectory}${framework}/src/main.ts`, ...rest],
  {
    stdio: "inherit",
  },
);
// Ctrl-C reaches the child through the terminal; the parent just waits for it.
process.on("SIGINT", () => {});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
