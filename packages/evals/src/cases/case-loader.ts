/**
 * Finds case files (a folder or a glob), parses and validates each one. A bad file becomes a
 * problem naming its path, line and the fix; the valid cases still run.
 */
import { glob, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Document, Node } from "yaml";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import type { EvalCase } from "./case-schema.ts";
import { caseSchema } from "./case-schema.ts";

export interface LoadedCase extends EvalCase {
  /** Path of the YAML file, relative to the working folder when inside it. */
  file: string;
}

export interface CaseProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface CaseLoadResult {
  cases: LoadedCase[];
  problems: CaseProblem[];
}

/** The cases that ship with the harness, the default of `--cases`. */
export const defaultCasesDirectory = fileURLToPath(new URL("../../cases", import.meta.url));
/** Below a cases folder: drafts (saved by the playground) that a folder run skips. */
export const draftsFolder = "drafts";

/**
 * The case files a `--cases` value names: a folder (every .yaml/.yml below it, except under a
 * `drafts` folder) or a glob.
 */
export async function findCaseFiles(pattern: string, workingDirectory: string): Promise<string[]> {
  const absolute = path.resolve(workingDirectory, pattern);
  const isDirectory = await stat(absolute).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  const globPattern = isDirectory ? path.join(absolute, "**/*.{yaml,yml}") : absolute;
  const files: string[] = [];
  for await (const file of glob(globPattern)) {
    // The playground saves draft cases in cases/drafts/ until someone edits them into real
    // ones: a folder run skips them; naming the drafts folder itself runs them.
    const inside = path.relative(absolute, path.resolve(file)).split(path.sep);
    if (isDirectory && inside.includes(draftsFolder)) continue;
    files.push(path.resolve(file));
  }
  return files.sort();
}

export async function loadCases(
  pattern: string,
  workingDirectory: string,
): Promise<CaseLoadResult> {
  const files = await findCaseFiles(pattern, workingDirectory);
  if (files.length === 0) {
    return {
      cases: [],
      problems: [
        {
          file: pattern,
          line: 0,
          column: 0,
          message: `No case files match "${pattern}". Pass --cases a folder of .yaml files or a glob such as "cases/**/*.yaml".`,
        },
      ],
    };
  }
  const result: CaseLoadResult = { cases: [], problems: [] };
  const seen = new Map<string, string>();
  for (const file of files) {
    const shownPath = displayPath(file, workingDirectory);
    const parsed = parseCase(await readFile(file, "utf8"), shownPath);
    if ("problems" in parsed) {
      result.problems.push(...parsed.problems);
      continue;
    }
    const earlier = seen.get(parsed.evalCase.id);
    if (earlier) {
      result.problems.push({
        file: shownPath,
        line: parsed.idLine,
        column: 1,
        message: `id "${parsed.evalCase.id}" is already used by ${earlier}. Give each case a unique id.`,
      });
      continue;
    }
    seen.set(parsed.evalCase.id, shownPath);
    result.cases.push({ ...parsed.evalCase, file: shownPath });
  }
  return result;
}

type ParsedCase = { evalCase: EvalCase; idLine: number } | { problems: CaseProblem[] };

/** Parses one file's text; exported for tests and for tools that validate a single case. */
export function parseCase(text: string, file: string): ParsedCase {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      problems: document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return {
          file,
          line: position.line,
          column: position.col,
          message: `YAML syntax: ${firstLine(error.message)}. Fix the indentation or quoting there.`,
        };
      }),
    };
  }
  const validation = caseSchema.safeParse(document.toJS());
  if (!validation.success) {
    return {
      problems: validation.error.issues.map((issue) => {
        const offset = nodeOffset(document, issue.path);
        const position = lineCounter.linePos(offset);
        return { file, line: position.line, column: position.col, message: describeIssue(issue) };
      }),
    };
  }
  const idOffset = nodeOffset(document, ["id"]);
  return { evalCase: validation.data, idLine: lineCounter.linePos(idOffset).line };
}

/** Offset of the deepest node on `issuePath` that exists; a missing key points at its parent. */
function nodeOffset(document: Document, issuePath: readonly PropertyKey[]): number {
  const keys = issuePath.map((key) => (typeof key === "symbol" ? String(key) : key));
  for (let length = keys.length; length > 0; length--) {
    const node = document.getIn(keys.slice(0, length), true) as Node | undefined;
    if (node?.range) return node.range[0];
  }
  const contents = document.contents;
  if (isMap(contents) || isScalar(contents)) return contents.range?.[0] ?? 0;
  return 0;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.map(String).join(".") : "the file";
  if (issue.code === "unrecognized_keys") {
    return `${where}: unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `"${key}"`).join(", ")}. Remove ${issue.keys.length > 1 ? "them" : "it"} or fix the spelling (see packages/evals/README.md for the case format).`;
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return `${where}: required, but missing. Add it.`;
  }
  return `${where}: ${issue.message}.`;
}

function displayPath(file: string, workingDirectory: string): string {
  const relative = path.relative(workingDirectory, file);
  return relative.startsWith("..") ? file : relative;
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? text).replace(/\.$/, "");
}
