/**
 * The provenance manifest kept in run.json: what produced a run (commit, Node, the frameworks'
 * installed versions, models, clock, the case files' hashes), so `pnpm eval diff` can tell a
 * changed case or a framework upgrade from a regression.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { FaultRule } from "@celigo-agents/offline-model";
import type { LoadedCase } from "../cases/case-loader.ts";
import type { FrameworkChoice } from "../runs/run-plan.ts";
import type { Exposure } from "../runs/run-record.ts";

export interface FrameworkProvenance {
  /** The package the runner came from (a workspace app, or the package holding a user's file). */
  package: string;
  /** Where that package lives, relative to the repository root when inside it. */
  directory: string;
  /** Installed version of each of its third-party runtime dependencies, read from node_modules. */
  dependencies: Record<string, string>;
}

export interface ModelProvenance {
  /** As given to --model, e.g. `offline`, `offline:flaky`, `openai/gpt-5`. */
  name: string;
  provider: string;
  modelId: string;
  /** For the offline model: `default` or the mistake profile after `offline:`. */
  offlineProfile?: string | undefined;
  /** For the offline model under `--fault`: the faults it injected, each into `rate` of attempts. */
  faults?: FaultRule[] | undefined;
}

export interface CaseProvenance {
  file: string;
  /** SHA-256 of the case file's bytes: any edit, even a comment, marks the case as changed. */
  sha256: string;
  scenario: string;
}

export interface RunManifest {
  /** Absent outside a git checkout. `dirty`: tracked files differ from the commit. */
  git?: { commit: string; dirty: boolean } | undefined;
  node: string;
  machine: { platform: string; arch: string; cpus: number };
  frameworks: Record<string, FrameworkProvenance>;
  models: ModelProvenance[];
  exposures: Exposure[];
  scenarios: string[];
  now: string;
  cases: Record<string, CaseProvenance>;
}

export interface ManifestInput {
  cases: readonly LoadedCase[];
  frameworks: readonly FrameworkChoice[];
  models: readonly string[];
  exposures: readonly Exposure[];
  now: string;
  /** `--fault`: what the offline model injects; recorded on each offline model. */
  offlineFaults?: readonly FaultRule[] | undefined;
  /** Where case paths are relative to (the eval's working folder). */
  workingDirectory: string;
  repositoryRoot: string;
}

export async function buildRunManifest(input: ManifestInput): Promise<RunManifest> {
  const frameworks: Record<string, FrameworkProvenance> = {};
  for (const choice of input.frameworks) {
    frameworks[choice.name] = await frameworkProvenance(choice, input.repositoryRoot);
  }
  const cases: Record<string, CaseProvenance> = {};
  for (const evalCase of input.cases) {
    const bytes = await readFile(path.resolve(input.workingDirectory, evalCase.file));
    cases[evalCase.id] = {
      file: relativeTo(input.repositoryRoot, path.resolve(input.workingDirectory, evalCase.file)),
      sha256: createHash("sha256").update(bytes).digest("hex"),
      scenario: evalCase.scenario,
    };
  }
  return {
    git: await gitState(input.repositoryRoot),
    node: process.version,
    machine: { platform: process.platform, arch: process.arch, cpus: os.availableParallelism() },
    frameworks,
    models: input.models.map((name) => modelProvenance(name, input.offlineFaults)),
    exposures: [...input.exposures],
    scenarios: [...new Set(input.cases.map((evalCase) => evalCase.scenario))].sort(),
    now: input.now,
    cases,
  };
}

export function modelProvenance(
  name: string,
  offlineFaults: readonly FaultRule[] = [],
): ModelProvenance {
  if (name === "offline" || name.startsWith("offline:")) {
    const profile = name.slice("offline:".length);
    return {
      name,
      provider: "offline",
      modelId: "offline",
      offlineProfile: profile === "" ? "default" : profile,
      ...(offlineFaults.length > 0 ? { faults: offlineFaults.map((fault) => ({ ...fault })) } : {}),
    };
  }
  const slash = name.indexOf("/");
  return slash < 0
    ? { name, provider: "unknown", modelId: name }
    : { name, provider: name.slice(0, slash), modelId: name.slice(slash + 1) };
}

const run = promisify(execFile);

/** Like `git describe --dirty`: only tracked files count, so untracked output folders do not. */
async function gitState(directory: string): Promise<RunManifest["git"]> {
  try {
    const options = { cwd: directory, timeout: 10_000 };
    const commit = (await run("git", ["rev-parse", "HEAD"], options)).stdout.trim();
    const status = (await run("git", ["status", "--porcelain", "--untracked-files=no"], options))
      .stdout;
    return { commit, dirty: status.trim() !== "" };
  } catch {
    return undefined;
  }
}

async function frameworkProvenance(
  choice: FrameworkChoice,
  repositoryRoot: string,
): Promise<FrameworkProvenance> {
  const entry = choice.moduleSpecifier.startsWith("file:")
    ? fileURLToPath(choice.moduleSpecifier)
    : fileURLToPath(import.meta.resolve(choice.moduleSpecifier));
  const packageFile = findUp(path.dirname(entry), "package.json");
  if (!packageFile) {
    return { package: choice.moduleSpecifier, directory: "", dependencies: {} };
  }
  const manifest = JSON.parse(await readFile(packageFile, "utf8")) as {
    name?: string;
    dependencies?: Record<string, string>;
  };
  const packageDirectory = path.dirname(packageFile);
  const dependencies: Record<string, string> = {};
  for (const [name, range] of Object.entries(manifest.dependencies ?? {}).sort()) {
    // Workspace packages are this repository's code: the git commit pins them.
    if (range.startsWith("workspace:")) continue;
    dependencies[name] = (await installedVersion(name, packageDirectory)) ?? "not installed";
  }
  return {
    package: manifest.name ?? path.basename(packageDirectory),
    directory: relativeTo(repositoryRoot, packageDirectory),
    dependencies,
  };
}

/**
 * Node's lookup: `node_modules/<name>` in the package's folder, then in each parent. Read from
 * the file, since many packages' `exports` do not expose package.json.
 */
async function installedVersion(name: string, from: string): Promise<string | undefined> {
  let directory = from;
  for (;;) {
    const file = path.join(directory, "node_modules", name, "package.json");
    if (existsSync(file)) {
      const { version } = JSON.parse(await readFile(file, "utf8")) as { version?: string };
      return version;
    }
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

function findUp(start: string, name: string): string | undefined {
  let directory = start;
  for (;;) {
    const file = path.join(directory, name);
    if (existsSync(file)) return file;
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

function relativeTo(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith("..") ? file : relative.split(path.sep).join("/");
}
