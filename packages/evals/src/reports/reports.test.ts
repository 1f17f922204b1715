import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileOutcome } from "../profile/cost-profile.ts";
import type { RunMetadata } from "../runs/run-metadata.ts";
import type { RunRecord } from "../runs/run-record.ts";
import { comparisonTable } from "./comparison-table.ts";
import { failureDigest } from "./failure-digest.ts";
import { featuresOf } from "./framework-features.ts";
import { offlineNotice, runScopeNotice } from "./report-format.ts";
import { goodnessColor } from "./svg-bar-chart.ts";
import { type WrittenReports, writeReports } from "./write-reports.ts";

const chromiumPath = "/usr/bin/chromium";
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  console.warn(
    `Skipping "the HTML report in headless Chromium": ${chromiumPath} is not installed (apt-get install -y chromium).`,
  );
}

const metadata: RunMetadata = {
  runId: "20261121-150000-abcd",
  startedAt: "2026-11-21T15:00:00.000Z",
  now: "2026-11-21T15:00:00.000Z",
  cases: "cases",
  frameworks: ["mastra", "langchain"],
  models: ["offline"],
  exposures: ["direct"],
  repeat: 2,
};

function run(framework: string, repeat: number, passed: boolean): RunRecord {
  return {
    key: `${framework}|offline|direct|failed-flows-today|${repeat}`,
    runId: metadata.runId,
    caseId: "failed-flows-today",
    caseFile: "cases/failed-flows-today.yaml",
    prompt: "Which flows failed today?",
    framework,
    model: "offline",
    exposure: "direct",
    repeat,
    status: passed ? "passed" : "failed",
    passed,
    graders: [
      { grader: "state", passed: true, details: [] },
      passed
        ? { grader: "answer", passed: true, details: [] }
        : {
            grader: "answer",
            passed: false,
            details: ['answer lacks "Amazon Seller Central Orders to NetSuite"'],
          },
    ],
    text: passed ? "Four flows failed today <b>really</b>." : "Two flows failed today.",
    toolCalls: [
      {
        name: "CELIGO_LIST_JOBS",
        slug: "CELIGO_LIST_JOBS",
        arguments: { status: "failed", createdAtGte: "2026-11-21T00:00:00Z" },
        result: { jobs: [{ _flowId: "f1", status: "failed" }] },
        isError: false,
        durationMs: 4,
      },
    ],
    steps: 2,
    usage: { inputTokens: 1200, outputTokens: 80 },
    toolDefinitionTokens: 900,
    costUsd: 0,
    durationMs: framework === "mastra" ? 800 : 1500,
    startedAt: metadata.startedAt,
    attempts: 1,
  };
}

const amazon = "Amazon Seller Central Orders to NetSuite";
const stateSummary = `resolved 8 errors on Shopify Order to NetSuite Sales Order; the request named ${amazon} (expected: resolved 8 errors on ${amazon})`;

/** A write case: langchain's run changed the wrong flow, as the state grader says in words. */
function resolveRun(framework: string, passed: boolean): RunRecord {
  return {
    ...run(framework, 1, passed),
    key: `${framework}|offline|direct|resolve-amazon-order-errors|1`,
    caseId: "resolve-amazon-order-errors",
    caseFile: "cases/resolve-amazon-order-errors.yaml",
    description: "Resolving marks the eight open errors of the Amazon orders flow resolved.",
    prompt: `Resolve the open errors of the ${amazon} flow.`,
    graders: [
      passed
        ? { grader: "state", passed: true, details: [] }
        : {
            grader: "state",
            passed: false,
            details: ["/errors/e1/resolved: expected false, got true"],
            summary: stateSummary,
          },
    ],
  };
}

const records = [
  run("mastra", 1, true),
  run("mastra", 2, true),
  run("langchain", 1, true),
  run("langchain", 2, false),
  resolveRun("mastra", true),
  resolveRun("langchain", false),
];

const profile: ProfileOutcome = {
  runners: {
    mastra: {
      coldStartMs: 3100,
      peakRssMb: 283,
      overheadPerToolCallMs: 10.5,
      overheadRatio: null,
      installPackages: 264,
      installMb: 198.3,
      runnerLines: 167,
    },
    langchain: {
      coldStartMs: 2200,
      peakRssMb: 259,
      overheadPerToolCallMs: 7.9,
      overheadRatio: null,
      installPackages: 141,
      installMb: 109.8,
      runnerLines: 231,
    },
  },
  conditions: {
    measuredAt: "2026-11-21T15:00:00.000Z",
    reference: null,
    toolCallsPerRun: 24,
    warmupCalls: 4,
    cores: 2,
    loadAverage: 1.2,
    durationMs: 9000,
  },
};

