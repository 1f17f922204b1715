/**
 * The import specifiers of a TypeScript module (static, type-only, re-exports and dynamic
 * `import()`), found by TypeScript's own pre-processor rather than a regular expression, so a
 * specifier in a comment or a string is never taken for an import.
 */
import ts from "typescript";

export interface ModuleImport {
  specifier: string;
  /** 1-based, for messages that name a file and line. */
  line: number;
  /** Offset of the specifier's first character (inside the quotes). */
  start: number;
}

export function moduleImports(text: string): ModuleImport[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((reference) => {
    // `pos` is the opening quote.
    const start = reference.pos + 1;
    if (text.slice(start, start + reference.fileName.length) !== reference.fileName) {
      throw new Error(`Could not locate the import of "${reference.fileName}" in the module text.`);
    }
    return {
      specifier: reference.fileName,
      line: text.slice(0, start).split("\n").length,
      start,
    };
  });
}

/** The text with each import specifier replaced by what `rewrite` returns for it. */
export function rewriteImports(text: string, rewrite: (specifier: string) => string): string {
  let rewritten = text;
  // From the end, so earlier offsets stay valid.
  for (const found of moduleImports(text).reverse()) {
    const replacement = rewrite(found.specifier);
    rewritten =
      rewritten.slice(0, found.start) +
      replacement +
      rewritten.slice(found.start + found.specifier.length);
  }
  return rewritten;
}

export type ImportKind = "relative" | "builtin" | "package";

export function importKind(specifier: string): ImportKind {
  if (specifier.startsWith("./") || specifier.startsWith("../")) return "relative";
  if (specifier.startsWith("node:")) return "builtin";
  return "package";
}

/** `@scope/name/sub/path` -> `@scope/name`; `name/sub` -> `name`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}
