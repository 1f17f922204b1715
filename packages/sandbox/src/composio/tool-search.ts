import MiniSearch from "minisearch";
import type { CeligoTool } from "../toolkit/tool-definition.ts";

/** Words every tool description shares; they carry no signal for ranking. */
const stopWords = new Set([
  "a",
  "an",
  "and",
  "are",
  "as",
  "by",
  "celigo",
  "for",
  "from",
  "in",
  "is",
  "it",
  "of",
  "on",
  "or",
  "the",
  "this",
  "to",
  "tool",
  "use",
  "when",
  "with",
  "you",
  "your",
  "need",
  "all",
  "me",
  "my",
  "which",
  "what",
  "i",
  "do",
  "can",
  "please",
]);

/** Light stemming so that "failed"/"failures"/"fail" and "errors"/"error" meet. */
function stem(term: string): string {
  const word = term.toLowerCase();
  for (const suffix of ["ing", "ies", "ed", "es", "s"]) {
    if (word.length > suffix.length + 3 && word.endsWith(suffix)) {
      return suffix === "ies" ? `${word.slice(0, -3)}y` : word.slice(0, -suffix.length);
    }
  }
  return word;
}

function processTerm(term: string): string | null {
  const word = term.toLowerCase();
  return stopWords.has(word) ? null : stem(word);
}

export interface RankedTool {
  slug: string;
  score: number;
}

/**
 * BM25+ (MiniSearch) over each Celigo tool's slug words, name and description, the slug and
 * name weighted higher: which tools answer a use case, best first.
 */
export class ToolSearchIndex {
  readonly #index: MiniSearch<{ id: string; slugWords: string; name: string; description: string }>;

  constructor(tools: readonly CeligoTool[]) {
    this.#index = new MiniSearch({
      fields: ["slugWords", "name", "description"],
      processTerm,
      searchOptions: { boost: { slugWords: 3, name: 2 }, prefix: true, fuzzy: 0.15 },
    });
    this.#index.addAll(
      tools.map((tool) => ({
        id: tool.slug,
        slugWords: tool.slug.replace(/^CELIGO_/, "").replaceAll("_", " "),
        name: tool.name,
        description: tool.description,
      })),
    );
  }

  search(useCase: string, allowed?: ReadonlySet<string>): RankedTool[] {
    return this.#index
      .search(useCase, { combineWith: "OR" })
      .filter((result) => allowed === undefined || allowed.has(String(result.id)))
      .map((result) => ({ slug: String(result.id), score: result.score }));
  }
}
