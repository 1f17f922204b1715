/**
 * A mistake profile through the whole pipeline: the four framework apps against an offline
 * model that calls a tool that does not exist on its first turn. Each run records the mistake
 * it met; the resilience table and the reports are read back against the runs themselves.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResilienceCell } from "../metrics/resilience.ts";
import { formatResilienceCell } from "../reports/resilience-section.ts";
import { builtInFrameworks, parseFrameworks } from "./framework-loader.ts";
import { type EvalOutcome, runEval } from "./run-eval.ts";
import { openEvalSandbox } from "./sandbox-harness.ts";
import { discardingStream } from "./test-fixtures/discarding-stream.ts";

const packageDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const chromiumPath = "/usr/bin/chromium";

describe("an eval with --model offline:unknown-tool", () => {
  let outDirectory: string;
  let outcome: EvalOutcome;
  beforeAll(async () => {
    outDirectory = await mkdtemp(path.join(tmpdir(), "evals-mistakes-run-"));
    outcome = await runEval({
      metadata: {
        runId: "mistakes-run",
        startedAt: new Date().toISOString(),
        now: "2026-11-21T15:06:00.000Z",
        cases: path.join(packageDirectory, "cases/offline-connection.yaml"),
        frameworks: [...builtInFrameworks],
        models: ["offline:unknown-tool"],
        exposures: ["router"],
        repeat: 1,
      },
      frameworks: parseFrameworks(builtInFrameworks.join(","), packageDirectory),
      workingDirectory: packageDirectory,
      outDirectory,
      concurrency: 4,
      timeoutMs: 60_000,
      infrastructureRetries: 1,
      offlineLatencyMs: 0,
      openSandbox: openEvalSandbox,
      progressStream: discardingStream(),
    });
  }, 120_000);
  afterAll(async () => {
    await rm(outDirectory, { recursive: true, force: true });
  });

  it("records, per run, the mistake the model made for that run's own key", () => {
    expect(outcome.records).toHaveLength(builtInFrameworks.length);
    for (const record of outcome.records) {
      expect(record.status).not.toBe("infrastructure-error");
      expect(record.mistakes, record.framework).toEqual([
        expect.objectContaining({ kind: "unknown-tool", turn: 0 }),
      ]);
      // A run can only pass if the framework showed the model its error.
      if (record.passed) {
        expect(record.mistakes?.[0]?.outcome).toBe("error returned to the model");
      }
    }
  });

  it("counts every run in the resilience table by how it ended", () => {
    const expected: Record<string, { "unknown-tool": ResilienceCell }> = {};
    for (const record of outcome.records) {
      expected[record.framework] = {
        "unknown-tool": {
          runs: 1,
          recovered: record.status === "passed" ? 1 : 0,
          failed: record.status === "failed" ? 1 : 0,
          crashed: record.status === "agent-error" || record.status === "timeout" ? 1 : 0,
        },
      };
    }
    expect(outcome.reports.summary.resilience).toEqual(expected);
  });

  it("shows the table in report.md", async () => {
    const markdown = await readFile(outcome.reports.paths.markdown, "utf8");
    const resilience = outcome.reports.summary.resilience ?? {};
    const frameworks = Object.keys(resilience);
    expect(markdown).toContain("## Resilience to model mistakes");
    expect(markdown).toContain(`| mistake | what the model did | ${frameworks.join(" | ")} |`);
    const cells = frameworks.map((framework) =>
      formatResilienceCell(resilience[framework]?.["unknown-tool"]),
    );
    expect(markdown).toContain(`| ${cells.join(" | ")} |`);
  });

  it.skipIf(!existsSync(chromiumPath))("shows the table in report.html, in Chromium", async () => {
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
    });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(outcome.reports.paths.html).href);
      const resilience = outcome.reports.summary.resilience ?? {};
      const frameworks = Object.keys(resilience);
      const section = page.locator("#resilience");
      expect(await section.isVisible()).toBe(true);
      expect(await section.locator("thead th").allTextContents()).toEqual([
        "mistake",
        "what the model did",
        ...frameworks,
      ]);
      expect(await section.locator("tbody tr").count()).toBe(1);
      expect(await section.locator("tbody td").allTextContents()).toEqual([
        "a near miss of a tool name that is not offered",
        ...frameworks.map((framework) =>
          formatResilienceCell(resilience[framework]?.["unknown-tool"]),
        ),
      ]);
    } finally {
      await browser.close();
    }
  });
});
