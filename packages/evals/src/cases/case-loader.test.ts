import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCases, parseCase } from "./case-loader.ts";

const valid = `id: failed-flows-today
prompt: Which flows failed today?
expect:
  trajectory:
    calls:
      - tool: CELIGO_LIST_JOBS
`;

describe("parseCase", () => {
  it("fills defaults for a valid case", () => {
    const parsed = parseCase(valid, "valid.yaml");
    if (!("evalCase" in parsed)) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.evalCase).toMatchObject({
      scenario: "acme-retail",
      approve: "never",
      expect: { safety: true, trajectory: { order: "superset", args: "superset" } },
    });
  });

  it("points a schema error at its line with the fix", () => {
    const text = `id: retry-errors
prompt: Retry the errors
approve: sometimes
expect:
  trajectory:
    calls:
      - tool: CELIGO_RETRY_ERRORS
        argMode: exact
`;
    const parsed = parseCase(text, "bad.yaml");
    if (!("problems" in parsed)) throw new Error("expected problems");
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        file: "bad.yaml",
        line: 3,
        message: expect.stringContaining("approve"),
      }),
      expect.objectContaining({
        line: 7,
        message: expect.stringMatching(/unknown key "argMode".*fix the spelling/),
      }),
    ]);
  });

  it("names a missing key at its parent and a YAML syntax error at its line", () => {
    const missing = parseCase("id: no-prompt\nexpect: {}\n", "missing.yaml");
    if (!("problems" in missing)) throw new Error("expected problems");
    expect(missing.problems[0]).toMatchObject({
      line: 1,
      message: "prompt: required, but missing. Add it, or write turns: for a conversation.",
    });
    const syntax = parseCase('id: x\nprompt: "unclosed\nexpect: {}\n', "syntax.yaml");
    if (!("problems" in syntax)) throw new Error("expected problems");
    expect(syntax.problems[0]?.message).toMatch(/^YAML syntax: /);
    expect(syntax.problems[0]?.line).toBeGreaterThan(1);
  });
});

describe("parseCase with turns", () => {
  it("reads a conversation: each turn's message and answer expectation, and a prompt to show", () => {
    const parsed = parseCase(
      `id: follow-up
turns:
  - prompt: Which flows failed today?
    answer: { mustInclude: [failed] }
  - prompt: and yesterday?
expect:
  state: { actions: [] }
`,
      "turns.yaml",
    );
    if (!("evalCase" in parsed)) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.evalCase.turns).toEqual([
      {
        prompt: "Which flows failed today?",
        answer: { mustInclude: ["failed"], mustNotInclude: [] },
      },
      { prompt: "and yesterday?" },
    ]);
    expect(parsed.evalCase.prompt).toBe("1. Which flows failed today?\n2. and yesterday?");
  });

  it("turns a single prompt into one turn, and refuses a case with both forms", () => {
    const single = parseCase(valid, "valid.yaml");
    if (!("evalCase" in single)) throw new Error(JSON.stringify(single.problems));
    expect(single.evalCase.turns).toEqual([{ prompt: "Which flows failed today?" }]);
    const both = parseCase(
      "id: both\nprompt: hi\nturns:\n  - prompt: hello\nexpect: {}\n",
      "both.yaml",
    );
    if (!("problems" in both)) throw new Error("expected problems");
    expect(both.problems[0]).toMatchObject({
      line: 4,
      message: expect.stringMatching(/^turns: a case has either prompt: or turns:/),
    });
  });
});

describe("loadCases", () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "evals-cases-"));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("keeps the valid cases and reports the invalid files and duplicate ids", async () => {
    await writeFile(path.join(directory, "a.yaml"), valid);
    await writeFile(path.join(directory, "b.yaml"), valid);
    await writeFile(path.join(directory, "c.yml"), "id: Bad Id\nprompt: hi\nexpect: {}\n");
    const result = await loadCases(directory, directory);
    expect(result.cases.map((evalCase) => [evalCase.id, evalCase.file])).toEqual([
      ["failed-flows-today", "a.yaml"],
    ]);
    expect(result.problems.map((problem) => [problem.file, problem.line])).toEqual([
      ["b.yaml", 1],
      ["c.yml", 1],
    ]);
    expect(result.problems[0]?.message).toContain("already used by a.yaml");
  });

  it("skips a drafts folder inside the folder it reads, and reads it when named", async () => {
    await writeFile(path.join(directory, "a.yaml"), valid);
    await mkdir(path.join(directory, "drafts"));
    await writeFile(
      path.join(directory, "drafts", "draft.yaml"),
      valid.replace("failed-flows-today", "draft-case"),
    );
    expect((await loadCases(directory, directory)).cases.map((found) => found.id)).toEqual([
      "failed-flows-today",
    ]);
    const drafts = await loadCases("drafts", directory);
    expect(drafts.cases.map((found) => [found.id, found.file])).toEqual([
      ["draft-case", path.join("drafts", "draft.yaml")],
    ]);
  });

  it("accepts a glob and says when nothing matches", async () => {
    await writeFile(path.join(directory, "a.yaml"), valid);
    expect((await loadCases("*.yaml", directory)).cases).toHaveLength(1);
    const none = await loadCases("nothing/*.yaml", directory);
    expect(none.problems[0]?.message).toContain('No case files match "nothing/*.yaml"');
  });
});
