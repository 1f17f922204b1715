/**
 * What the user wants in this turn, read from every user message so far: a new request, a
 * confirmation of the last one, a choice among the options the last answer offered ("the second
 * one"), or a follow-up that changes one thing ("and yesterday?", "what about the Amazon flow?").
 */
import { linkNames, type Mention, mentionOf } from "../language/entity-linker.ts";
import {
  confidenceThreshold,
  intentClassifier,
  intentWords,
} from "../language/intent-classifier.ts";
import { expandShorthand } from "../language/normalize-text.ts";
import type { TaskFamily } from "../language/task-families.ts";
import { findTimeExpression } from "../language/time-expressions.ts";

export type ResourceKind = "flow" | "integration" | "connection";

/** Records an earlier answer named, that this turn points back at. */
export type Pick = { which: "all" } | { which: "ordinal"; position: number };

export interface RequestFrame {
  /** The user's words that set the task. */
  text: string;
  family: TaskFamily;
  /** How sure the classifier is; below its threshold the family is out-of-scope. */
  confidence: number;
  /** The next likeliest families, for an honest "closest requests I handle". */
  closest: TaskFamily[];
  /** Words naming the time window, from this turn or the one it continues. */
  periodText: string | undefined;
  /** Words that may name records, from this turn or the one it continues. */
  mention: Mention;
  /** The kind of record the request speaks of, when it says. */
  kind: ResourceKind | undefined;
  /** The request speaks of several records ("the Amazon flows", "all", "both"). */
  plural: boolean;
  /** "Everything", "all errors", no record named for a write: the scope is the whole account. */
  everything: boolean;
  /** Records the previous answer named that this turn picks, with that answer. */
  pick: Pick | undefined;
  previousAnswer: string | undefined;
  /** The user asked for ids. */
  wantsIds: boolean;
  /** "flow by flow", "per integration". */
  groupBy: "flow" | "integration" | undefined;
  /** "show all", "the full list". */
  showAll: boolean;
  /** The user confirmed (in the request or a follow-up "yes"). */
  confirmed: boolean;
  /** The user said no to what the last answer proposed. */
  declined: boolean;
  /** Index (in the user messages) of the message whose tool calls this turn may reuse. */
  messageIndex: number;
}

const confirmationPattern =
  /\b(yes|yep|yeah|yup|sure|ok|okay|confirm|confirmed|i confirm|go ahead|proceed|do it|approved?|please do|correct|right|that one|exactly)\b/i;
