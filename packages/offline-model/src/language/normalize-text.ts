/**
 * Words as an operator's request means them: compromise (https://github.com/spencermountain/compromise)
 * splits contractions and gives each word its root ("paused" -> pause, "broke" -> break), then
 * synonyms map to one concept ("turn off", "pause", "halt" -> disable). Time words are left out:
 * they say when, not what to do.
 */
import nlp from "compromise";
import { findTimeExpression } from "./time-expressions.ts";

export interface Token {
  /** As written, lower-cased. */
  normal: string;
  /** The root form: verbs infinitive, nouns singular. */
  lemma: string;
  tags: readonly string[];
  start: number;
  end: number;
}

/**
 * Synonyms, by lemma sequence, and the concept each stands for. Every phrase here occurs in the
 * corpus's train split (a test checks it), so none was added for a dev phrasing.
 */
export const conceptPhrases: ReadonlyArray<readonly [string, string]> = [
  ["turn off", "disable"],
  ["switch off", "disable"],
  ["shut down", "disable"],
  ["shut off", "disable"],
  ["pause", "disable"],
  ["deactivate", "disable"],
  ["halt", "disable"],
  ["freeze", "disable"],
  ["hold", "disable"],
  ["to sleep", "disable"],
  ["stop", "disable"],
  ["flip off", "disable"],
  ["block", "disable"],
  ["paused", "disabled"],
  ["stopped", "disabled"],
  ["deactivated", "disabled"],
  ["switched off", "disabled"],
  ["turned off", "disabled"],
  ["enabled", "enabled"],
  ["disabled", "disabled"],
  ["active", "enabled"],
  ["turn back on", "enable"],
  ["switch back on", "enable"],
  ["turn on", "enable"],
  ["flip on", "enable"],
  ["flip back on", "enable"],
  ["reenable", "enable"],
  ["go live", "enable"],
  ["wake up", "enable"],
  ["unpause", "enable"],
  ["re-enable", "enable"],
  ["re-activate", "enable"],
  ["activate", "enable"],
  ["resume", "enable"],
  ["restore", "enable"],
  ["bring back", "enable"],
  ["re-run", "retry"],
  ["rerun", "retry"],
  ["re-try", "retry"],
  ["reprocess", "retry"],
  ["resend", "retry"],
  ["replay", "retry"],
  ["redo", "retry"],
  ["restart", "retry"],
  ["reattempt", "retry"],
  ["re-attempt", "retry"],
  ["retrigger", "retry"],
  ["re-send", "retry"],
  ["one more time", "again"],
  ["once more", "again"],
  ["dismiss", "resolve"],
  ["acknowledge", "resolve"],
  ["close out", "resolve"],
  ["clear out", "resolve"],
  ["clear", "resolve"],
  ["mark as fixed", "resolve"],
  ["mark fixed", "resolve"],
  ["broken", "fail"],
  ["break", "fail"],
  ["crash", "fail"],
  ["failure", "fail"],
  ["failed", "fail"],
  ["failing", "fail"],
  ["go wrong", "fail"],
  ["error out", "fail"],
  ["errored out", "fail"],
  ["tank", "fail"],
  ["die", "fail"],
  ["succeed", "success"],
  ["successful", "success"],
  ["bomb", "fail"],
  ["choke", "fail"],
  ["go down", "fail"],
  ["unsuccessful", "fail"],
  ["exception", "error"],
  ["issue", "error"],
  ["problem", "error"],
  ["errored", "error"],
  ["erroring", "error"],
  ["unreachable", "offline"],
  ["disconnected", "offline"],
  ["not online", "offline"],
  ["not be reach", "offline"],
  ["purge", "delete"],
  ["erase", "delete"],
  ["remove", "delete"],
  ["drop", "delete"],
  ["destroy", "delete"],
  ["wipe", "delete"],
  ["rm", "delete"],
  ["nuke", "delete"],
  ["get rid of", "delete"],
  ["take out", "delete"],
  ["modify", "change"],
  ["edit", "change"],
  ["update", "change"],
  ["mess with", "change"],
  ["administrator", "admin"],
  ["invitation", "invite"],
  ["people", "user"],
  ["member", "user"],
  ["permission", "access"],
  ["role", "access"],
  ["execute", "run"],
  ["launch", "trigger"],
  ["kick off", "trigger"],
  ["fire off", "trigger"],
  ["most recent", "latest"],
  ["latest", "latest"],
  ["root cause", "cause"],
  ["root problem", "cause"],
  ["problem with", "cause"],
  ["issue with", "cause"],
  ["go through", "success"],
  ["tally", "count"],
  ["reason", "cause"],
  ["troubleshoot", "cause"],
  ["investigate", "cause"],
  ["right away", "now"],
  ["immediately", "now"],
  ["on demand", "now"],
  ["manually", "now"],
  ["sync", "flow"],
  ["them", "reference"],
  ["those", "reference"],
  ["these", "reference"],
  ["it", "reference"],
];

