import type { Conversation, ModelTurn } from "../conversation.ts";
import { intentClassifier } from "../language/intent-classifier.ts";
import { type History, readHistory } from "./conversation-history.ts";
import { capabilities, honestFallback, planFor } from "./intents.ts";
import { nativeToolTurn } from "./native-tools.ts";
import { humanize, PlanAnswer, type PlanContext } from "./plans/plan-kit.ts";
import { Toolbox } from "./toolbox.ts";

export interface PolicyDecision {
  turn: ModelTurn;
  /** The conversation's "Current time", used for `created` fields instead of the clock. */
  now: Date | undefined;
}

/** Celigo tool calls since the request before the policy stops and answers with what it has. */
const maximumCalls = 60;
const text = (value: string): ModelTurn => ({ kind: "text", text: value });

function refusalAnswer(history: History): string | undefined {
  const target =
    history.refusals.find((made) => made.slug !== "COMPOSIO_MULTI_EXECUTE_TOOL") ??
    history.refusals[0];
  if (!target) return undefined;
  return `The call to ${target.slug} (${humanize(target.slug)}) was refused, so I did not make that change and nothing was modified. If you do want it, confirm and approve the call when asked.`;
}

function runPlan(history: History, toolbox: Toolbox): ModelTurn {
  const frame = history.frame;
  const plan = frame ? planFor(frame.family) : undefined;
  if (!frame || !plan) return text(honestFallback(frame));
  const context: PlanContext = {
    request: history.request,
    frame,
    now: history.now,
    zone: history.zone,
    confirmed: history.confirmed,
    calls: history.calls,
    canUse: (slug) => toolbox.canUse(slug),
    findSlug: (pattern) => toolbox.findSlug(pattern),
  };
  try {
    const step = plan.next(context);
    return step.kind === "calls" ? toolbox.toTurn(step.calls, plan.tools) : text(step.text);
  } catch (error) {
    if (error instanceof PlanAnswer) return text(error.message);
    throw error;
  }
}

/**
 * Trains the intent classifier and loads the language model's word lists now, so the first
 * request does not pause the process (other clients' connections time out meanwhile).
 */
export function warmUpPolicy(): void {
  intentClassifier().classify("Which flows failed today?");
}

/** Decides the next turn from the conversation alone: no clock, no randomness, no files. */
export function decideTurn(conversation: Conversation): PolicyDecision {
  const history = readHistory(conversation);
  const toolbox = new Toolbox(conversation.tools, history);
  const decide = (): ModelTurn => {
    if (!history.request.trim()) return text(`Ask me about your Celigo account. ${capabilities}`);
    const refusal = refusalAnswer(history);
    if (refusal) return text(refusal);
    const celigoCalls = history.calls.filter((made) => !made.slug.startsWith("COMPOSIO_")).length;
    if (celigoCalls >= maximumCalls) {
      return text(
        `I stopped after ${celigoCalls} tool calls without finishing. Ask a narrower question, for example about one flow.`,
      );
    }
    if (!toolbox.knowsSlugs && conversation.tools.length > 0) {
      const native = nativeToolTurn(history, conversation.tools);
      if (native) return native;
    }
    return runPlan(history, toolbox);
  };
  return { turn: decide(), now: history.now };
}