const declinePattern =
  /^\s*(no|nope|cancel|never ?mind|don'?t|do not|stop|abort|leave it|forget it)\b/i;
const followUpPattern =
  /^\s*(and|what about|how about|same (thing )?for|also|now|then|what of|ok(ay)?,? (and|now|what about))\b/i;
const ordinalWords: Record<string, number> = {
  first: 1,
  "1st": 1,
  second: 2,
  "2nd": 2,
  third: 3,
  "3rd": 3,
  fourth: 4,
  "4th": 4,
  fifth: 5,
  "5th": 5,
  last: -1,
};
/** Concepts that ask for an action: a follow-up carrying one is a new request. */
const actionConcepts = new Set([
  "retry",
  "resolve",
  "disable",
  "enable",
  "delete",
  "trigger",
  "cause",
]);

function wordCount(text: string): number {
  return (text.match(/[a-z0-9]+/gi) ?? []).length;
}

const familyOfAction: Record<string, TaskFamily> = {
  retry: "retry-errors",
  resolve: "resolve-errors",
  disable: "disable-flow",
  enable: "enable-flow",
  delete: "destructive",
  trigger: "run-flow",
  cause: "cause",
};

/**
 * "yes", "go ahead", "yes, disable it": a short yes whose verb, if any, is the one the last
 * request asked for ("ok, retry those" after a question about failures is a new request).
 */
export function isBareConfirmation(text: string, previousFamily?: TaskFamily): boolean {
  if (!confirmationPattern.test(text) || wordCount(text) > 7 || declinePattern.test(text))
    return false;
  const actions = intentWords(text).filter((word) => actionConcepts.has(word));
  return actions.every((action) => familyOfAction[action] === previousFamily);
}

export function isDecline(text: string): boolean {
  return declinePattern.test(text) && wordCount(text) <= 6;
}

/** "the second one", "number 2", "#2", "the last one", "both", "all of them". */
export function pickIn(text: string): Pick | undefined {
  const lower = expandShorthand(text).toLowerCase();
  if (/\b(both|all of (them|those|these)|each of (them|those)|every one of them)\b/.test(lower))
    return { which: "all" };
  if (/\b(them|those|these|they|the ones? (you )?(listed|mentioned|found|named))\b/.test(lower))
    return { which: "all" };
  const ordinal = lower.match(
    /\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\b(?!\s+(hour|day|week|night|run|time|minute))/,
  );
  if (
    ordinal &&
    /\b(one|flow|option|choice|integration|connection)\b|^\s*(the\s+)?\w+\s*[.!?]?\s*$/.test(lower)
  )
    return { which: "ordinal", position: ordinalWords[ordinal[1] ?? ""] ?? 1 };
  const number = lower.match(/^\s*(?:(?:number|option|no\.?|#)\s*)?(\d{1,2})\s*[.!?]?\s*$/);
  if (number) return { which: "ordinal", position: Number(number[1]) };
  return undefined;
}

/** The most specific kind of record named: "the flows of the X integration" is about X. */
function kindOf(text: string): ResourceKind | undefined {
  const lower = text.toLowerCase();
  if (/\bintegrations?\b/.test(lower)) return "integration";
  if (/\b(connections?|endpoints?)\b/.test(lower)) return "connection";
  if (/\b(flows?|syncs?)\b/.test(lower)) return "flow";
  return undefined;
}

function freshFrame(text: string, messageIndex: number): RequestFrame {
  const classifier = intentClassifier();
  const guess = classifier.classify(text);
  const family = guess.confidence < confidenceThreshold ? "out-of-scope" : guess.family;
  const lower = expandShorthand(text).toLowerCase();
  const mention = mentionOf(text);
  const plural =
    /\b(flows|syncs|integrations|connections|all|both|every|each|ones|everything)\b/.test(lower);
  return {
    text,
    family,
    confidence: guess.confidence,
    closest: guess.ranking
      .map((entry) => entry.family)
      .filter((candidate) => candidate !== "out-of-scope")
      .slice(0, 3),
    periodText: findTimeExpression(expandShorthand(text))?.text,
    mention,
    kind: kindOf(text),
    plural,
    everything:
      /\b(everything|every (flow|error|integration|failure)|all (the )?(errors|failures|flows|failed|open|of (them|it))|all errors|across (the )?(board|account|all))\b/.test(
        lower,
      ) || /^\s*(retry|resolve|rerun|re-run|reprocess)\s+(all|everything)\b/.test(lower),
    pick: pickIn(text),
    previousAnswer: undefined,
    wantsIds: /\b(ids?|identifiers?)\b/.test(lower),
    groupBy: /\b(per|by|each|for every) integrations?\b|integration by integration/.test(lower)
      ? "integration"
      : /\b(per|by|each|for every) flows?\b|flow by flow/.test(lower)
        ? "flow"
        : undefined,
    showAll:
      /\b(show|list|give)( me)? (all|every|the (full|whole|complete|rest))\b|\b(full|complete|whole) list\b|\bthe rest\b|\ball of (them|it)\b/.test(
        lower,
      ),
    confirmed:
      /\b(i confirm|confirmed|yes,? (please )?(go ahead|do it)|without asking|no need to ask|go ahead and)\b/i.test(
        text,
      ),
    declined: false,
    messageIndex,
  };
}

/** True when the text asks for something itself rather than changing the last request. */
function asksForAction(text: string): boolean {
  return intentWords(text).some((word) => actionConcepts.has(word));
}

/** The frame of the latest user message, reading the conversation's user turns in order. */
export function currentFrame(
  userMessages: readonly string[],
  answers: readonly (string | undefined)[],
): RequestFrame | undefined {
  let frame: RequestFrame | undefined;
  userMessages.forEach((message, index) => {
    const previousAnswer = index > 0 ? answers[index - 1] : undefined;
    frame = nextFrame(frame, message, index, previousAnswer);
  });
  return frame;
}

function nextFrame(
  previous: RequestFrame | undefined,
  message: string,
  index: number,
  previousAnswer: string | undefined,
): RequestFrame {
  if (!previous) return freshFrame(message, index);
  if (isDecline(message))
    return { ...previous, declined: true, confirmed: false, messageIndex: index };
  if (isBareConfirmation(message, previous.family)) {
    const suggested = previousAnswer !== undefined && /\bdid you mean\b/i.test(previousAnswer);
    return {
      ...previous,
      confirmed: true,
      declined: false,
      ...(suggested ? { pick: { which: "all" as const }, previousAnswer } : {}),
      // A confirmation continues the same request, so its tool results are still good.
    };
  }
  const fresh = freshFrame(message, index);
  const pick = fresh.pick;
  const offered = previousAnswer !== undefined && previous.family !== "out-of-scope";
  // "the second one" after "Which one do you mean? 1. … 2. …": the last request, narrowed.
  if (pick && offered && !asksForAction(message) && fresh.mention.terms.length === 0) {
    return {
      ...previous,
      pick,
      previousAnswer,
      declined: false,
      messageIndex: index,
      showAll: fresh.showAll || previous.showAll,
    };
  }
  const followUp =
    (followUpPattern.test(message) && !asksForAction(message)) ||
    (fresh.family === "out-of-scope" &&
      (fresh.periodText !== undefined || fresh.mention.terms.length > 0) &&
      wordCount(message) <= 6);
  if (followUp && previous.family !== "out-of-scope") {
    const namesRecords = fresh.mention.terms.length > 0;
    return {
      ...previous,
      text: namesRecords ? message : previous.text,
      periodText: fresh.periodText ?? previous.periodText,
      mention: namesRecords ? fresh.mention : previous.mention,
      kind: fresh.kind ?? previous.kind,
      plural: namesRecords ? fresh.plural : previous.plural,
      pick: namesRecords ? undefined : previous.pick,
      previousAnswer: namesRecords ? undefined : previous.previousAnswer,
      groupBy: fresh.groupBy ?? previous.groupBy,
      wantsIds: fresh.wantsIds || previous.wantsIds,
      showAll: fresh.showAll,
      confirmed: fresh.confirmed,
      declined: false,
      messageIndex: index,
    };
  }
  // A new request that points back ("retry those", "disable it") picks from the last answer.
  if (pick && offered) return { ...fresh, previousAnswer };
  return { ...fresh, pick: undefined };
}

/** Names of the candidates that appear in a text, in the order they first appear. */
export function namesInText<Item>(
  text: string,
  items: readonly Item[],
  nameOf: (item: Item) => string,
): Item[] {
  const lower = text.toLowerCase();
  const found = items
    .map((item) => ({
      item,
      name: nameOf(item).toLowerCase(),
      at: lower.indexOf(nameOf(item).toLowerCase()),
    }))
    .filter((entry) => entry.name.length > 0 && entry.at >= 0)
    // A name inside a longer name that also appears is not a separate mention.
    .filter(
      (entry, _, all) =>
        !all.some(
          (other) =>
            other !== entry &&
            other.name.length > entry.name.length &&
            other.name.includes(entry.name),
        ),
    )
    .sort((left, right) => left.at - right.at);
  return found.map((entry) => entry.item);
}

export { linkNames };
