/**
 * Which records a request names, among the names tool results showed: a MiniSearch index
 * (https://lucaong.github.io/minisearch/) over the names, searched word by word with prefix and
 * fuzzy matching, so "the refund flow", "the Amazon orders flow" and "shopfy" find their record.
 * A request that fits several records equally, or fits only through a misspelling, is reported
 * as such, so a caller asks instead of acting on a guess.
 */
import MiniSearch from "minisearch";
import {
  conceptPhrases,
  conceptSequence,
  conceptTokenStarts,
  expandShorthand,
  tokenize,
} from "./normalize-text.ts";
import { findTimeExpression } from "./time-expressions.ts";

export type LinkStatus =
  /** One record fits best, every word exactly. */
  | "unique"
  /** Several records fit, and the request speaks of several ("the Amazon flows"). */
  | "several"
  /** Several records fit equally and the request speaks of one: ask which. */
  | "ambiguous"
  /** One record fits best, but only through a misspelt or shortened word: ask "did you mean". */
  | "suggestion"
  /** The request names something no record is called. */
  | "unknown"
  /** The request names no record at all. */
  | "unnamed";

export interface LinkResult<Item> {
  status: LinkStatus;
  matches: Item[];
  /** Request words (as written) that look like part of a name but fit no record. */
  unknownWords: string[];
  /** Misspelt words and what they were read as ("shopfy" -> "shopify"). */
  corrections: Array<{ written: string; meant: string }>;
}

export interface Mention {
  /** Normalized words that may be part of a name. */
  terms: string[];
  /** The same words as the user wrote them. */
  written: string[];
  /** Written words that look like a name (capitalised mid-sentence, or a proper noun). */
  nameLike: Set<string>;
  quoted: string[];
}

const concepts = new Set(conceptPhrases.map(([, concept]) => concept));

/** Words that describe the request, not a record, even when a record's name has them too. */
const requestVocabulary = new Set(
  "flow integration connection endpoint error job run record step account user state key value audit log history change status health detail message code count number total time schedule setting name id list data result everything anything something thing stuff one ones both all each every any what which who whom when why how not no yes open new old latest late recent last first second third fourth fifth other there here now today per by please ok anymore again reference sure confirm approve go ahead do did does have has be show tell give get find check see look pull display want need know let make happen keep turn go it them those these their its about regarding instead also just only".split(
    " ",
  ),
);

