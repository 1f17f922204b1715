/** Formatting shared by every report, so the terminal, Markdown and HTML agree. */
import { offlineModelDisclaimer } from "@celigo-agents/offline-model";

/** Stated by every report of a run that used the offline model. */
export const offlineNotice = offlineModelDisclaimer;

/** True for `offline` and its mistake profiles (`offline:<profile>`). */
export function isOfflineModel(model: string): boolean {
  return model === "offline" || model.startsWith("offline:");
}

/** One line on what the results can and cannot show, from the models the run used. */
export function runScopeNotice(summary: { variants: ReadonlyArray<{ model: string }> }): string {
  const models = new Set(summary.variants.map((variant) => variant.model));
  const offline = [...models].some(isOfflineModel);
  const real = [...models].some((model) => !isOfflineModel(model));
  const offlinePart =
    "the offline model is a deterministic test double, so its results show wiring, resilience to model mistakes and cost, not the quality of answers";
  const realPart =
    "a real model's results compare quality; read each pass rate with its 95% interval, and --repeat narrows the intervals";
  if (offline && real) return `What this run can tell: ${offlinePart}; ${realPart}.`;
  if (real) return `What this run can tell: ${realPart}.`;
  return `What this run can tell: ${offlinePart}. Use a real model (--model openai/<model>) to compare quality.`;
}

/** "80–100%" for an interval of rates. */
export function formatInterval(interval: readonly [number, number]): string {
  return `${(interval[0] * 100).toFixed(0)}–${(interval[1] * 100).toFixed(0)}%`;
}

/** A profile number or a dash when it could not be measured. */
export function formatOptional(value: number | null | undefined, unit = ""): string {
  return value === null || value === undefined ? "–" : `${formatCount(value)}${unit}`;
}

export function formatPercent(value: number | undefined): string {
  return value === undefined ? "–" : `${(value * 100).toFixed(0)}%`;
}

export function formatMilliseconds(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

export function formatCost(value: number | undefined): string {
  if (value === undefined) return "unknown price";
  return value === 0 ? "$0" : `$${value.toFixed(4)}`;
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** pass^k at the largest k measured, labelled, e.g. "pass^3 67%". */
export function formatPassHatK(passHatK: Record<string, number>): string {
  const ks = Object.keys(passHatK).map(Number);
  if (ks.length <= 1) return "–";
  const k = Math.max(...ks);
  return `pass^${k} ${formatPercent(passHatK[String(k)])}`;
}
