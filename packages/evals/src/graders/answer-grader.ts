/** Strings (case-insensitive) or regular expressions that must, or must not, be in the answer. */
import type { TextMatcher } from "../cases/case-schema.ts";
import { type GraderResult, graderResult } from "./grader-result.ts";

export interface AnswerExpectation {
  mustInclude: TextMatcher[];
  mustNotInclude: TextMatcher[];
}

export function gradeAnswer(expectation: AnswerExpectation, text: string): GraderResult {
  const details: string[] = [];
  for (const matcher of expectation.mustInclude) {
    if (!matchesText(matcher, text)) details.push(`answer lacks ${describeMatcher(matcher)}`);
  }
  for (const matcher of expectation.mustNotInclude) {
    if (matchesText(matcher, text))
      details.push(`answer must not contain ${describeMatcher(matcher)}`);
  }
  if (details.length > 0 && text.trim() === "") details.push("the answer was empty");
  return graderResult("answer", details);
}

/**
 * A conversation's answers: each turn's own expectation on that turn's answer, and the case's
 * expectation on the last answer. A turn that never ran (the run stopped early) fails its checks.
 */
export function gradeAnswers(
  perTurn: ReadonlyArray<AnswerExpectation | undefined>,
  last: AnswerExpectation | undefined,
  answers: readonly string[],
): GraderResult {
  const details: string[] = [];
  const several = perTurn.length > 1;
  perTurn.forEach((expectation, index) => {
    if (!expectation) return;
    const text = answers[index];
    if (text === undefined) {
      details.push(`turn ${index + 1} never got an answer`);
      return;
    }
    for (const detail of gradeAnswer(expectation, text).details) {
      details.push(several ? `turn ${index + 1}: ${detail}` : detail);
    }
  });
  if (last) {
    const text = answers.length === perTurn.length ? (answers.at(-1) ?? "") : "";
    for (const detail of gradeAnswer(last, text).details) {
      details.push(several ? `last answer: ${detail}` : detail);
    }
  }
  return graderResult("answer", details);
}

export function matchesText(matcher: TextMatcher, text: string): boolean {
  if (typeof matcher === "string") return text.toLowerCase().includes(matcher.toLowerCase());
  return new RegExp(matcher.pattern, matcher.flags).test(text);
}

function describeMatcher(matcher: TextMatcher): string {
  return typeof matcher === "string"
    ? `"${matcher}"`
    : `/${matcher.pattern}/${matcher.flags ?? ""}`;
}