/** Names the user put in quotes: a whole name, or words of one. */
export function quotedNames(text: string): string[] {
  const doubleQuoted = [...text.matchAll(/["“`]([^"”`]{2,120})["”`]/g)];
  // Single quotes count only around words, so apostrophes ("flow's") are not read as quotes.
  const singleQuoted = [...text.matchAll(/(?:^|\s)['‘]([^'’]{2,120})['’](?=[\s.,;:!?)]|$)/g)];
  return [...doubleQuoted, ...singleQuoted].map((match) => (match[1] ?? "").trim());
}

/** The words of a request that may name a record: not grammar, intent, time or request words. */
export function mentionOf(text: string): Mention {
  const expanded = expandShorthand(text);
  const time = findTimeExpression(expanded);
  const inConcepts = conceptTokenStarts(text);
  const tokens = tokenize(text).filter(
    (token) =>
      (!time || token.end <= time.start || token.start >= time.end) && !inConcepts.has(token.start),
  );
  const terms: string[] = [];
  const written: string[] = [];
  const nameLike = new Set<string>();
  for (const token of tokens) {
    const [concept] = conceptSequence(token.normal);
    if (!concept || concepts.has(concept) || requestVocabulary.has(concept)) continue;
    const whole = expanded.slice(token.start, token.end).replace(/[^\w-]+$/, "") || token.normal;
    // "NetSuite-Shopify" names two things; "acme-retail" stays one word in names too.
    const parts =
      /^[A-Za-z]+-[A-Za-z]+$/.test(whole) && /[A-Z]/.test(whole.slice(1))
        ? whole.split("-")
        : [whole];
    for (const original of parts) {
      const term = nameWord(original);
      if (!term || requestVocabulary.has(term)) continue;
      if (/^\d{1,2}$/.test(term) || /^[0-9a-f]{24}$/.test(term)) continue;
      terms.push(term);
      written.push(original);
      const capitalised = /^[A-Z]/.test(original) && token.start > 0;
      if (capitalised || token.tags.includes("ProperNoun") || /\d/.test(term))
        nameLike.add(original);
    }
  }
  return { terms, written, nameLike, quoted: quotedNames(text) };
}

/** One word as names are compared: lower case, plural "s" dropped ("Orders" -> order). */
export function nameWord(word: string): string {
  const lower = word.toLowerCase().replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
  if (lower.length > 4 && lower.endsWith("ies")) return `${lower.slice(0, -3)}y`;
  if (lower.length > 3 && lower.endsWith("s") && !/(ss|us|is)$/.test(lower))
    return lower.slice(0, -1);
  return lower;
}

/** Normalized words of a name (the same normalization as a request's words). */
function nameTerms(name: string): string[] {
  return (name.match(/[A-Za-z0-9][\w.-]*/g) ?? [])
    .map(nameWord)
    .filter(
      (word) =>
        word.length > 0 &&
        !["to", "the", "of", "and", "a", "an", "for", "from", "in", "on"].includes(word),
    );
}

const quality = { exact: 1, prefix: 0.7, fuzzy: 0.6 } as const;

/** Which of the items the mention names (see `LinkStatus`). */
export function linkNames<Item>(
  mention: Mention,
  items: readonly Item[],
  nameOf: (item: Item) => string,
  options: { plural?: boolean } = {},
): LinkResult<Item> {
  const empty = { unknownWords: [], corrections: [] };
  if (mention.quoted.length > 0) {
    const wanted = mention.quoted.map((name) => name.toLowerCase());
    const matches = items.filter((item) => wanted.includes(nameOf(item).toLowerCase().trim()));
    if (matches.length > 0)
      return { status: matches.length > 1 ? "several" : "unique", matches, ...empty };
    // A quote that is part of a name ("Amazon orders") is linked by its words, every one of them
    // read as a name word, so a word that fits no record still makes it unknown.
    const inQuotes = mentionOf(mention.quoted.join(" "));
    const linked = linkNames(
      { ...inQuotes, nameLike: new Set(inQuotes.written), quoted: [] },
      items,
      nameOf,
      options,
    );
    if (linked.status !== "unnamed") return linked;
    return { status: "unknown", matches: [], unknownWords: mention.quoted, corrections: [] };
  }
  if (mention.terms.length === 0 || items.length === 0)
    return { status: "unnamed", matches: [], ...empty };

  const index = new MiniSearch<{ id: number; name: string }>({
    fields: ["name"],
    tokenize: nameTerms,
    processTerm: (term) => term,
    searchOptions: { tokenize: (text) => [text], processTerm: (term) => term },
  });
  index.addAll(items.map((item, id) => ({ id, name: nameOf(item) })));
  const termsOf = items.map((item) => new Set(nameTerms(nameOf(item))));

  // Per item: the best quality each mention term reaches in its name.
  const scores = items.map(() => ({
    total: 0,
    matched: 0,
    fuzzy: [] as Array<{ written: string; meant: string }>,
  }));
  const unknownWords: string[] = [];
  mention.terms.forEach((term, position) => {
    const results = index.search(term, {
      prefix: term.length >= 4,
      fuzzy: term.length >= 5 ? 0.2 : false,
      maxFuzzy: 2,
    });
    if (results.length === 0) {
      const written = mention.written[position] ?? term;
      if (mention.nameLike.has(written)) unknownWords.push(written);
      return;
    }
    // Rarer words tell records apart better ("refund" over "netsuite").
    const weight = Math.log(1 + items.length / results.length);
    for (const result of results) {
      const id = Number(result.id);
      const names = termsOf[id] ?? new Set<string>();
      const kind = names.has(term)
        ? "exact"
        : result.terms.some((found) => found.startsWith(term))
          ? "prefix"
          : "fuzzy";
      const entry = scores[id];
      if (!entry) continue;
      entry.total += quality[kind] * weight;
      entry.matched += 1;
      if (kind !== "exact") {
        entry.fuzzy.push({
          written: mention.written[position] ?? term,
          meant: result.terms[0] ?? term,
        });
      }
    }
  });

  const mostMatched = Math.max(0, ...scores.map((score) => score.matched));
  if (mostMatched === 0) {
    return unknownWords.length > 0
      ? { status: "unknown", matches: [], unknownWords, corrections: [] }
      : { status: "unnamed", matches: [], ...empty };
  }
  // A word that looks like a name and fits nothing means the user named another record, unless
  // some record's whole name is in the request anyway.
  if (unknownWords.length > 0) {
    const whole = items.filter((_, id) => {
      const names = [...(termsOf[id] ?? [])].filter((word) => !requestVocabulary.has(word));
      return names.length > 0 && names.every((word) => mention.terms.includes(word));
    });
    if (whole.length === 0)
      return { status: "unknown", matches: [], unknownWords, corrections: [] };
  }
  const best = Math.max(
    ...scores.filter((score) => score.matched === mostMatched).map((score) => score.total),
  );
  const top = items.filter((_, id) => {
    const score = scores[id];
    return score !== undefined && score.matched === mostMatched && score.total >= best - 1e-9;
  });
  const tied = items.filter((_, id) => scores[id]?.matched === mostMatched);
  const corrections = top.flatMap((item) => scores[items.indexOf(item)]?.fuzzy ?? []);
  if (options.plural && tied.length > 1)
    return { status: "several", matches: tied, unknownWords, corrections };
  if (top.length > 1) return { status: "ambiguous", matches: top, unknownWords, corrections };
  const status = corrections.length > 0 ? "suggestion" : "unique";
  return { status, matches: top, unknownWords, corrections };
}
