/**
 * The apps a starter can be exported from: every folder of apps/ with a `src/runner.ts` and a
 * `src/main.ts`, found by folder, so a new app is exportable as soon as it lands.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";
import { CeligoAgentsError } from "@celigo-agents/core";

export interface StarterApp {
  framework: string;
  /** The app folder, relative to the repository root (`apps/mastra`), as the lockfile names it. */
  folder: string;
  description: string;
  /** The app's npm dependencies, workspace packages left out. */
  dependencies: string[];
  /** Its source modules, tests aside: path inside `src/` (with `/`) -> text. */
  sources: Map<string, string>;
  readme: string;
}

export function listFrameworks(repositoryRoot: string): string[] {
  const appsDirectory = join(repositoryRoot, "apps");
  return readdirSync(appsDirectory)
    .filter(
      (name) =>
        existsSync(join(appsDirectory, name, "src", "runner.ts")) &&
        existsSync(join(appsDirectory, name, "src", "main.ts")),
    )
    .sort();
}

export function readStarterApp(repositoryRoot: string, framework: string): StarterApp {
  const frameworks = listFrameworks(repositoryRoot);
  if (!frameworks.includes(framework)) {
    throw new CeligoAgentsError(
      "input_invalid",
      "user",
      `Unknown framework "${framework}": use one of ${frameworks.join(", ")} (the folders of apps/ with a src/runner.ts and a src/main.ts).`,
    );
  }
  const folder = `apps/${framework}`;
  const directory = join(repositoryRoot, folder);
  const packageJson = JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as {
    description?: string;
    dependencies?: Record<string, string>;
  };
  const sourceDirectory = join(directory, "src");
  const sources = new Map(
    readdirSync(sourceDirectory, { recursive: true, encoding: "utf8" })
      .map((path) => path.split(sep).join("/"))
      .filter((path) => path.endsWith(".ts") && !path.endsWith(".test.ts"))
      .sort()
      .map((path) => [path, readFileSync(join(sourceDirectory, path), "utf8")]),
  );
  const readmePath = join(directory, "README.md");
  return {
    framework,
    folder,
    description: packageJson.description ?? `Celigo operations agent on ${framework}.`,
    dependencies: Object.keys(packageJson.dependencies ?? {})
      .filter((name) => !name.startsWith("@celigo-agents/"))
      .sort(),
    sources,
    readme: existsSync(readmePath)
      ? readFileSync(readmePath, "utf8")
      : `# Celigo agent on ${framework}\n`,
  };
}
