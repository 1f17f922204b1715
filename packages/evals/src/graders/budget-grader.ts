/** Steps, tokens (input + output) and wall time against the case's limits. */
import type { RunResult } from "@celigo-agents/core";
import { type GraderResult, graderResult } from "./grader-result.ts";

export interface BudgetExpectation {
  maxSteps?: number | undefined;
  maxTokens?: number | undefined;
  maxSeconds?: number | undefined;
}

export function gradeBudget(
  budget: BudgetExpectation,
  result: Pick<RunResult, "steps" | "usage" | "durationMs">,
): GraderResult {
  const details: string[] = [];
  if (budget.maxSteps !== undefined && result.steps > budget.maxSteps) {
    details.push(`${result.steps} steps, over the budget of ${budget.maxSteps}`);
  }
  const tokens = result.usage.inputTokens + result.usage.outputTokens;
  if (budget.maxTokens !== undefined && tokens > budget.maxTokens) {
    details.push(`${tokens} tokens, over the budget of ${budget.maxTokens}`);
  }
  const seconds = result.durationMs / 1000;
  if (budget.maxSeconds !== undefined && seconds > budget.maxSeconds) {
    details.push(`${seconds.toFixed(1)} s, over the budget of ${budget.maxSeconds} s`);
  }
  return graderResult("budget", details);
}