/** Verbs whose particle may stand apart ("turn the sync off", "switch it back on"). */
const phrasalVerbs = new Set([
  "turn",
  "switch",
  "shut",
  "kick",
  "bring",
  "fire",
  "close",
  "clear",
  "flip",
]);
const particles = new Set(["off", "on", "out", "down", "back"]);

/** Grammar words that say nothing about the task; question words and "not" are kept. */
const grammarWords = new Set(
  "the a an of for to from in on at by with is are was were be been being am i me my we our us you your please can could would will shall should just some that this there then so and or also thing ok okay hey hi".split(
    " ",
  ),
);

const phraseConcepts = new Map(conceptPhrases.map(([phrase, concept]) => [phrase, concept]));
const longestPhrase = Math.max(...conceptPhrases.map(([phrase]) => phrase.split(" ").length));

const tokenCache = new Map<string, Token[]>();
const cacheLimit = 2_000;

/** Chat shorthand, written out (same length kept where it can be, so offsets stay close). */
const shorthand: Array<[RegExp, string]> = [
  [/\b(did|does|do|is|was|are|were|has|have|had|could|would|should)nt\b/gi, "$1 not"],
  [/\bcant\b/gi, "can not"],
  [/\bwont\b/gi, "will not"],
  [/\b(pls|plz)\b/gi, "please"],
  [/\bu\b/gi, "you"],
  [/\br\b/gi, "are"],
  [/\b(rn|asap)\b/gi, "now"],
  [/\bthx\b/gi, "thanks"],
];

/** The text with chat shorthand written out. */
export function expandShorthand(text: string): string {
  return shorthand.reduce(
    (current, [pattern, replacement]) => current.replace(pattern, replacement),
    text,
  );
}

/** Words with their roots and tags; the same text is analysed once. */
export function tokenize(text: string): Token[] {
  const cached = tokenCache.get(text);
  if (cached) return cached;
  const document = nlp(expandShorthand(text));
  document.compute("root");
  const tokens: Token[] = [];
  for (const sentence of document.json({ offset: true }) as Array<{ terms: CompromiseTerm[] }>) {
    for (const term of sentence.terms) {
      const normal = (term.implicit ?? term.normal ?? "").toLowerCase();
      if (!normal) continue;
      const start = term.offset?.start ?? 0;
      tokens.push({
        normal,
        lemma: (term.root ?? term.implicit ?? term.normal ?? "").toLowerCase(),
        tags: term.tags ?? [],
        start,
        end: start + (term.offset?.length ?? 0),
      });
    }
  }
  if (tokenCache.size >= cacheLimit) tokenCache.clear();
  tokenCache.set(text, tokens);
  return tokens;
}

interface CompromiseTerm {
  normal?: string;
  root?: string;
  implicit?: string;
  tags?: string[];
  offset?: { start: number; length: number };
}

/** Tokens outside the request's time expression (the words that say what, not when). */
export function tokensWithoutTime(text: string): Token[] {
  // Token offsets are those of the text with shorthand written out.
  const time = findTimeExpression(expandShorthand(text));
  return tokenize(text).filter(
    (token) => !time || token.end <= time.start || token.start >= time.end,
  );
}

const form = (token: Token) => (token.normal.includes("-") ? token.normal : token.lemma);

/**
 * The request as a sequence of lemmas and concepts, grammar words dropped: "Can you turn the
 * Amazon sync off?" -> ["disable", "amazon", "flow"].
 */
export function conceptSequence(text: string): string[] {
  return analyse(text).sequence;
}

/** Start offsets of the tokens that belong to a concept ("turn" and "off" of "turn it off"). */
export function conceptTokenStarts(text: string): ReadonlySet<number> {
  return analyse(text).conceptStarts;
}

interface Analysis {
  sequence: string[];
  conceptStarts: Set<number>;
}
const analysisCache = new Map<string, Analysis>();

