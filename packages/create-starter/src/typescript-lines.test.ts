import { describe, expect, it } from "vitest";
import { countTypeScriptLines } from "./typescript-lines.ts";

describe("countTypeScriptLines", () => {
  it("counts code lines apart from comments and blank lines, and every line in total", () => {
    const text = [
      "/**",
      " * A doc comment.",
      " */",
      'import { a } from "./a.ts"; // a trailing comment',
      "",
      "// a line comment",
      "const url = 'http://example.com'; /* a block */",
      "const text = `first",
      "second`;",
      "",
    ].join("\n");
    expect(countTypeScriptLines(text)).toEqual({ code: 4, total: 9 });
  });

  it("counts an empty module as nothing", () => {
    expect(countTypeScriptLines("")).toEqual({ code: 0, total: 0 });
  });
});
