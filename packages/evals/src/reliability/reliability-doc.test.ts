/**
 * docs/reliability.md and the tests cannot drift: every row names a test file that exists and a
 * test name found in it, and every HTTP-level row (the ones `pnpm reliability` prints) appears
 * with the same input and expected behaviour as its definition.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { reliabilityRows } from "./reliability-rows.ts";

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const documentPath = path.join(repositoryRoot, "docs", "reliability.md");
const rowsTest = "packages/evals/src/reliability/reliability-rows.test.ts";

interface DocumentRow {
  line: number;
  input: string;
  expected: string;
  file: string;
  testName: string;
}

/** The rows of the document's one table: `| input | expected | \`file\` › test name |`. */
function documentRows(): DocumentRow[] {
  const lines = readFileSync(documentPath, "utf8").split("\n");
  return lines.flatMap((text, index) => {
    const cells = text.split(/(?<!\\)\|/).map((cell) => cell.trim().replaceAll("\\|", "|"));
    // A table line splits into ["", input, expected, test, ""]; skip the header and the rule.
    if (cells.length !== 5 || !text.startsWith("|") || /^-+$/.test(cells[1] ?? "")) return [];
    if (cells[1] === "input") return [];
    const test = /^`([^`]+)` › (.+)$/.exec(cells[3] ?? "");
    return [
      {
        line: index + 1,
        input: cells[1] ?? "",
        expected: cells[2] ?? "",
        file: test?.[1] ?? "",
        testName: test?.[2] ?? "",
      },
    ];
  });
}

describe("docs/reliability.md", () => {
  const rows = documentRows();

  it("has rows, each naming a test file that exists and a test found in it", () => {
    expect(rows.length).toBeGreaterThan(reliabilityRows.length);
    for (const row of rows) {
      const where = `docs/reliability.md:${row.line}`;
      expect(row.file, `${where} names no test as \`file\` › test name`).not.toBe("");
      expect(existsSync(path.join(repositoryRoot, row.file)), `${where}: ${row.file}`).toBe(true);
      if (row.file === rowsTest) {
        // The rows test names each test by its row's input.
        expect(row.testName, where).toBe("test named by this input");
        continue;
      }
      const source = readFileSync(path.join(repositoryRoot, row.file), "utf8");
      expect(source, `${where}: no test "${row.testName}" in ${row.file}`).toContain(row.testName);
    }
  });

  it("lists every HTTP-level row as `pnpm reliability` prints it", () => {
    const fromRowsTest = rows.filter((row) => row.file === rowsTest);
    expect(fromRowsTest.map((row) => [row.input, row.expected])).toEqual(
      reliabilityRows.map((row) => [row.input, row.expected]),
    );
  });
});