function analyse(text: string): Analysis {
  const cached = analysisCache.get(text);
  if (cached) return cached;
  const tokens = tokensWithoutTime(text).filter((token) => /[a-z0-9]/.test(token.normal));
  const used = new Set<number>();
  const conceptStarts = new Set<number>();
  const sequence: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    if (used.has(index)) continue;
    const token = tokens[index] as Token;
    let matched: { concept: string; length: number } | undefined;
    for (let length = Math.min(longestPhrase, tokens.length - index); length >= 1; length--) {
      const slice = tokens.slice(index, index + length);
      for (const words of [slice.map((item) => item.normal), slice.map(form)]) {
        const concept = phraseConcepts.get(words.join(" "));
        if (concept) {
          matched = { concept, length };
          break;
        }
      }
      if (matched) break;
    }
    if (!matched && phrasalVerbs.has(token.lemma)) {
      const found = particlePhrase(tokens, index, used);
      if (found) {
        conceptStarts.add(token.start);
        for (const at of used) conceptStarts.add(tokens[at]?.start ?? -1);
        sequence.push(found);
        continue;
      }
    }
    if (matched) {
      for (let offset = 0; offset < matched.length; offset++) {
        used.add(index + offset);
        conceptStarts.add(tokens[index + offset]?.start ?? -1);
      }
      sequence.push(matched.concept);
      continue;
    }
    const word = form(token);
    const prefixed = prefixedConcepts(word);
    if (prefixed) {
      conceptStarts.add(token.start);
      sequence.push(...prefixed);
    } else if (!grammarWords.has(word) && !grammarWords.has(token.normal)) sequence.push(word);
  }
  const analysis = { sequence: negated(sequence), conceptStarts };
  if (analysisCache.size >= cacheLimit) analysisCache.clear();
  analysisCache.set(text, analysis);
  return analysis;
}

/**
 * English prefixes on a verb the table does not list: "re" + verb does it again ("resync" ->
 * again flow), "un" + a disabling verb enables ("unfreeze").
 */
function prefixedConcepts(word: string): string[] | undefined {
  const match = /^(re|un)-?([a-z]{3,})$/.exec(word);
  if (!match) return undefined;
  const base = tokenize(match[2] ?? "")[0];
  const stem = base ? form(base) : (match[2] ?? "");
  const concept = phraseConcepts.get(stem) ?? phraseConcepts.get(match[2] ?? "");
  if (match[1] === "un") return concept === "disable" ? ["enable"] : undefined;
  if (!concept && !/^(submit|send|push|import|export|process|queue|trigger|sync)$/.test(stem))
    return undefined;
  return ["again", concept ?? stem];
}

/** "not" before an outcome turns it around: "didn't succeed" is a failure, "not reachable" offline. */
const oppositeOutcomes: Record<string, string> = {
  success: "fail",
  work: "fail",
  working: "fail",
  complete: "fail",
  online: "offline",
  reachable: "offline",
  reach: "offline",
};
function negated(sequence: string[]): string[] {
  const result: string[] = [];
  for (let index = 0; index < sequence.length; index++) {
    const word = sequence[index] ?? "";
    const next = sequence[index + 1] ?? "";
    if ((word === "not" || word === "never") && oppositeOutcomes[next]) {
      result.push(oppositeOutcomes[next] ?? next);
      index++;
    } else result.push(word);
  }
  return result;
}

/** "turn the Amazon flow back on" -> enable, marking the particles used. */
function particlePhrase(tokens: Token[], index: number, used: Set<number>): string | undefined {
  const verb = tokens[index]?.lemma ?? "";
  const found: number[] = [];
  for (let next = index + 1; next < Math.min(tokens.length, index + 12); next++) {
    const word = tokens[next]?.normal ?? "";
    if (particles.has(word)) found.push(next);
    else if (found.length > 0) break;
  }
  if (found.length === 0) return undefined;
  const phrase = [verb, ...found.map((at) => tokens[at]?.normal ?? "")].join(" ");
  const concept = phraseConcepts.get(phrase);
  if (!concept) return undefined;
  for (const at of found) used.add(at);
  return concept;
}

/** Unigrams and bigrams of a word sequence. */
export function withBigrams(sequence: readonly string[]): string[] {
  const bigrams = sequence.slice(1).map((word, index) => `${sequence[index]}_${word}`);
  return [...sequence, ...bigrams];
}
