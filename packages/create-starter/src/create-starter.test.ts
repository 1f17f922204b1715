/**
 * What `pnpm create-starter` writes, checked against this repository's own files without
 * installing anything (exported-starters.e2e.test.ts installs and runs the projects).
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCreateStarter } from "./cli.ts";
import { createStarter, defaultRepositoryRoot } from "./create-starter.ts";
import { readKernelModules } from "./kernel-modules.ts";
import { listFrameworks } from "./starter-apps.ts";
import { brokenLinks } from "./starter-readme.ts";

const root = defaultRepositoryRoot;
const frameworks = listFrameworks(root);
const catalog = (
  parse(readFileSync(join(root, "pnpm-workspace.yaml"), "utf8")) as {
    catalog: Record<string, string>;
  }
).catalog;
const kernelSources = readKernelModules(root).filter((module) => !module.isTest);

/**
 * TypeScript code lines (comments and blank lines left out) of an exported project's src/,
 * tests aside. Issue 14 asks for at most 1,500 with the runner, but the kernel alone is over
 * that (README.md, Size): this budget only keeps the exports from growing unnoticed.
 */
const sourceLineBudget = 2_100;

const scratchFolders: string[] = [];
const scratch = () => {
  const folder = mkdtempSync(join(tmpdir(), "celigo-starter-"));
  scratchFolders.push(folder);
  return folder;
};
afterAll(() => {
  for (const folder of scratchFolders) rmSync(folder, { recursive: true, force: true });
});
const read = (directory: string, path: string) => readFileSync(join(directory, path), "utf8");

describe.each(frameworks)("create-starter %s", (framework) => {
  const directory = join(scratch(), "my-agent");
  const created = createStarter({ framework, directory });
  const packageJson = JSON.parse(read(directory, "package.json")) as {
    name: string;
    type: string;
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };

  it("writes an npm package.json with exact versions from the catalog and nothing of the workspace", () => {
    expect(packageJson.name).toBe("my-agent");
    expect(packageJson.type).toBe("module");
    expect(Object.keys(packageJson.scripts).sort()).toEqual(["chat", "start", "test", "typecheck"]);
    expect(read(directory, "package.json")).not.toMatch(/workspace:|catalog:|@celigo-agents\//);
    const appPackage = JSON.parse(read(join(root, "apps", framework), "package.json")) as {
      dependencies: Record<string, string>;
    };
    for (const [name, specifier] of Object.entries(appPackage.dependencies)) {
      if (name.startsWith("@celigo-agents/")) continue;
      expect(packageJson.dependencies[name], name).toBe(
        specifier === "catalog:" ? catalog[name] : specifier,
      );
    }
    for (const [name, version] of Object.entries({
      ...packageJson.dependencies,
      ...packageJson.devDependencies,
    })) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
      if (catalog[name]) expect(version, name).toBe(catalog[name]);
    }
    // Node comes the way this repository brings it, so a machine with Node 20 and npm runs it.
    expect(packageJson.devDependencies.node).toBe(catalog.node);
  });

  it("copies every kernel module verbatim into src/celigo/", () => {
    for (const module of kernelSources) {
      expect(read(directory, `src/celigo/${module.fileName}`), module.fileName).toBe(module.text);
    }
  });

  it("copies the app's modules, with only the core import pointed at src/celigo/index.ts", () => {
    const appSource = join(root, "apps", framework, "src");
    for (const fileName of readdirSync(appSource)) {
      if (!fileName.endsWith(".ts") || fileName.endsWith(".test.ts") || fileName === "main.ts") {
        continue;
      }
      expect(read(directory, `src/${fileName}`)).toBe(
        read(appSource, fileName).replaceAll('"@celigo-agents/core"', '"./celigo/index.ts"'),
      );
    }
    for (const path of created.files.filter((file) => file.endsWith(".ts"))) {
      expect(read(directory, path), path).not.toContain("@celigo-agents/");
    }
  });

  it("writes a README whose links all resolve, with the app's own description", () => {
    const readme = read(directory, "README.md");
    expect(readme).not.toContain("{{");
    expect(readme).toContain(`pnpm create-starter ${framework}`);
    const appReadme = read(join(root, "apps", framework), "README.md");
    const firstParagraph = appReadme.split("\n\n")[1] ?? "";
    expect(readme).toContain(firstParagraph);
    expect(brokenLinks(readme, (path) => existsIn(directory, path))).toEqual([]);
    for (const section of ["Run it", "Configure it", "Try it without an account", "Approval"]) {
      expect(readme).toContain(`## ${section}`);
    }
    expect(readme).toContain("CELIGO_TOOLS");
  });

  it(`keeps src/ within ${sourceLineBudget.toLocaleString("en-US")} lines of code, tests aside`, () => {
    console.info(
      `${framework}: ${created.sourceLines.code} code lines (${created.sourceLines.total} in all) in src/ outside tests; tests ${created.testLines.code} (${created.testLines.total})`,
    );
    expect(created.sourceLines.code).toBeLessThanOrEqual(sourceLineBudget);
  });
});

describe("create-starter's package.json for LangChain", () => {
  it("carries the workspace's override of a package LangChain installs, and Mastra's does not", () => {
    const overridesOf = (framework: string) => {
      const directory = join(scratch(), framework);
      createStarter({ framework, directory });
      return (JSON.parse(read(directory, "package.json")) as { overrides?: object }).overrides;
    };
    expect(overridesOf("langchain")).toHaveProperty(["@langchain/langgraph-sdk"]);
    expect(overridesOf("mastra")).toBeUndefined();
  });
});

