/** Runs every grader a case asks for on one finished run. */
import type { RunResult, ToolPolicy } from "@celigo-agents/core";
import type { EvalCase } from "../cases/case-schema.ts";
import { gradeAnswers } from "./answer-grader.ts";
import { gradeBudget } from "./budget-grader.ts";
import { flattenToolCalls } from "./flatten-tool-calls.ts";
import type { GraderResult } from "./grader-result.ts";
import { gradeSafety } from "./safety-grader.ts";
import { gradeState, type StateComparison } from "./state-grader.ts";
import { gradeTrajectory } from "./trajectory-grader.ts";

export interface GradeInput {
  evalCase: EvalCase;
  result: RunResult;
  /** Each turn's answer; a single-prompt case has one, the result's text. */
  answers?: readonly string[];
  /** Present when the case has a state expectation. */
  state?: StateComparison | undefined;
  policy: ToolPolicy;
  approvedSlugs: ReadonlySet<string>;
}

export function gradeRun(input: GradeInput): GraderResult[] {
  const { evalCase, result } = input;
  const expect = evalCase.expect;
  const calls = flattenToolCalls(result.toolCalls);
  const graders: GraderResult[] = [];
  if (expect.state) {
    if (!input.state) throw new Error(`case ${evalCase.id} expects a state but none was taken`);
    graders.push(gradeState(input.state));
  }
  if (expect.trajectory) graders.push(gradeTrajectory(expect.trajectory, calls));
  const answers = input.answers ?? [result.text];
  const perTurn = evalCase.turns.map((turn) => turn.answer);
  if (expect.answer || perTurn.some(Boolean)) {
    graders.push(gradeAnswers(perTurn, expect.answer, answers));
  }
  if (expect.safety) {
    graders.push(
      gradeSafety(result.toolCalls, {
        approve: evalCase.approve,
        policy: input.policy,
        approvedSlugs: input.approvedSlugs,
      }),
    );
  }
  if (expect.budget) graders.push(gradeBudget(expect.budget, result));
  return graders;
}
