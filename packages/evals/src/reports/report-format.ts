/** Formatting shared by every report, so the terminal, Markdown and HTML agree. */
import { offlineModelDisclaimer } from "@celigo-agents/offline-model";

/** Stated by every report of a run that used the offline model. */
export const offlineNotice = offlineModelDisclaimer;

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
