/**
 * What differs between the provenance of two runs, in words: framework versions, Node, models,
 * clock, machine. Used by `pnpm eval diff` (warnings above the comparison) and by merge (shards
 * that were not built alike).
 */
import type { RunManifest } from "./run-manifest.ts";

export interface ManifestDifferences {
  /** Differences that make a comparison less fair: framework versions, models, clock, Node. */
  warnings: string[];
  /** Case ids whose file hash differs. */
  changedCases: Set<string>;
}

export function compareManifests(
  baseline: RunManifest | undefined,
  candidate: RunManifest | undefined,
): ManifestDifferences {
  const warnings: string[] = [];
  const changedCases = new Set<string>();
  if (!baseline || !candidate) {
    const missing =
      !baseline && !candidate
        ? "Neither run.json has a provenance manifest"
        : `The ${baseline ? "candidate" : "baseline"}'s run.json has no provenance manifest`;
    warnings.push(
      `${missing} (a run from before pnpm eval recorded one): changed case files and framework versions cannot be detected.`,
    );
    return { warnings, changedCases };
  }
  for (const [caseId, entry] of Object.entries(candidate.cases)) {
    const before = baseline.cases[caseId];
    if (before && before.sha256 !== entry.sha256) changedCases.add(caseId);
  }
  for (const [framework, entry] of Object.entries(candidate.frameworks)) {
    const before = baseline.frameworks[framework];
    if (!before) continue;
    const names = new Set([
      ...Object.keys(before.dependencies),
      ...Object.keys(entry.dependencies),
    ]);
    const changes = [...names]
      .sort()
      .filter((name) => before.dependencies[name] !== entry.dependencies[name])
      .map(
        (name) =>
          `${name} ${before.dependencies[name] ?? "absent"} → ${entry.dependencies[name] ?? "absent"}`,
      );
    if (changes.length > 0) {
      warnings.push(`${framework} runs on different versions: ${changes.join(", ")}.`);
    }
  }
  if (baseline.node !== candidate.node) {
    warnings.push(`Node differs: ${baseline.node} → ${candidate.node}.`);
  }
  if (baseline.now !== candidate.now) {
    warnings.push(
      `The scenario clock differs (${baseline.now} → ${candidate.now}): "today" means other data, so answers may differ for that reason alone.`,
    );
  }
  const scenarios = (manifest: RunManifest) => manifest.scenarios.join(", ");
  if (scenarios(baseline) !== scenarios(candidate)) {
    warnings.push(`Scenarios differ: ${scenarios(baseline)} → ${scenarios(candidate)}.`);
  }
  const models = (manifest: RunManifest) => manifest.models.map((model) => model.name).join(", ");
  if (models(baseline) !== models(candidate)) {
    warnings.push(
      `Models differ (${models(baseline)} → ${models(candidate)}): only the same framework × model × exposure is compared.`,
    );
  }
  if (injectedFaults(baseline) !== injectedFaults(candidate)) {
    warnings.push(
      `The offline model's injected faults differ (${injectedFaults(baseline)} → ${injectedFaults(candidate)}): pass rates and latency move with them.`,
    );
  }
  const machine = (manifest: RunManifest) =>
    `${manifest.machine.platform}/${manifest.machine.arch}, ${manifest.machine.cpus} cores`;
  if (machine(baseline) !== machine(candidate)) {
    warnings.push(
      `The machines differ (${machine(baseline)} → ${machine(candidate)}): latency deltas compare machines as much as agents.`,
    );
  }
  return { warnings, changedCases };
}

/** `http-500 at 30%, http-429 at 30%` as `--fault` set them for the offline model, or `none`. */
export function injectedFaults(manifest: RunManifest): string {
  const faults = manifest.models.flatMap((model) => model.faults ?? []);
  const seen = new Set<string>();
  const texts: string[] = [];
  for (const fault of faults) {
    const text = `${fault.kind} at ${Math.round(fault.rate * 100)}%`;
    if (!seen.has(text)) texts.push(text);
    seen.add(text);
  }
  return texts.join(", ") || "none";
}

/** `abc1234`, or `abc1234-dirty` as `git describe --dirty` says it, or `no git` outside a checkout. */
export function describeCommit(manifest: RunManifest | undefined): string {
  if (!manifest) return "no manifest";
  if (!manifest.git) return "no git";
  return `${manifest.git.commit.slice(0, 7)}${manifest.git.dirty ? "-dirty" : ""}`;
}
