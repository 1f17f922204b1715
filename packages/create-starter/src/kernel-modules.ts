/**
 * The kernel (packages/core/src/kernel): the modules an exported project copies verbatim as
 * `src/celigo/`. A kernel module may import other kernel modules, Node's built-ins and npm
 * packages that core declares; anything else (core's other folders, the sandbox, the offline
 * model) would not exist in the exported project.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { importKind, type ModuleImport, moduleImports, packageNameOf } from "./module-imports.ts";

export interface KernelModule {
  /** The file name inside the kernel folder, e.g. `tool-policy.ts`. */
  fileName: string;
  text: string;
  imports: ModuleImport[];
  isTest: boolean;
}

export const kernelFolder = "packages/core/src/kernel";

export function readKernelModules(repositoryRoot: string): KernelModule[] {
  const directory = join(repositoryRoot, kernelFolder);
  return readdirSync(directory)
    .filter((fileName) => fileName.endsWith(".ts"))
    .sort()
    .map((fileName) => {
      const text = readFileSync(join(directory, fileName), "utf8");
      return {
        fileName,
        text,
        imports: moduleImports(text),
        isTest: fileName.endsWith(".test.ts"),
      };
    });
}

/**
 * Every import of a kernel module (tests aside) that leaves the kernel, as `file:line: why`.
 * `declaredPackages` are core's own dependencies, the only npm packages a kernel module may use.
 */
export function kernelBoundaryProblems(
  modules: readonly KernelModule[],
  declaredPackages: readonly string[],
): string[] {
  const kernelFiles = new Set(
    modules.filter((module) => !module.isTest).map((module) => module.fileName),
  );
  const problems: string[] = [];
  for (const module of modules.filter((candidate) => !candidate.isTest)) {
    for (const found of module.imports) {
      const where = `${kernelFolder}/${module.fileName}:${found.line}`;
      const why = importProblem(found.specifier, kernelFiles, declaredPackages);
      if (why) problems.push(`${where}: imports "${found.specifier}", ${why}`);
    }
  }
  return problems;
}

function importProblem(
  specifier: string,
  kernelFiles: ReadonlySet<string>,
  declaredPackages: readonly string[],
): string | undefined {
  switch (importKind(specifier)) {
    case "builtin":
      return undefined;
    case "relative":
      return /^\.\/[^/]+$/.test(specifier) && kernelFiles.has(specifier.slice(2))
        ? undefined
        : "which is not a module of the kernel folder";
    case "package": {
      const name = packageNameOf(specifier);
      if (name.startsWith("@celigo-agents/")) return "a workspace package outside the kernel";
      return declaredPackages.includes(name)
        ? undefined
        : "an npm package that packages/core/package.json does not list in dependencies";
    }
  }
}

/** The npm packages the kernel's modules (tests aside) import. */
export function kernelPackages(modules: readonly KernelModule[]): string[] {
  const names = modules
    .filter((module) => !module.isTest)
    .flatMap((module) => module.imports)
    .filter((found) => importKind(found.specifier) === "package")
    .map((found) => packageNameOf(found.specifier));
  return [...new Set(names)].sort();
}

/**
 * Kernel tests that run in an exported project: those importing only kernel modules, Node's
 * built-ins and vitest (tests that start the sandbox stay in this repository).
 */
export function portableKernelTests(modules: readonly KernelModule[]): KernelModule[] {
  const kernelFiles = new Set(
    modules.filter((module) => !module.isTest).map((module) => module.fileName),
  );
  return modules.filter(
    (module) =>
      module.isTest &&
      module.imports.every((found) => !importProblem(found.specifier, kernelFiles, ["vitest"])),
  );
}
