/**
 * The exact versions this repository installs and tests, read from its pnpm catalog
 * (pnpm-workspace.yaml) and lockfile (pnpm-lock.yaml), so an exported project pins the same,
 * with the workspace's overrides and install-script allowances.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CeligoAgentsError } from "@celigo-agents/core";
import { parse } from "yaml";

interface LockfileImporter {
  dependencies?: Record<string, { specifier: string; version: string }>;
  devDependencies?: Record<string, { specifier: string; version: string }>;
}

interface Lockfile {
  importers: Record<string, LockfileImporter>;
  snapshots?: Record<
    string,
    { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }
  >;
}

interface WorkspaceFile {
  catalog?: Record<string, string>;
  overrides?: Record<string, string>;
  onlyBuiltDependencies?: string[];
}

export interface WorkspaceVersions {
  /**
   * The version of `name` that pnpm installed for a workspace package (`apps/mastra`,
   * `packages/core`, `.` for the root), without pnpm's peer suffix.
   */
  versionOf(importer: string, name: string): string;
  /** Every package installed for these dependencies of an importer, however deep. */
  installedPackages(importer: string, names: readonly string[]): Set<string>;
  /** The workspace's `overrides` (pnpm-workspace.yaml), package name -> version. */
  overrides: Record<string, string>;
  /** Packages whose install scripts the workspace lets run (`onlyBuiltDependencies`). */
  builtDependencies: string[];
}

export function readWorkspaceVersions(repositoryRoot: string): WorkspaceVersions {
  const workspace = parse(
    readFileSync(join(repositoryRoot, "pnpm-workspace.yaml"), "utf8"),
  ) as WorkspaceFile;
  const lockfile = parse(readFileSync(join(repositoryRoot, "pnpm-lock.yaml"), "utf8")) as Lockfile;
  const catalog = workspace.catalog ?? {};

  const entryOf = (importer: string, name: string) => {
    const packages = lockfile.importers[importer];
    if (!packages) throw outOfDate(`it has no entry for the workspace package ${importer}`);
    const entry = packages.dependencies?.[name] ?? packages.devDependencies?.[name];
    if (!entry) throw outOfDate(`${importer} has no dependency ${name} in it`);
    if (entry.version.startsWith("link:")) {
      throw new CeligoAgentsError(
        "input_invalid",
        "user",
        `${name} is a workspace package of this repository (${entry.version}), which an exported project cannot install from npm. Import it through @celigo-agents/core's kernel instead.`,
      );
    }
    return entry;
  };

  return {
    versionOf(importer, name) {
      const entry = entryOf(importer, name);
      const version = withoutPeers(entry.version);
      if (entry.specifier === "catalog:" && catalog[name] !== version) {
        throw outOfDate(
          `${importer} resolves ${name} to ${version}, the catalog says ${catalog[name]}`,
        );
      }
      return version;
    },
    installedPackages(importer, names) {
      return dependencyClosure(
        lockfile,
        names.map((name) => `${name}@${entryOf(importer, name).version}`),
      );
    },
    overrides: workspace.overrides ?? {},
    builtDependencies: workspace.onlyBuiltDependencies ?? [],
  };
}

/** Package names installed for these lockfile snapshot keys (`name@version(peers)`), deeply. */
function dependencyClosure(lockfile: Lockfile, roots: readonly string[]): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const queue = [...roots];
  for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
    if (seen.has(key)) continue;
    seen.add(key);
    names.add(key.slice(0, key.indexOf("@", 1)));
    const snapshot = lockfile.snapshots?.[key];
    for (const [name, version] of Object.entries({
      ...snapshot?.dependencies,
      ...snapshot?.optionalDependencies,
    })) {
      queue.push(`${name}@${version}`);
    }
  }
  return names;
}

/** `1.71.0(ai@7.0.173(zod@4.6.7))` -> `1.71.0`. */
function withoutPeers(version: string): string {
  const peers = version.indexOf("(");
  return peers === -1 ? version : version.slice(0, peers);
}

function outOfDate(detail: string): CeligoAgentsError {
  return new CeligoAgentsError(
    "input_invalid",
    "user",
    `pnpm-lock.yaml does not match the workspace (${detail}). Run \`npx pnpm install\` at the repository root, then export again.`,
  );
}
