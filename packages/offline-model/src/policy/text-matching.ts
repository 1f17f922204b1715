/** Word-level matching between what the user wrote and names found in tool results. */

const functionWords = new Set(
  "a an the and or of for to from in on at by with about is are was were be been did do does has have had i me my we our us you your it its this that these those which what when who whom whose why how all any some each every there their them they can could would should will please show tell list give get find check me latest last recent recently today yesterday hours hour days day week minutes since ago past now current currently".split(
    " ",
  ),
);

/** Words that describe the request itself rather than name a resource. */
const requestWords = new Set(
  "flow flows integration integrations connection connections job jobs error errors run runs ran running failed fail fails failing failure failures retry rerun resolve resolved disable disabled enable enabled pause resume turn off on start trigger execute user users access state key keys value audit changed change modified who status open many much count number name named called id ids confirm yes go ahead do it please".split(
    " ",
  ),
);

function stem(word: string): string {
  return word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}

/** Lower-cased, stemmed words of a text. */
export function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).map(stem);
}

/** Words that carry meaning (not grammar), request vocabulary included. */
export function contentWords(text: string): string[] {
  return words(text).filter((word) => !functionWords.has(word));
}

/** Words that could be part of a resource's name (not grammar, not request vocabulary). */
export function distinctiveWords(text: string): string[] {
  return words(text).filter((word) => !functionWords.has(word) && !requestWords.has(word));
}

/** Names the user put in quotes, which are matched strictly. */
export function quotedNames(text: string): string[] {
  const doubleQuoted = [...text.matchAll(/["“`]([^"”`]{2,120})["”`]/g)];
  // Single quotes count only around words, so apostrophes ("flow's") are not read as quotes.
  const singleQuoted = [...text.matchAll(/(?:^|\s)['‘]([^'’]{2,120})['’](?=[\s.,;:!?)]|$)/g)];
  return [...doubleQuoted, ...singleQuoted].map((match) => match[1] ?? "");
}

export interface NameMatch<T> {
  item: T;
  /** Distinctive words of the name that the request contains. */
  overlap: number;
  /** overlap / distinctive words in the name. */
  ratio: number;
}

/**
 * The items whose names best match the request by word overlap. A quoted name must match all its
 * words. Capitalised request words found in no candidate name suggest the user named something
 * that does not exist, so a partial match is then refused.
 */
export function bestNameMatches<T>(
  request: string,
  items: readonly T[],
  nameOf: (item: T) => string,
) {
  const quoted = quotedNames(request);
  const requestSet = new Set(
    quoted.length > 0 ? quoted.flatMap(distinctiveWords) : distinctiveWords(request),
  );
  const scored: NameMatch<T>[] = items.map((item) => {
    const nameWords = [...new Set(distinctiveWords(nameOf(item)))];
    const overlap = nameWords.filter((word) => requestSet.has(word)).length;
    return { item, overlap, ratio: nameWords.length === 0 ? 0 : overlap / nameWords.length };
  });
  const minimumRatio = quoted.length > 0 ? 1 : 0.5;
  const accepted = scored.filter((match) => match.overlap > 0 && match.ratio >= minimumRatio);
  const unknownNames = unknownCapitalisedWords(request, items.map(nameOf));
  const best = Math.max(0, ...accepted.map((match) => match.overlap * 10 + match.ratio));
  const winners = accepted.filter((match) => match.overlap * 10 + match.ratio === best);
  if (unknownNames.length > 0 && winners.every((match) => match.ratio < 1)) return [];
  return winners.map((match) => match.item);
}

/** Capitalised words (not first in a sentence) that appear in none of the names. */
export function unknownCapitalisedWords(request: string, names: readonly string[]): string[] {
  const known = new Set(names.flatMap(words));
  const found: string[] = [];
  for (const match of request.matchAll(/(?<![.?!]\s|^)\b([A-Z][A-Za-z0-9]+)\b/g)) {
    const word = match[1] ?? "";
    const stemmed = stem(word.toLowerCase());
    if (!known.has(stemmed) && !functionWords.has(stemmed) && !requestWords.has(stemmed)) {
      found.push(word);
    }
  }
  return found;
}

/** The words the user seems to use as a name (as written): distinctive words in no known name. */
export function unmatchedNameWords(request: string, names: readonly string[]): string[] {
  const quoted = quotedNames(request);
  if (quoted.length > 0) return quoted;
  const known = new Set(names.flatMap(words));
  const distinctive = new Set(distinctiveWords(request));
  return (request.match(/[A-Za-z0-9]+/g) ?? []).filter((word) => {
    const stemmed = stem(word.toLowerCase());
    return distinctive.has(stemmed) && !known.has(stemmed) && !/^\d+$/.test(word);
  });
}
