/**
 * USD per million tokens, from OpenAI's published price list. The offline model costs nothing;
 * a model missing here gets no cost estimate rather than a wrong one.
 */
import type { TokenUsage } from "@celigo-agents/core";
import { isOfflineModel } from "../reports/report-format.ts";

interface Price {
  inputPerMillion: number;
  outputPerMillion: number;
}

const prices: Record<string, Price> = {
  offline: { inputPerMillion: 0, outputPerMillion: 0 },
  "openai/gpt-5": { inputPerMillion: 1.25, outputPerMillion: 10 },
  "openai/gpt-5-mini": { inputPerMillion: 0.25, outputPerMillion: 2 },
  "openai/gpt-5-nano": { inputPerMillion: 0.05, outputPerMillion: 0.4 },
  "openai/gpt-4.1": { inputPerMillion: 2, outputPerMillion: 8 },
  "openai/gpt-4.1-mini": { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  "openai/gpt-4.1-nano": { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  "openai/gpt-4o": { inputPerMillion: 2.5, outputPerMillion: 10 },
  "openai/gpt-4o-mini": { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  "openai/o4-mini": { inputPerMillion: 1.1, outputPerMillion: 4.4 },
};

/** Undefined when the model's price is unknown. */
export function estimateCostUsd(model: string, usage: TokenUsage): number | undefined {
  // A mistake profile (`offline:flaky`) is the same free model.
  const price = isOfflineModel(model) ? prices.offline : prices[model];
  if (!price) return undefined;
  return (
    (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) /
    1_000_000
  );
}
