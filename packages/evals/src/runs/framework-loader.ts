/**
 * Frameworks by name (the four framework apps and the no-framework baseline) or by a path to a
 * user's module exporting `createRunner`, so comparing one's own agent is one flag.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { CreateRunner } from "@celigo-agents/core";
import type { FrameworkChoice } from "./run-plan.ts";

export const builtInFrameworks = [
  "baseline",
  "mastra",
  "openai-agents",
  "ai-sdk",
  "langchain",
] as const;

export function parseFrameworks(value: string, workingDirectory: string): FrameworkChoice[] {
  const names = value
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0)
    throw new Error(
      `--frameworks is empty. Name at least one of ${builtInFrameworks.join(", ")} or a path to a module exporting createRunner.`,
    );
  return names.map((name) => {
    if ((builtInFrameworks as readonly string[]).includes(name)) {
      return { name, moduleSpecifier: `@celigo-agents/${name}` };
    }
    const file = path.resolve(workingDirectory, name);
    if (!existsSync(file)) {
      throw new Error(
        `--frameworks: "${name}" is neither a built-in framework (${builtInFrameworks.join(", ")}) nor an existing file. Pass a path to a module that exports createRunner.`,
      );
    }
    const base = path.basename(file).replace(/\.[cm]?[jt]s$/, "");
    const label = ["runner", "index", "main"].includes(base)
      ? path.basename(path.dirname(file))
      : base;
    return { name: label, moduleSpecifier: pathToFileURL(file).href };
  });
}

export async function loadCreateRunner(choice: FrameworkChoice): Promise<CreateRunner> {
  const module = (await import(choice.moduleSpecifier)) as { createRunner?: unknown };
  if (typeof module.createRunner !== "function") {
    throw new Error(
      `${choice.moduleSpecifier} does not export a createRunner function. Export \`createRunner: CreateRunner\` (see @celigo-agents/core's runner contract).`,
    );
  }
  return module.createRunner as CreateRunner;
}
