import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadCases } from "../cases/case-loader.ts";
import { findRepositoryRoot } from "../repository-root.ts";
import { parseFrameworks } from "../runs/framework-loader.ts";
import { buildRunManifest, modelProvenance } from "./run-manifest.ts";

const packageDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const repositoryRoot = findRepositoryRoot(packageDirectory);
const run = promisify(execFile);

describe("the provenance manifest", () => {
  it("records the commit, the installed framework versions and each case file's hash", async () => {
    const { cases } = await loadCases(
      path.join(packageDirectory, "cases/{offline-connection,disable-item-flow}.yaml"),
      packageDirectory,
    );
    const manifest = await buildRunManifest({
      cases,
      frameworks: parseFrameworks("mastra,langchain", repositoryRoot),
      models: ["offline", "openai/gpt-5"],
      exposures: ["router", "direct"],
      now: "2026-11-21T15:06:00.000Z",
      workingDirectory: packageDirectory,
      repositoryRoot,
    });

    const head = (await run("git", ["rev-parse", "HEAD"], { cwd: repositoryRoot })).stdout.trim();
    expect(manifest.git?.commit).toBe(head);
    expect(typeof manifest.git?.dirty).toBe("boolean");
    expect(manifest.node).toBe(process.version);

    // Versions as installed for each app, read here through Node's own resolution.
    for (const [framework, dependency] of [
      ["mastra", "@mastra/core"],
      ["langchain", "langchain"],
    ] as const) {
      const appRequire = createRequire(
        path.join(repositoryRoot, "apps", framework, "package.json"),
      );
      const entry = appRequire.resolve(dependency);
      let directory = path.dirname(entry);
      while (!directory.endsWith(path.join("node_modules", ...dependency.split("/")))) {
        directory = path.dirname(directory);
      }
      const installed = JSON.parse(await readFile(path.join(directory, "package.json"), "utf8"));
      expect(manifest.frameworks[framework]?.dependencies[dependency]).toBe(installed.version);
      expect(manifest.frameworks[framework]?.package).toBe(`@celigo-agents/${framework}`);
      // Workspace packages are pinned by the commit, not listed.
      expect(manifest.frameworks[framework]?.dependencies["@celigo-agents/core"]).toBeUndefined();
    }

    for (const evalCase of cases) {
      const bytes = await readFile(path.resolve(packageDirectory, evalCase.file));
      expect(manifest.cases[evalCase.id]).toEqual({
        file: `packages/evals/cases/${evalCase.id}.yaml`,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        scenario: evalCase.scenario,
      });
    }
    expect(manifest.scenarios).toEqual(["acme-retail"]);
    expect(manifest.models.map((model) => model.modelId)).toEqual(["offline", "gpt-5"]);
  });

  it("names the offline profile and the provider of each model", () => {
    expect(modelProvenance("offline")).toMatchObject({ offlineProfile: "default" });
    expect(modelProvenance("offline:flaky")).toMatchObject({
      provider: "offline",
      offlineProfile: "flaky",
    });
    const faults = [{ kind: "http-500" as const, rate: 0.3 }];
    expect(modelProvenance("offline:flaky", faults)).toMatchObject({ faults });
    expect(modelProvenance("offline")).not.toHaveProperty("faults");
    expect(modelProvenance("openai/gpt-5-mini", faults)).toEqual({
      name: "openai/gpt-5-mini",
      provider: "openai",
      modelId: "gpt-5-mini",
    });
  });
});
