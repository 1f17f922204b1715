/**
 * `pnpm create-starter <framework> <dir>`: writes one app and the core kernel as a standalone
 * npm project. The kernel's modules are copied verbatim into `src/celigo/` (with its index as
 * `src/celigo/index.ts`); the app's modules are copied with `@celigo-agents/core` rewritten to
 * that index, and nothing else changed. Everything is checked before the first file is written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CeligoAgentsError } from "@celigo-agents/core";
import validatePackageName from "validate-npm-package-name";
import {
  kernelBoundaryProblems,
  kernelPackages,
  portableKernelTests,
  readKernelModules,
} from "./kernel-modules.ts";
import { importKind, moduleImports, packageNameOf, rewriteImports } from "./module-imports.ts";
import { readStarterApp, type StarterApp } from "./starter-apps.ts";
import { starterPackageJson } from "./starter-package-json.ts";
import { checkLinks, starterReadme } from "./starter-readme.ts";
import { addLineCounts, countTypeScriptLines, type LineCount } from "./typescript-lines.ts";
import { readWorkspaceVersions } from "./workspace-versions.ts";

export interface CreateStarterOptions {
  framework: string;
  /** Where to write the project: a new or empty folder, absolute or relative to the cwd. */
  directory: string;
  /** The package name; defaults to the folder's name. */
  name?: string | undefined;
  /** The celigo-agents checkout to export from; defaults to the one this file is in. */
  repositoryRoot?: string;
}

export interface CreatedStarter {
  framework: string;
  name: string;
  directory: string;
  /** Paths written, relative to `directory`, with `/`. */
  files: string[];
  /** TypeScript outside tests: the kernel, the runner and the main file. */
  sourceLines: LineCount;
  testLines: LineCount;
}

export const defaultRepositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
const templateDirectory = fileURLToPath(new URL("../template/", import.meta.url));
const coreImport = "@celigo-agents/core";

