/**
 * Lines of TypeScript, counted two ways: every line of the file, and code lines (lines holding
 * something other than comments and blank space, as cloc counts "code"). Tokens come from
 * TypeScript's parser, so a `//` inside a string is not taken for a comment.
 */
import ts from "typescript";

export interface LineCount {
  code: number;
  total: number;
}

export function countTypeScriptLines(text: string): LineCount {
  const source = ts.createSourceFile("module.ts", text, ts.ScriptTarget.Latest, true);
  const codeLines = new Set<number>();
  const visit = (node: ts.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) {
      return;
    }
    const children = node.getChildren(source);
    if (children.length > 0) {
      for (const child of children) visit(child);
      return;
    }
    const start = node.getStart(source);
    // The end-of-file token and empty lists hold no code.
    if (node.kind === ts.SyntaxKind.EndOfFileToken || start === node.getEnd()) return;
    const first = source.getLineAndCharacterOfPosition(start).line;
    const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
    for (let line = first; line <= last; line += 1) codeLines.add(line);
  };
  visit(source);
  const total = text.length === 0 ? 0 : text.replace(/\n$/, "").split("\n").length;
  return { code: codeLines.size, total };
}

export function addLineCounts(counts: readonly LineCount[]): LineCount {
  return counts.reduce(
    (sum, count) => ({ code: sum.code + count.code, total: sum.total + count.total }),
    { code: 0, total: 0 },
  );
}
