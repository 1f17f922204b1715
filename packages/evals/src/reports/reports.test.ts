import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunMetadata } from "../runs/run-metadata.ts";
import type { RunRecord } from "../runs/run-record.ts";
import { comparisonTable } from "./comparison-table.ts";
import { failureDigest } from "./failure-digest.ts";
import { offlineNotice } from "./report-format.ts";
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

const records = [
  run("mastra", 1, true),
  run("mastra", 2, true),
  run("langchain", 1, true),
  run("langchain", 2, false),
];

describe("reports", () => {
  let directory: string;
  let reports: WrittenReports;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "evals-reports-"));
    reports = await writeReports(directory, metadata, records);
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("summarizes pass rate, pass^k, latency and tokens per framework", () => {
    const { frameworks } = reports.summary;
    expect(frameworks.mastra).toMatchObject({
      runs: 2,
      passed: 2,
      passRate: 1,
      passHatK: { "1": 1, "2": 1 },
    });
    expect(frameworks.langchain).toMatchObject({
      passRate: 0.5,
      passHatK: { "1": 0.5, "2": 0 },
      latencyMsP50: 1500,
      inputTokens: 2400,
      outputTokens: 160,
      toolDefinitionTokens: 900 * 2 * 2,
      costUsd: 0,
      graders: { answer: { runs: 2, passed: 1, passRate: 0.5 } },
    });
    expect(reports.summary.offlineModelUsed).toBe(true);
  });

  it("writes Markdown and JUnit with the failure reasons and the offline notice", async () => {
    const markdown = await readFile(reports.paths.markdown, "utf8");
    expect(markdown).toContain(offlineNotice);
    expect(markdown).toContain('answer: answer lacks "Amazon Seller Central Orders to NetSuite"');
    const junit = await readFile(reports.paths.junit, "utf8");
    expect(junit).toContain(
      '<testsuite name="langchain · offline · direct" tests="2" failures="1"',
    );
    expect(junit).toContain("answer lacks &quot;Amazon Seller Central Orders to NetSuite&quot;");
  });

  it("prints a plain comparison table and one failure line per case and reason", () => {
    const table = comparisonTable(reports.summary, false);
    const [caption = "", ...rows] = table.split("\n");
    expect(caption).toBe("model offline · direct exposure · 1 case");
    // One model and one exposure: no columns for them, and no colour codes when piped.
    expect(rows.join("\n")).not.toMatch(/│ (offline|direct) /);
    expect(table).not.toContain("\u001b[");
    expect(rows.find((row) => row.includes("langchain"))).toContain("50% 1/2");

    const failing = [run("mastra", 3, false), ...records];
    expect(failureDigest(failing)).toEqual([
      {
        frameworks: ["langchain", "mastra"],
        reason: 'answer: answer lacks "Amazon Seller Central Orders to NetSuite"',
        cases: ["failed-flows-today"],
      },
    ]);
    const sameBug = { ...run("langchain", 1, false), caseId: "flow-last-run", key: "other" };
    expect(failureDigest([...records, sameBug])).toEqual([
      {
        frameworks: ["langchain"],
        reason: 'answer: answer lacks "Amazon Seller Central Orders to NetSuite"',
        cases: ["failed-flows-today", "flow-last-run"],
      },
    ]);
    expect(failureDigest(records.filter((record) => record.passed))).toEqual([]);
  });

  it.skipIf(!hasChromium)(
    "the HTML report in headless Chromium shows the matrix, charts and drill-down",
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
        expect(await page.locator("#comparison tbody tr").count()).toBe(2);
        const cells = page.locator("#matrix td.cell");
        expect(await cells.allTextContents()).toEqual(["2/2 pass", "1/2 fail"]);
        expect(await page.locator("svg[role=img]").count()).toBe(3);
        expect(await page.locator("svg[aria-label='Pass rate'] rect.bar").count()).toBe(2);

        const failedRun = page.locator("details.run.failed");
        expect(await failedRun.isVisible()).toBe(true);
        expect(await failedRun.locator(".reasons").isVisible()).toBe(false);
        await cells.nth(1).locator("a").click();
        await expect(failedRun.getAttribute("open")).resolves.toBe("");
        expect(await failedRun.locator(".reasons").textContent()).toContain(
          'answer: answer lacks "Amazon Seller Central Orders to NetSuite"',
        );
        expect(await failedRun.textContent()).toContain("Which flows failed today?");
        expect(await failedRun.locator("table.calls").textContent()).toContain(
          '"createdAtGte": "2026-11-21T00:00:00Z"',
        );
        // The answer is shown as text, never interpreted as markup.
        expect(await page.locator("details.run.passed pre.answer").first().textContent()).toBe(
          "Four flows failed today <b>really</b>.",
        );
      } finally {
        await browser.close();
      }
    },
  );
});
