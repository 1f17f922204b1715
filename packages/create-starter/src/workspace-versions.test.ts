import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { defaultRepositoryRoot } from "./create-starter.ts";
import { readWorkspaceVersions } from "./workspace-versions.ts";

const versions = readWorkspaceVersions(defaultRepositoryRoot);
const workspace = parse(
  readFileSync(join(defaultRepositoryRoot, "pnpm-workspace.yaml"), "utf8"),
) as { catalog: Record<string, string>; overrides: Record<string, string> };

describe("readWorkspaceVersions on this repository", () => {
  it("gives the version pnpm installed for an app, which is the catalog's", () => {
    expect(versions.versionOf("apps/mastra", "@mastra/core")).toBe(
      workspace.catalog["@mastra/core"],
    );
    expect(versions.versionOf("packages/core", "@composio/core")).toBe(
      workspace.catalog["@composio/core"],
    );
    expect(versions.versionOf(".", "node")).toBe(workspace.catalog.node);
  });

  it("refuses a workspace package, which npm cannot install", () => {
    expect(() => versions.versionOf("apps/mastra", "@celigo-agents/core")).toThrow(
      /workspace package of this repository/,
    );
  });

  it("finds the packages installed deep below an app's dependencies, where overrides apply", () => {
    const [overridden] = Object.keys(workspace.overrides);
    expect(overridden, "pnpm-workspace.yaml overrides a LangChain package").toBeDefined();
    expect(versions.installedPackages("apps/langchain", ["langchain"]).has(overridden ?? "")).toBe(
      true,
    );
    expect(versions.installedPackages("apps/mastra", ["@mastra/core"]).has(overridden ?? "")).toBe(
      false,
    );
    expect(versions.builtDependencies).toContain("node");
  });
});

describe("readWorkspaceVersions on a lockfile older than the catalog", () => {
  it("says to run pnpm install", () => {
    const root = mkdtempSync(join(tmpdir(), "celigo-workspace-"));
    writeFileSync(join(root, "pnpm-workspace.yaml"), "catalog:\n  zod: 4.6.7\n");
    writeFileSync(
      join(root, "pnpm-lock.yaml"),
      [
        "lockfileVersion: '9.0'",
        "importers:",
        "  apps/example:",
        "    dependencies:",
        "      zod:",
        "        specifier: 'catalog:'",
        "        version: 4.5.0",
        "",
      ].join("\n"),
    );
    const stale = readWorkspaceVersions(root);
    expect(() => stale.versionOf("apps/example", "zod")).toThrow(
      /apps\/example resolves zod to 4\.5\.0, the catalog says 4\.6\.7\)\. Run `npx pnpm install`/,
    );
    expect(() => stale.versionOf("apps/example", "ai")).toThrow(/has no dependency ai/);
  });
});
