/** junit.xml: one suite per framework × model × exposure, one test case per run, for CI. */
import { variantKey } from "../metrics/summarize-runs.ts";
import type { RunRecord } from "../runs/run-record.ts";
import { failureReasons } from "./markdown-report.ts";

export function junitReport(runId: string, records: readonly RunRecord[]): string {
  const suites = new Map<string, RunRecord[]>();
  for (const record of records) {
    const key = variantKey(record);
    suites.set(key, [...(suites.get(key) ?? []), record]);
  }
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = records.filter(
    (record) => !record.passed && record.status !== "infrastructure-error",
  ).length;
  const errors = records.filter((record) => record.status === "infrastructure-error").length;
  lines.push(
    `<testsuites name="${escapeXml(`celigo-agents eval ${runId}`)}" tests="${records.length}" failures="${failures}" errors="${errors}" time="${seconds(records)}">`,
  );
  for (const [name, runs] of suites) {
    const suiteFailures = runs.filter(
      (record) => !record.passed && record.status !== "infrastructure-error",
    ).length;
    const suiteErrors = runs.filter((record) => record.status === "infrastructure-error").length;
    lines.push(
      `  <testsuite name="${escapeXml(name)}" tests="${runs.length}" failures="${suiteFailures}" errors="${suiteErrors}" time="${seconds(runs)}">`,
    );
    for (const record of runs) {
      const testName = `${record.caseId} #${record.repeat}`;
      const open = `    <testcase classname="${escapeXml(name)}" name="${escapeXml(testName)}" time="${(record.durationMs / 1000).toFixed(3)}"`;
      if (record.passed) {
        lines.push(`${open}/>`);
        continue;
      }
      const reasons = failureReasons(record);
      const tag = record.status === "infrastructure-error" ? "error" : "failure";
      lines.push(
        `${open}>`,
        `      <${tag} type="${record.status}" message="${escapeXml(reasons[0] ?? record.status)}">${escapeXml(reasons.join("\n"))}</${tag}>`,
        "    </testcase>",
      );
    }
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return `${lines.join("\n")}\n`;
}

function seconds(records: readonly RunRecord[]): string {
  return (records.reduce((total, record) => total + record.durationMs, 0) / 1000).toFixed(3);
}

export function escapeXml(text: string): string {
  return (
    text
      .replaceAll("&", "&amp;")
      .replaceAll("<", "&lt;")
      .replaceAll(">", "&gt;")
      .replaceAll('"', "&quot;")
      .replaceAll("'", "&apos;")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
  );
}
