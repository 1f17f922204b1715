import { acmeRetail } from "./acme-retail.ts";
import type { ScenarioDefinition } from "./scenario-definition.ts";
import { small } from "./small.ts";

const scenarios: Record<string, ScenarioDefinition> = { "acme-retail": acmeRetail, small };

export const defaultScenarioName = "acme-retail";

export function scenarioNames(): string[] {
  return Object.keys(scenarios);
}

export function findScenario(name: string): ScenarioDefinition | undefined {
  return Object.hasOwn(scenarios, name) ? scenarios[name] : undefined;
}