export function createStarter(options: CreateStarterOptions): CreatedStarter {
  const root = options.repositoryRoot ?? defaultRepositoryRoot;
  const app = readStarterApp(root, options.framework);
  const directory = resolve(options.directory);
  checkTargetDirectory(directory);
  const name = options.name ?? basename(directory);
  checkPackageName(name, options.name === undefined);

  const files = starterFiles(root, app, name);
  for (const [path, text] of files) {
    const target = join(directory, ...path.split("/"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  const typescript = [...files].filter(([path]) => path.endsWith(".ts"));
  const count = (tests: boolean) =>
    addLineCounts(
      typescript
        .filter(([path]) => path.endsWith(".test.ts") === tests)
        .map(([, text]) => countTypeScriptLines(text)),
    );
  return {
    framework: app.framework,
    name,
    directory,
    files: [...files.keys()].sort(),
    sourceLines: count(false),
    testLines: count(true),
  };
}

/** The project's files, path (with `/`) -> text. */
function starterFiles(root: string, app: StarterApp, name: string): Map<string, string> {
  const kernel = kernelFiles(root);
  const runner = appFiles(app);
  const files = new Map([...kernel.files, ...runner.files]);
  files.set("src/main.ts", template("src/main.ts"));
  files.set("src/runner.test.ts", template("src/runner.test.ts"));

  const versions = readWorkspaceVersions(root);
  const packageJson = starterPackageJson({
    name,
    app,
    kernelPackages: kernel.packages,
    appImports: runner.packages,
    versions,
  });
  files.set("package.json", `${JSON.stringify(packageJson, null, 2)}\n`);
  files.set("tsconfig.json", `${JSON.stringify(starterTsconfig(root), null, 2)}\n`);
  files.set(".env.example", template("env.example"));
  files.set(".gitignore", template("gitignore"));
  const rootPackage = readJson(join(root, "package.json")) as { packageManager?: string };
  const readme = starterReadme(template("README.md"), app, {
    framework: app.framework,
    nodeVersion: versions.versionOf(".", "node"),
    pnpmVersion: rootPackage.packageManager?.replace(/^pnpm@/, "") ?? "latest",
  });
  const paths = [...files.keys()];
  checkLinks(
    readme,
    (path) => paths.some((file) => file === path || file.startsWith(`${path}/`)),
    app,
  );
  files.set("README.md", readme);
  return files;
}

/** The kernel's modules and portable tests under src/celigo/, and the npm packages they use. */
function kernelFiles(root: string): { files: Map<string, string>; packages: string[] } {
  const modules = readKernelModules(root);
  const corePackage = readJson(join(root, "packages/core/package.json")) as {
    dependencies?: Record<string, string>;
  };
  const problems = kernelBoundaryProblems(modules, Object.keys(corePackage.dependencies ?? {}));
  if (problems.length > 0) {
    throw new CeligoAgentsError(
      "input_invalid",
      "system",
      `The kernel imports from outside itself, which an exported project would not have:\n${problems.map((problem) => `  - ${problem}`).join("\n")}\nMove what it needs into packages/core/src/kernel, or plug it in from outside (as packages/core/src/local-services.ts does).`,
    );
  }
  const copied = [...modules.filter((module) => !module.isTest), ...portableKernelTests(modules)];
  return {
    files: new Map(copied.map((module) => [`src/celigo/${module.fileName}`, module.text])),
    packages: kernelPackages(modules),
  };
}

/**
 * The app's modules under src/, `@celigo-agents/core` pointed at the kernel's index, and the
 * npm packages they import. Its main file is the template's, which tells the chat the command
 * this project is started with.
 */
function appFiles(app: StarterApp): { files: Map<string, string>; packages: string[] } {
  const files = new Map<string, string>();
  const packages = new Set<string>();
  for (const [path, text] of app.sources) {
    if (path === "main.ts") continue;
    const rewrite = (specifier: string) => {
      if (specifier === coreImport) {
        const relative = posix.relative(posix.dirname(`src/${path}`), "src/celigo/index.ts");
        return relative.startsWith(".") ? relative : `./${relative}`;
      }
      if (importKind(specifier) !== "package") return specifier;
      const packageName = packageNameOf(specifier);
      if (packageName.startsWith("@celigo-agents/")) {
        const line = moduleImports(text).find((found) => found.specifier === specifier)?.line;
        throw new CeligoAgentsError(
          "input_invalid",
          "user",
          `${app.folder}/src/${path}:${line} imports ${specifier}, which an exported project does not have (only ${coreImport}, which becomes src/celigo/index.ts). Import what it needs from ${coreImport}, after adding it to packages/core/src/kernel/index.ts.`,
        );
      }
      packages.add(packageName);
      return specifier;
    };
    files.set(`src/${path}`, rewriteImports(text, rewrite));
  }
  return { files, packages: [...packages].sort() };
}

/** The repository's compiler options, so the project typechecks as the monorepo does. */
function starterTsconfig(root: string) {
  const base = readJson(join(root, "tsconfig.base.json")) as { compilerOptions: object };
  return { compilerOptions: base.compilerOptions, include: ["src"] };
}

function checkPackageName(name: string, fromFolder: boolean): void {
  const verdict = validatePackageName(name);
  if (verdict.validForNewPackages) return;
  const reasons = [...(verdict.errors ?? []), ...(verdict.warnings ?? [])].join("; ");
  const source = fromFolder ? `The folder name "${name}"` : `--name "${name}"`;
  throw new CeligoAgentsError(
    "input_invalid",
    "user",
    `${source} is not a valid npm package name (${reasons}). Pass --name with lower-case letters, digits and - . _, e.g. --name my-celigo-agent.`,
  );
}

function checkTargetDirectory(directory: string): void {
  if (!existsSync(directory)) return;
  if (!statSync(directory).isDirectory()) {
    throw new CeligoAgentsError(
      "input_invalid",
      "user",
      `${directory} is a file: give create-starter a new folder to write the project into.`,
    );
  }
  if (readdirSync(directory).length > 0) {
    throw new CeligoAgentsError(
      "input_invalid",
      "user",
      `${directory} is not empty: give create-starter a new or empty folder, so no file of yours is overwritten.`,
    );
  }
}

function template(path: string): string {
  return readFileSync(join(templateDirectory, path), "utf8");
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}
