/**
 * Which flows an answer names. Longer names are matched first and blanked out, so a flow called
 * "Orders to NetSuite" is not counted as mentioned inside "Shopify Orders to NetSuite".
 */
import type { FlowSummary } from "./account-facts.ts";

export function mentionedFlows(text: string, flows: readonly FlowSummary[]): FlowSummary[] {
  let remaining = text.toLowerCase();
  const mentioned: FlowSummary[] = [];
  const longestFirst = [...flows].sort((left, right) => right.name.length - left.name.length);
  for (const flow of longestFirst) {
    const name = flow.name.toLowerCase();
    const byName = remaining.includes(name);
    if (byName || remaining.includes(flow.id)) {
      mentioned.push(flow);
      remaining = remaining.replaceAll(name, " ").replaceAll(flow.id, " ");
    }
  }
  return mentioned.sort((left, right) => left.name.localeCompare(right.name));
}
