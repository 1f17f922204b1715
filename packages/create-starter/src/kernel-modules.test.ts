import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultRepositoryRoot } from "./create-starter.ts";
import {
  type KernelModule,
  kernelBoundaryProblems,
  kernelPackages,
  portableKernelTests,
  readKernelModules,
} from "./kernel-modules.ts";
import { moduleImports } from "./module-imports.ts";

const modules = readKernelModules(defaultRepositoryRoot);
const coreDependencies = Object.keys(
  (
    JSON.parse(readFileSync(join(defaultRepositoryRoot, "packages/core/package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    }
  ).dependencies,
);

function kernelModule(fileName: string, text: string): KernelModule {
  return { fileName, text, imports: moduleImports(text), isTest: fileName.endsWith(".test.ts") };
}

describe("the kernel's boundary", () => {
  it("no kernel module imports anything outside the kernel (an exported starter copies it as is)", () => {
    expect(modules.filter((module) => !module.isTest).length).toBeGreaterThan(10);
    expect(kernelBoundaryProblems(modules, coreDependencies)).toEqual([]);
  });

  it("names each import that leaves the kernel, with its file and line", () => {
    const leaking = kernelModule(
      "leaking.ts",
      [
        'import { localServices } from "../local-services.ts";',
        'import { startSandbox } from "@celigo-agents/sandbox";',
        'import { Command } from "some-undeclared-package";',
        'import { loadConfig } from "./config.ts";',
        'const lazy = await import("./nested/missing.ts");',
      ].join("\n"),
    );
    const problems = kernelBoundaryProblems([...modules, leaking], coreDependencies);
    expect(problems).toEqual([
      'packages/core/src/kernel/leaking.ts:1: imports "../local-services.ts", which is not a module of the kernel folder',
      'packages/core/src/kernel/leaking.ts:2: imports "@celigo-agents/sandbox", a workspace package outside the kernel',
      'packages/core/src/kernel/leaking.ts:3: imports "some-undeclared-package", an npm package that packages/core/package.json does not list in dependencies',
      'packages/core/src/kernel/leaking.ts:5: imports "./nested/missing.ts", which is not a module of the kernel folder',
    ]);
  });

  it("lets a test import what it likes: tests are not part of the boundary", () => {
    const test = kernelModule(
      "sandbox.test.ts",
      'import { startSandbox } from "@celigo-agents/sandbox";',
    );
    expect(kernelBoundaryProblems([...modules, test], coreDependencies)).toEqual([]);
  });
});

describe("what an exported starter takes from the kernel", () => {
  it("takes the npm packages its modules import, declared by core", () => {
    const packages = kernelPackages(modules);
    expect(packages).toContain("@composio/core");
    expect(packages).toContain("zod");
    for (const name of packages) expect(coreDependencies).toContain(name);
    // The CLI's packages are core's, not the kernel's.
    expect(packages).not.toContain("commander");
  });

  it("takes the tests that need only the kernel, vitest and Node, and leaves those that start the sandbox", () => {
    const portable = portableKernelTests(modules).map((module) => module.fileName);
    expect(portable).toContain("tool-policy.test.ts");
    expect(portable).toContain("config.test.ts");
    const sandboxTests = modules.filter((module) =>
      module.imports.some((found) => found.specifier.startsWith("@celigo-agents/")),
    );
    expect(sandboxTests.length).toBeGreaterThan(0);
    for (const module of sandboxTests) expect(portable).not.toContain(module.fileName);
  });
});