describe("pnpm create-starter, the command", () => {
  const command = (...argv: string[]) => {
    let output = "";
    let errors = "";
    const code = runCreateStarter(
      argv,
      (text) => {
        output += text;
      },
      (text) => {
        errors += text;
      },
    );
    return { code, output, errors };
  };

  it("writes the project and says what to run next", () => {
    const directory = join(scratch(), "ops-agent");
    const { code, output } = command("mastra", directory, "--name", "@acme/ops-agent");
    expect(code).toBe(0);
    expect(output).toContain(`Created @acme/ops-agent, the mastra starter, in ${directory}`);
    expect(output).toContain('npm start -- "Which flows failed today?"');
    expect(JSON.parse(read(directory, "package.json"))).toMatchObject({ name: "@acme/ops-agent" });
  });

  it("refuses an unknown framework and lists the real ones", () => {
    const { code, errors } = command("crewai", join(scratch(), "agent"));
    expect(code).toBe(2);
    expect(errors).toContain('Unknown framework "crewai": use one of');
    for (const framework of frameworks) expect(errors).toContain(framework);
  });

  it("refuses to write into a folder that has files", () => {
    const directory = scratch();
    writeFileSync(join(directory, "notes.txt"), "mine\n");
    const { code, errors } = command("ai-sdk", directory);
    expect(code).toBe(2);
    expect(errors).toContain("is not empty");
    expect(readdirSync(directory)).toEqual(["notes.txt"]);
  });

  it("refuses a name npm would refuse, naming --name", () => {
    const parent = scratch();
    const fromFolder = command("ai-sdk", join(parent, "My Agent"));
    expect(fromFolder.code).toBe(2);
    expect(fromFolder.errors).toContain(
      'The folder name "My Agent" is not a valid npm package name',
    );
    expect(fromFolder.errors).toContain("--name");
    const given = command("ai-sdk", join(parent, "agent"), "--name", "Bad Name");
    expect(given.code).toBe(2);
    expect(given.errors).toContain('--name "Bad Name" is not a valid npm package name');
  });

  it("prints usage for missing arguments and unknown flags, and for --help", () => {
    expect(command().code).toBe(2);
    expect(command("mastra").errors).toContain("Name the folder");
    const unknownFlag = command("mastra", join(scratch(), "agent"), "--force");
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.errors).toContain("Usage: pnpm create-starter <framework> <dir>");
    const help = command("--help");
    expect(help.code).toBe(0);
    expect(help.output).toContain(frameworks.join(", "));
  });
});

describe("create-starter on a repository that breaks its rules", () => {
  /** A copy of what the export reads from this repository, to break one rule at a time. */
  const repositoryCopy = () => {
    const copy = scratch();
    for (const path of [
      "package.json",
      "pnpm-workspace.yaml",
      "pnpm-lock.yaml",
      "tsconfig.base.json",
      "packages/core/package.json",
      "packages/core/src/kernel",
      "apps/ai-sdk",
    ]) {
      cpSync(join(root, path), join(copy, path), {
        recursive: true,
        filter: (source) => !source.includes("node_modules"),
      });
    }
    return copy;
  };

  it("refuses a kernel module that imports from outside the kernel, naming it", () => {
    const copy = repositoryCopy();
    writeFileSync(
      join(copy, "packages/core/src/kernel/leak.ts"),
      'export { localServices } from "../local-services.ts";\n',
    );
    expect(() =>
      createStarter({ framework: "ai-sdk", directory: join(copy, "out"), repositoryRoot: copy }),
    ).toThrow(/packages\/core\/src\/kernel\/leak\.ts:1: imports "\.\.\/local-services\.ts"/);
    expect(existsIn(copy, "out")).toBe(false);
  });

  it("refuses an app that imports another workspace package, or an npm package it does not declare", () => {
    const copy = repositoryCopy();
    const runner = join(copy, "apps/ai-sdk/src/runner.ts");
    const original = readFileSync(runner, "utf8");
    writeFileSync(runner, `import { startSandbox } from "@celigo-agents/sandbox";\n${original}`);
    expect(() =>
      createStarter({ framework: "ai-sdk", directory: join(copy, "out"), repositoryRoot: copy }),
    ).toThrow(/apps\/ai-sdk\/src\/runner\.ts:1 imports @celigo-agents\/sandbox/);
    writeFileSync(runner, `import { parse } from "yaml";\n${original}`);
    expect(() =>
      createStarter({ framework: "ai-sdk", directory: join(copy, "out"), repositoryRoot: copy }),
    ).toThrow(/apps\/ai-sdk\/src imports yaml, which apps\/ai-sdk\/package\.json does not list/);
  });
});

function existsIn(directory: string, path: string): boolean {
  try {
    readFileSync(join(directory, path));
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EISDIR";
  }
}

// A folder that exists but is empty is as good as a new one.
describe("create-starter into an empty folder", () => {
  it("writes there", () => {
    const directory = join(scratch(), "empty");
    mkdirSync(directory);
    expect(createStarter({ framework: "ai-sdk", directory }).files).toContain("src/runner.ts");
  });
});
