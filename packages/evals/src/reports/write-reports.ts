/**
 * Writes summary.json, report.md, junit.xml and report.html next to results.jsonl, with the cost
 * profile of profile.json when the folder has one.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { findPreviousRun } from "../history/list-runs.ts";
import { type EvalSummary, summarizeRuns } from "../metrics/summarize-runs.ts";
import { readProfile } from "../profile/cost-profile.ts";
import type { RunMetadata } from "../runs/run-metadata.ts";
import type { RunRecord } from "../runs/run-record.ts";
import { htmlReport } from "./html-report.ts";
import { junitReport } from "./junit-report.ts";
import { markdownReport } from "./markdown-report.ts";

export interface WrittenReports {
  summary: EvalSummary;
  paths: { results: string; summary: string; markdown: string; junit: string; html: string };
}

export async function writeReports(
  directory: string,
  metadata: RunMetadata,
  records: readonly RunRecord[],
): Promise<WrittenReports> {
  const summary = summarizeRuns(metadata, records, await readProfile(directory));
  const paths = {
    results: path.join(directory, "results.jsonl"),
    summary: path.join(directory, "summary.json"),
    markdown: path.join(directory, "report.md"),
    junit: path.join(directory, "junit.xml"),
    html: path.join(directory, "report.html"),
  };
  const previous = await findPreviousRun(directory, metadata);
  const previousRun = previous && {
    runId: previous.runId,
    href: path
      .relative(directory, path.join(previous.directory, "report.html"))
      .split(path.sep)
      .join("/"),
  };
  await Promise.all([
    writeFile(paths.summary, `${JSON.stringify(summary, null, 2)}\n`),
    writeFile(paths.markdown, markdownReport(summary, records)),
    writeFile(paths.junit, junitReport(metadata.runId, records)),
    writeFile(paths.html, htmlReport(summary, records, { previousRun })),
  ]);
  return { summary, paths };
}
