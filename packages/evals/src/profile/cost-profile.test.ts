/**
 * The cost profile on real runners: the AI SDK app twice (once under the name `baseline`, so the
 * ratio logic is exercised before apps/baseline exists) and a module without createRunner. The
 * install closure read from node_modules is checked against pnpm's lockfile.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { celigoInstructions } from "@celigo-agents/core/internal";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { findRepositoryRoot } from "../repository-root.ts";
import { measureCostProfile, type ProfileOutcome } from "./cost-profile.ts";
import { installClosure } from "./install-closure.ts";
import { nextTurn } from "./scripted-model.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = findRepositoryRoot(here);
const now = "2026-11-21T15:06:00.000Z";

describe("cost profile", () => {
  let outcome: ProfileOutcome;
  beforeAll(async () => {
    outcome = await measureCostProfile({
      frameworks: [
        { name: "baseline", moduleSpecifier: "@celigo-agents/ai-sdk" },
        { name: "ai-sdk", moduleSpecifier: "@celigo-agents/ai-sdk" },
        {
          name: "not-a-runner",
          moduleSpecifier: new URL("../runs/run-pool.ts", import.meta.url).href,
        },
      ],
      instructions: celigoInstructions(new Date(now)),
      toolCalls: 12,
      warmupCalls: 2,
    });
  }, 180_000);

  it("measures cold start, memory and per-call time in a child process, with ratios against the baseline", () => {
    const { baseline, "ai-sdk": aiSdk } = outcome.runners;
    expect(outcome.conditions).toMatchObject({ reference: "baseline", toolCallsPerRun: 12 });
    for (const profile of [baseline, aiSdk]) {
      expect(profile?.error).toBeUndefined();
      expect(profile?.coldStartMs).toBeGreaterThan(0);
      // A Node process that loaded a framework holds tens of megabytes at least.
      expect(profile?.peakRssMb).toBeGreaterThan(40);
      expect(profile?.overheadPerToolCallMs).toBeGreaterThan(0);
    }
    expect(baseline?.overheadRatio).toBe(1);
    expect(aiSdk?.overheadRatio).toBeCloseTo(
      (aiSdk?.overheadPerToolCallMs ?? 0) / (baseline?.overheadPerToolCallMs ?? 1),
      1,
    );
  });

  it("counts the runner module's lines and reports a module without createRunner", async () => {
    const runnerFile = path.join(repositoryRoot, "apps/ai-sdk/src/runner.ts");
    const text = await readFile(runnerFile, "utf8");
    expect(outcome.runners["ai-sdk"]?.runnerLines).toBe(text.trimEnd().split("\n").length);
    const broken = outcome.runners["not-a-runner"];
    expect(broken?.error).toContain("does not export a createRunner function");
    expect(broken?.coldStartMs).toBeNull();
    expect(broken?.overheadRatio).toBeNull();
  });

  it("finds the same install closure in node_modules as pnpm's lockfile lists", async () => {
    const lockfile = parse(await readFile(path.join(repositoryRoot, "pnpm-lock.yaml"), "utf8"));
    const expected = lockfileClosure(lockfile, "apps/ai-sdk");
    const measured = await installClosure(path.join(repositoryRoot, "apps/ai-sdk"));
    expect(measured?.installPackages).toBe(expected.size);
    expect(measured?.installMb).toBeGreaterThan(1);
    expect(outcome.runners["ai-sdk"]?.installPackages).toBe(expected.size);
  });
});

describe("the scripted model", () => {
  const tools = [{ function: { name: "celigo_echo" } }];
  it("asks for the next echo call until the requested count, then answers", () => {
    const ask = { role: "user", content: "Call the echo tool 2 times." };
    expect(nextTurn({ messages: [ask], tools })).toMatchObject({
      kind: "tool-call",
      name: "celigo_echo",
    });
    const called = [ask, { role: "assistant" }, { role: "tool", content: "ping 1" }];
    expect(nextTurn({ messages: called, tools })).toMatchObject({ kind: "tool-call" });
    const done = [...called, { role: "assistant" }, { role: "tool", content: "ping 2" }];
    expect(nextTurn({ messages: done, tools })).toEqual({
      kind: "text",
      text: "Called echo 2 times.",
    });
  });
});

/** name@version of every npm package reachable from an importer's production dependencies. */
function lockfileClosure(
  lockfile: {
    importers: Record<string, { dependencies?: Record<string, { version: string }> }>;
    snapshots: Record<
      string,
      { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }
    >;
  },
  importer: string,
): Set<string> {
  const packages = new Set<string>();
  const seenImporters = new Set<string>();
  const queue: string[] = [];
  const addImporter = (name: string) => {
    if (seenImporters.has(name)) return;
    seenImporters.add(name);
    for (const [dependency, { version }] of Object.entries(
      lockfile.importers[name]?.dependencies ?? {},
    )) {
      if (version.startsWith("link:")) {
        addImporter(path.posix.normalize(path.posix.join(name, version.slice("link:".length))));
      } else queue.push(`${dependency}@${version}`);
    }
  };
  addImporter(importer);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const key = queue.pop() as string;
    if (seen.has(key)) continue;
    seen.add(key);
    packages.add(key.replace(/\(.*$/, ""));
    const snapshot = lockfile.snapshots[key] ?? {};
    for (const [dependency, version] of Object.entries({
      ...snapshot.dependencies,
      ...snapshot.optionalDependencies,
    })) {
      queue.push(`${dependency}@${version}`);
    }
  }
  return packages;
}