describe("reports", () => {
  let directory: string;
  let reports: WrittenReports;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "evals-reports-"));
    await writeFile(path.join(directory, "profile.json"), JSON.stringify(profile));
    reports = await writeReports(directory, metadata, records);
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("summarizes pass rate with its interval, pass^k, latency and tokens per framework", () => {
    const { frameworks } = reports.summary;
    expect(frameworks.mastra).toMatchObject({
      runs: 3,
      passed: 3,
      passRate: 1,
      passHatK: { "1": 1, "2": 1 },
    });
    expect(frameworks.langchain).toMatchObject({
      passRate: 1 / 3,
      latencyMsP50: 1500,
      latencyMsP50Ci: [1500, 1500],
      inputTokens: 3600,
      outputTokens: 240,
      toolDefinitionTokens: 900 * 2 * 3,
      costUsd: 0,
      graders: { answer: { runs: 2, passed: 1, passRate: 0.5 } },
    });
    // Wilson 95%: 3 of 3 is not "certainly 100%".
    const [low, high] = frameworks.mastra?.passRateCi ?? [0, 0];
    expect(high).toBe(1);
    expect(low).toBeGreaterThan(0.3);
    expect(low).toBeLessThan(0.5);
    for (const variant of reports.summary.variants) expect(variant.passRateCi).toHaveLength(2);
    expect(reports.summary.comparisons).toHaveLength(1);
    expect(reports.summary.comparisons[0]).toMatchObject({
      first: "mastra",
      second: "langchain",
      pairs: 3,
      onlyFirstPassed: 2,
      passRateWithinNoise: true,
    });
    expect(reports.summary.flakyCases).toEqual([
      expect.objectContaining({ framework: "langchain", caseId: "failed-flows-today", passed: 1 }),
    ]);
    expect(reports.summary.profile?.mastra?.installPackages).toBe(264);
    expect(reports.summary.offlineModelUsed).toBe(true);
  });

  it("writes Markdown and JUnit with the failure reasons and the offline notice", async () => {
    const markdown = await readFile(reports.paths.markdown, "utf8");
    expect(markdown).toContain(offlineNotice);
    expect(markdown).toContain('answer: answer lacks "Amazon Seller Central Orders to NetSuite"');
    expect(markdown).toContain(`state: ${stateSummary}`);
    expect(markdown).toContain("within noise");
    expect(markdown).toContain(
      "| mastra | 3.1 s | 283 MB | 10.5 ms | – | 264 packages, 198 MB | 167 |",
    );
    const junit = await readFile(reports.paths.junit, "utf8");
    expect(junit).toContain(
      '<testsuite name="langchain · offline · direct" tests="3" failures="2"',
    );
    expect(junit).toContain("answer lacks &quot;Amazon Seller Central Orders to NetSuite&quot;");
  });

  it("says what a run can tell from the models it used", () => {
    const offline = runScopeNotice({
      variants: [{ model: "offline" }, { model: "offline:flaky" }],
    });
    expect(offline).toContain("wiring, resilience to model mistakes and cost, not the quality");
    const real = runScopeNotice({ variants: [{ model: "openai/gpt-5" }] });
    expect(real).toContain("compare quality");
    expect(real).not.toContain("offline");
    const both = runScopeNotice({ variants: [{ model: "offline" }, { model: "openai/gpt-5" }] });
    expect(both).toContain("test double");
    expect(both).toContain("compare quality");
  });

  it("prints a plain comparison table and one failure line per case and reason", () => {
    const table = comparisonTable(reports.summary, false);
    const [caption = "", ...rows] = table.split("\n");
    expect(caption).toBe("model offline · direct exposure · 2 cases");
    // One model and one exposure: no columns for them, and no colour codes when piped.
    expect(rows.join("\n")).not.toMatch(/│ (offline|direct) /);
    expect(table).not.toContain("\u001b[");
    expect(rows.find((row) => row.includes("langchain"))).toContain("33% 1/3");

    const failing = [run("mastra", 3, false), ...records.slice(0, 4)];
    expect(failureDigest(failing)).toEqual([
      {
        frameworks: ["langchain", "mastra"],
        reason: 'answer: answer lacks "Amazon Seller Central Orders to NetSuite"',
        cases: ["failed-flows-today"],
      },
    ]);
    const sameBug = { ...run("langchain", 1, false), caseId: "flow-last-run", key: "other" };
    expect(failureDigest([...records.slice(0, 4), sameBug])).toEqual([
      {
        frameworks: ["langchain"],
        reason: 'answer: answer lacks "Amazon Seller Central Orders to NetSuite"',
        cases: ["failed-flows-today", "flow-last-run"],
      },
    ]);
    expect(failureDigest(records.filter((record) => record.passed))).toEqual([]);
  });

  it.skipIf(!hasChromium)(
    "the HTML report in headless Chromium: scope, intervals, statistics, graders, profile, features, plain failures",
    async () => {
      const browser = await chromium.launch({
        executablePath: chromiumPath,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      });
      try {
        const page = await browser.newPage();
        const requests: string[] = [];
        page.on("request", (request) => requests.push(request.url()));
        await page.goto(pathToFileURL(reports.paths.html).href);
        expect(requests.filter((url) => !url.startsWith("file:"))).toEqual([]);
        await expect(page.locator("#offline-notice").textContent()).resolves.toBe(offlineNotice);
        expect(await page.locator("#run-scope").textContent()).toContain(
          "wiring, resilience to model mistakes and cost",
        );
        // No glyph that needs an emoji font anywhere on the page.
        const html = await page.content();
        expect(html).not.toMatch(
          /[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}]|\u{FE0F}/u,
        );

        expect(await page.locator("#comparison tbody tr").count()).toBe(2);
        expect(await page.locator("#comparison tbody tr").first().textContent()).toContain(
          "95% CI",
        );
        const cells = page.locator("#matrix td.cell");
        expect(await cells.allTextContents()).toEqual([
          "2/2 pass",
          "1/2 fail",
          "1/1 pass",
          "0/1 fail",
        ]);
        expect(await page.locator("#matrix .description").first().textContent()).toBe(
          records[4]?.description,
        );

        // Bars are coloured by value: a full pass rate green, a third of one towards red.
        const passBars = page.locator("svg[aria-label='Pass rate'] rect.bar");
        expect(await passBars.count()).toBe(2);
        const rates = reports.summary.variants.map((variant) => variant.passRate);
        expect(await passBars.nth(0).getAttribute("fill")).toBe(goodnessColor(rates[0] ?? 0));
        expect(await passBars.nth(1).getAttribute("fill")).toBe(goodnessColor(rates[1] ?? 0));
        expect(await passBars.nth(0).getAttribute("fill")).not.toBe(
          await passBars.nth(1).getAttribute("fill"),
        );

        expect(await page.locator("#comparisons li").count()).toBe(1);
        expect(await page.locator("#comparisons li").textContent()).toContain("within noise");
        expect(await page.locator("#flaky tbody tr").count()).toBe(1);
        const langchainGraders = page.locator("#graders tbody tr", { hasText: "langchain" });
        expect(await langchainGraders.locator("td.rate").first().textContent()).toBe("67% 2/3");

        const profileRows = page.locator("#profile tbody tr");
        expect(await profileRows.allTextContents()).toEqual([
          "mastra3.1 s283 MB10.5 ms–264198 MB167",
          "langchain2.2 s259 MB7.9 ms–141110 MB231",
        ]);
        expect(await page.locator("#profile-section").textContent()).toContain(
          "no baseline runner took part",
        );
        expect(await page.locator("#profile-section svg[role=img]").count()).toBe(4);

        const features = page.locator("#features");
        expect(await features.locator("thead th").allTextContents()).toEqual([
          "feature",
          "mastra",
          "langchain",
        ]);
        expect(await features.textContent()).toContain(featuresOf("mastra")?.approval);

        const failedRun = page.locator("details.run.failed", {
          hasText: "resolve-amazon-order-errors",
        });
        expect(await failedRun.isVisible()).toBe(true);
        expect(await failedRun.locator(".reasons").isVisible()).toBe(false);
        await cells.nth(3).locator("a").click();
        await expect(failedRun.getAttribute("open")).resolves.toBe("");
        expect(await failedRun.locator(".reasons").textContent()).toBe(`state: ${stateSummary}`);
        // The JSON-pointer diff is there, folded away.
        const raw = failedRun.locator("details.raw");
        expect(await raw.locator("li").isVisible()).toBe(false);
        await raw.locator("summary").click();
        expect(await raw.locator("li").textContent()).toBe(
          "state: /errors/e1/resolved: expected false, got true",
        );
        expect(await failedRun.textContent()).toContain(records[4]?.description);
        expect(await failedRun.locator("pre.readable").first().textContent()).toBe(
          "status: failed\ncreatedAtGte: 2026-11-21T00:00:00Z",
        );
        // The answer is shown as text, never interpreted as markup.
        expect(await page.locator("details.run.passed pre.answer").first().textContent()).toBe(
          "Four flows failed today <b>really</b>.",
        );
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
