import { describe, expect, it } from "vitest";
import { importKind, moduleImports, packageNameOf, rewriteImports } from "./module-imports.ts";

const moduleText = `import { a } from "./a.ts";
import type { B } from '@scope/name/sub';
export * from "./c.ts";
// import { commented } from "./commented.ts";
const text = "import x from 'quoted'";
const lazy = await import("node:fs");
`;

describe("moduleImports", () => {
  it("finds static, type-only, re-exported and dynamic imports, and nothing in comments or strings", () => {
    expect(moduleImports(moduleText).map(({ specifier, line }) => [specifier, line])).toEqual([
      ["./a.ts", 1],
      ["@scope/name/sub", 2],
      ["./c.ts", 3],
      ["node:fs", 6],
    ]);
  });
});

describe("rewriteImports", () => {
  it("replaces only the specifiers, keeping quotes and everything else", () => {
    const rewritten = rewriteImports(moduleText, (specifier) =>
      specifier === "@scope/name/sub" ? "./celigo/index.ts" : specifier.toUpperCase(),
    );
    expect(rewritten).toBe(
      moduleText
        .replace('"./a.ts"', '"./A.TS"')
        .replace("'@scope/name/sub'", "'./celigo/index.ts'")
        .replace('"./c.ts"', '"./C.TS"')
        .replace('"node:fs"', '"NODE:FS"'),
    );
  });
});

describe("packageNameOf and importKind", () => {
  it.each([
    ["@mastra/core/agent", "@mastra/core", "package"],
    ["zod", "zod", "package"],
    ["langchain/tools", "langchain", "package"],
    ["node:fs", "node:fs", "builtin"],
    ["./runner.ts", ".", "relative"],
  ] as const)("%s is package %s, a %s import", (specifier, name, kind) => {
    expect(importKind(specifier)).toBe(kind);
    if (kind === "package") expect(packageNameOf(specifier)).toBe(name);
  });
});
