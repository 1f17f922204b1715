/**
 * The exported project's package.json: an ES module package whose dependencies are the app's and
 * the kernel's, at the exact versions this repository installs, with Node brought as a dev
 * dependency the way the repository brings it, so a machine with only Node 20 and npm runs it.
 */
import { CeligoAgentsError } from "@celigo-agents/core";
import type { StarterApp } from "./starter-apps.ts";
import type { WorkspaceVersions } from "./workspace-versions.ts";

export interface StarterPackageJson {
  name: string;
  version: string;
  private: true;
  type: "module";
  description: string;
  scripts: Record<"start" | "chat" | "test" | "typecheck", string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  overrides?: Record<string, string>;
  /** npm 11's approval of dependencies' install scripts (older npm ignores it). */
  allowScripts?: Record<string, boolean>;
}

/** Tools the project's scripts run, at the versions the repository root uses. */
const toolPackages = {
  runtime: ["tsx"],
  development: ["@types/node", "node", "typescript", "vitest"],
};

export function starterPackageJson(options: {
  name: string;
  app: StarterApp;
  /** npm packages the copied kernel imports. */
  kernelPackages: readonly string[];
  /** npm packages the app's copied modules import. */
  appImports: readonly string[];
  versions: WorkspaceVersions;
}): StarterPackageJson {
  const { app, versions } = options;
  const undeclared = options.appImports.filter((name) => !app.dependencies.includes(name));
  if (undeclared.length > 0) {
    throw new CeligoAgentsError(
      "input_invalid",
      "user",
      `${app.folder}/src imports ${undeclared.join(", ")}, which ${app.folder}/package.json does not list in dependencies; add ${undeclared.length === 1 ? "it" : "them"} there (as "catalog:") and run npx pnpm install.`,
    );
  }
  const dependencies: Record<string, string> = {};
  const pin = (name: string, version: string, from: string) => {
    const earlier = dependencies[name];
    if (earlier !== undefined && earlier !== version) {
      throw new CeligoAgentsError(
        "input_invalid",
        "user",
        `${name} is ${earlier} for one part of the starter and ${version} for ${from}; give both the same version in pnpm-workspace.yaml's catalog.`,
      );
    }
    dependencies[name] = version;
  };
  for (const name of app.dependencies) pin(name, versions.versionOf(app.folder, name), app.folder);
  for (const name of options.kernelPackages) {
    pin(name, versions.versionOf("packages/core", name), "the kernel");
  }
  for (const name of toolPackages.runtime) pin(name, versions.versionOf(".", name), "the scripts");
  const devDependencies = Object.fromEntries(
    toolPackages.development.map((name) => [name, versions.versionOf(".", name)]),
  );
  const installed = new Set([
    ...versions.installedPackages(app.folder, app.dependencies),
    ...versions.installedPackages("packages/core", options.kernelPackages),
    ...versions.installedPackages(".", [...toolPackages.runtime, ...toolPackages.development]),
  ]);
  const overrides: Record<string, string> = {};
  for (const [selector, version] of Object.entries(versions.overrides)) {
    if (!/^(@[^/@>]+\/)?[^/@>]+$/.test(selector)) {
      throw new CeligoAgentsError(
        "input_invalid",
        "user",
        `pnpm-workspace.yaml overrides "${selector}", which is not a plain package name; an exported project's npm overrides are written for plain names only. Pin it in the app's package.json instead.`,
      );
    }
    if (installed.has(selector)) overrides[selector] = version;
  }
  // npm 11 asks before running dependencies' install scripts; Node's binary comes from one.
  const allowScripts = Object.fromEntries(
    versions.builtDependencies.filter((name) => installed.has(name)).map((name) => [name, true]),
  );
  return {
    name: options.name,
    version: "0.1.0",
    private: true,
    type: "module",
    description: app.description,
    scripts: {
      start: "tsx src/main.ts",
      chat: "tsx src/main.ts",
      test: "vitest run",
      typecheck: "tsc --noEmit",
    },
    dependencies: sortedKeys(dependencies),
    devDependencies: sortedKeys(devDependencies),
    ...(Object.keys(overrides).length > 0 ? { overrides: sortedKeys(overrides) } : {}),
    ...(Object.keys(allowScripts).length > 0 ? { allowScripts } : {}),
  };
}

function sortedKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).sort(([left], [right]) => left.localeCompare(right)),
  );
}
