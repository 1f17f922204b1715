/**
 * What installing a runner's app pulls in: its production dependency closure, read from the
 * installed tree. Starting at the app's package.json `dependencies`, each name is resolved the
 * way Node resolves it from the requiring package (pnpm links every package's dependencies next
 * to it under `node_modules/.pnpm/<name>@<version>/node_modules/`), then its `dependencies`,
 * `optionalDependencies` and installed `peerDependencies` in turn; devDependencies never. A
 * workspace package (e.g. @celigo-agents/core) is followed but not counted: a copied starter
 * carries its source, not an npm package. `installPackages` counts distinct name@version;
 * `installMb` sums the apparent size of their files (MB = 10^6 bytes).
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { lstat, mkdir, readdir, readFile, realpath, writeFile } from "node:fs/promises";
import path from "node:path";

export interface InstallClosure {
  installPackages: number;
  installMb: number;
}

interface PackageManifest {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

// Installed package folders do not change while the process runs; several runners share most.
const sizeCache = new Map<string, Promise<number>>();

const cacheFile = path.join(
  "node_modules",
  ".cache",
  "celigo-agents-evals",
  "install-closure.json",
);

/**
 * Walking a closure reads hundreds of folders and thousands of files; the answer changes only
 * when the installed tree does, so it is kept (beside the lockfile, under node_modules/.cache)
 * keyed by a digest of the lockfile and the app's package.json.
 */
export async function cachedInstallClosure(
  appDirectory: string,
): Promise<InstallClosure | undefined> {
  const root = lockfileFolder(appDirectory);
  if (!root) return installClosure(appDirectory);
  const [lockfile, manifest] = await Promise.all([
    readFile(path.join(root, "pnpm-lock.yaml"), "utf8"),
    readFile(path.join(appDirectory, "package.json"), "utf8").catch(() => ""),
  ]);
  const key = createHash("sha256").update(lockfile).update("\0").update(manifest).digest("hex");
  const file = path.join(root, cacheFile);
  const cache = (await readFile(file, "utf8").then(JSON.parse, () => ({}))) as Record<
    string,
    InstallClosure & { key: string }
  >;
  const name = path.relative(root, appDirectory);
  const cached = cache[name];
  if (cached?.key === key) {
    return { installPackages: cached.installPackages, installMb: cached.installMb };
  }
  const closure = await installClosure(appDirectory);
  if (closure) {
    // Re-read, so runners measured by other processes at the same time keep their entries.
    const latest = await readFile(file, "utf8").then(JSON.parse, () => ({}));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ ...latest, [name]: { key, ...closure } }, null, 1));
  }
  return closure;
}

function lockfileFolder(from: string): string | undefined {
  let directory = from;
  for (;;) {
    if (existsSync(path.join(directory, "pnpm-lock.yaml"))) return directory;
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** Undefined when `appDirectory` has no package.json. */
export async function installClosure(appDirectory: string): Promise<InstallClosure | undefined> {
  const root = await readManifest(appDirectory);
  if (!root) return undefined;
  const counted = new Map<string, string>();
  const visited = new Set<string>();
  const queue: Array<{ directory: string; manifest: PackageManifest; isRoot: boolean }> = [
    { directory: await realpath(appDirectory), manifest: root, isRoot: true },
  ];
  while (queue.length > 0) {
    const { directory, manifest, isRoot } = queue.shift() as (typeof queue)[number];
    const names = [
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.optionalDependencies ?? {}),
      // A peer is installed beside the package when something provides it; absent ones are skipped.
      ...(isRoot ? [] : Object.keys(manifest.peerDependencies ?? {})),
    ];
    for (const name of new Set(names)) {
      const found = await resolvePackage(directory, name);
      if (!found || visited.has(found)) continue;
      visited.add(found);
      const manifestFound = await readManifest(found);
      if (!manifestFound) continue;
      if (!isWorkspacePackage(found)) {
        counted.set(`${manifestFound.name ?? name}@${manifestFound.version ?? "?"}`, found);
      }
      queue.push({ directory: found, manifest: manifestFound, isRoot: isWorkspacePackage(found) });
    }
  }
  const sizes = await Promise.all([...counted.values()].map((directory) => cachedSize(directory)));
  const bytes = sizes.reduce((total, size) => total + size, 0);
  return { installPackages: counted.size, installMb: Math.round(bytes / 10_000) / 100 };
}

/** Node's lookup: `node_modules/<name>` in the package's folder, then in each parent folder. */
async function resolvePackage(fromDirectory: string, name: string): Promise<string | undefined> {
  let directory = fromDirectory;
  for (;;) {
    const candidate = path.join(directory, "node_modules", name);
    try {
      return await realpath(candidate);
    } catch {
      const parent = path.dirname(directory);
      if (parent === directory) return undefined;
      directory = parent;
    }
  }
}

function isWorkspacePackage(directory: string): boolean {
  return !directory.split(path.sep).includes("node_modules");
}

async function readManifest(directory: string): Promise<PackageManifest | undefined> {
  try {
    return JSON.parse(await readFile(path.join(directory, "package.json"), "utf8"));
  } catch {
    return undefined;
  }
}

function cachedSize(directory: string): Promise<number> {
  let size = sizeCache.get(directory);
  if (!size) {
    size = folderSize(directory);
    sizeCache.set(directory, size);
  }
  return size;
}

/** Apparent size of the files under `directory`, not following links (pnpm's sibling links). */
async function folderSize(directory: string): Promise<number> {
  const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
  const sizes = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        // Nested node_modules hold links to other packages, counted on their own.
        return entry.name === "node_modules" ? 0 : folderSize(full);
      }
      if (entry.isFile()) return (await lstat(full)).size;
      return 0;
    }),
  );
  return sizes.reduce((total, size) => total + size, 0);
}
