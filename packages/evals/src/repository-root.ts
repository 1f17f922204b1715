/** The monorepo root (the folder holding pnpm-workspace.yaml), found by walking up. */
import { existsSync } from "node:fs";
import path from "node:path";

export function findRepositoryRoot(start: string): string {
  let directory = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(directory, "pnpm-workspace.yaml"))) return directory;
    const parent = path.dirname(directory);
    if (parent === directory) return path.resolve(start);
    directory = parent;
  }
}

/**
 * `pnpm eval` runs inside packages/evals, but users type paths from the repository root: an
 * existing path wins from either place, and a new one (an output folder) lands at the root.
 */
export function resolveUserPath(
  value: string,
  repositoryRoot: string,
  workingDirectory: string,
): string {
  if (path.isAbsolute(value)) return value;
  const fromRoot = path.resolve(repositoryRoot, value);
  const fromWorking = path.resolve(workingDirectory, value);
  if (!existsSync(fromRoot) && existsSync(fromWorking)) return fromWorking;
  return fromRoot;
}
