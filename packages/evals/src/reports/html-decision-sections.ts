/**
 * The parts of report.html that help choose a framework: statistics (paired comparisons, flaky
 * cases), the per-grader table, the cost profile and the features matrix. Each returns one
 * self-contained `<section>`.
 */
import type { GraderName } from "../graders/grader-result.ts";
import type { EvalSummary } from "../metrics/summarize-runs.ts";
import { featureLabels, featureNames, featuresOf } from "./framework-features.ts";
import { escapeXml as escapeHtml } from "./junit-report.ts";
import { formatCount, formatMilliseconds, formatPercent } from "./report-format.ts";
import { goodnessColor, lowerIsBetter, svgBarChart } from "./svg-bar-chart.ts";

const graderNames: GraderName[] = ["state", "trajectory", "answer", "safety", "budget"];

export function statisticsSection(summary: EvalSummary): string {
  const comparisons = summary.comparisons.map(
    (comparison) =>
      `<li class="${comparison.passRateWithinNoise ? "noise" : "real"}"><strong>${escapeHtml(comparison.first)} and ${escapeHtml(comparison.second)}</strong>${summary.variants.length > new Set(summary.variants.map((variant) => variant.framework)).size ? ` (${escapeHtml(comparison.model)}, ${escapeHtml(comparison.exposure)})` : ""}: ${escapeHtml(comparison.passRateSentence)} ${escapeHtml(comparison.latencySentence)}</li>`,
  );
  const flaky =
    summary.flakyCases.length === 0
      ? "<p>No flaky case: every case passed in all its repeats or failed in all of them.</p>"
      : `<table id="flaky"><thead><tr><th>framework</th><th>case</th><th>model</th><th>exposure</th><th>passed</th></tr></thead><tbody>${summary.flakyCases
          .map(
            (flaky) =>
              `<tr><td>${escapeHtml(flaky.framework)}</td><td>${escapeHtml(flaky.caseId)}</td><td>${escapeHtml(flaky.model)}</td><td>${escapeHtml(flaky.exposure)}</td><td>${flaky.passed} of ${flaky.runs}</td></tr>`,
          )
          .join("")}</tbody></table>`;
  const repeats = Math.max(
    0,
    ...summary.variants.map((variant) => Object.keys(variant.passHatK).length),
  );
  return `<section id="statistics"><h2>Is the difference real?</h2>
<p>Pass rates carry Wilson 95% intervals; p50 latency a seeded bootstrap 95% interval. Frameworks are compared run by run on the same case and repeat (exact McNemar test); a difference the test cannot tell from chance is called within noise.</p>
${comparisons.length > 0 ? `<ul id="comparisons">${comparisons.join("")}</ul>` : "<p>One framework only: nothing to compare.</p>"}
<h3>Flaky cases</h3>
${repeats < 2 ? "<p>Each case ran once: run with --repeat 3 or more to find flaky cases.</p>" : flaky}
</section>`;
}

export function graderSection(summary: EvalSummary): string {
  const rows = summary.variants.map((variant) => {
    const cells = graderNames.map((name) => {
      const grader = variant.graders[name];
      if (!grader) return `<td class="rate">–</td>`;
      return `<td class="rate" style="background:${tint(grader.passRate)}">${formatPercent(grader.passRate)} <span class="muted">${grader.passed}/${grader.runs}</span></td>`;
    });
    return `<tr><th>${escapeHtml(variant.framework)}</th><td>${escapeHtml(variant.model)}</td><td>${escapeHtml(variant.exposure)}</td>${cells.join("")}</tr>`;
  });
  return `<section id="graders-section"><h2>Per grader</h2>
<p>state: the account ends as the reference actions leave it · trajectory: the expected tool calls · answer: the required words · safety: no destructive call without approval · budget: steps, tokens, time.</p>
<table id="graders"><thead><tr><th>framework</th><th>model</th><th>exposure</th>${graderNames.map((name) => `<th>${name}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table></section>`;
}

export function profileSection(summary: EvalSummary): string {
  const profile = summary.profile;
  const conditions = summary.profileConditions;
  if (!profile || !conditions) {
    return `<section id="profile-section"><h2>Cost profile</h2><p>Not measured in this run (--no-profile, or a results folder from before profiles). Run pnpm eval profile to measure it.</p></section>`;
  }
  const entries = Object.entries(profile);
  const measured = (pick: (runner: (typeof entries)[number][1]) => number | null) =>
    entries.map(([, runner]) => pick(runner)).filter((value): value is number => value !== null);
  const column = (
    values: ReadonlyArray<number | null>,
    format: (value: number) => string,
  ): string[] => {
    const present = values.filter((value): value is number => value !== null);
    const goodness = lowerIsBetter(present.length > 0 ? present : [0]);
    return values.map((value) =>
      value === null
        ? `<td class="rate">–</td>`
        : `<td class="rate" style="background:${tint(goodness(value))}">${format(value)}</td>`,
    );
  };
  const columns = [
    column(
      entries.map(([, runner]) => runner.coldStartMs),
      formatMilliseconds,
    ),
    column(
      entries.map(([, runner]) => runner.peakRssMb),
      (value) => `${formatCount(value)} MB`,
    ),
    column(
      entries.map(([, runner]) => runner.overheadPerToolCallMs),
      (value) => `${value.toFixed(1)} ms`,
    ),
    column(
      entries.map(([, runner]) => runner.overheadRatio),
      (value) => `${value.toFixed(2)}×`,
    ),
    column(
      entries.map(([, runner]) => runner.installPackages),
      formatCount,
    ),
    column(
      entries.map(([, runner]) => runner.installMb),
      (value) => `${formatCount(value)} MB`,
    ),
    column(
      entries.map(([, runner]) => runner.runnerLines),
      formatCount,
    ),
  ];
  const rows = entries.map(
    ([name, runner], index) =>
      `<tr><th>${escapeHtml(name)}</th>${columns.map((cells) => cells[index]).join("")}</tr>${runner.error ? `<tr><td colspan="8" class="error">${escapeHtml(name)} could not be measured: ${escapeHtml(runner.error)}</td></tr>` : ""}`,
  );
  const chart = (
    title: string,
    pick: (runner: (typeof entries)[number][1]) => number | null,
    format: (value: number) => string,
  ) => {
    const values = measured(pick);
    if (values.length === 0) return "";
    return svgBarChart({
      title,
      series: [{ name: title, color: "#1c7ed6" }],
      rows: entries
        .filter(([, runner]) => pick(runner) !== null)
        .map(([name, runner]) => ({ label: name, values: [pick(runner) as number] })),
      format,
      goodness: lowerIsBetter(values),
    });
  };
  return `<section id="profile-section"><h2>Cost profile</h2>
<p>Each runner measured alone in its own process, one after another, before the runs: cold start is process start to runner ready (imports, createRunner connected to an MCP server with its tools listed); peak RSS is that process's maximum resident memory; per tool call is the median time between tool calls over ${conditions.toolCallsPerRun - conditions.warmupCalls} echo calls with a zero-latency scripted model and a no-op MCP tool, so it is the framework's own cost; ${conditions.reference ? `ratios are against ${escapeHtml(conditions.reference)}` : "no baseline runner took part, so there are no ratios"}. Install is the app's production dependency closure from node_modules (distinct name@version, file sizes); runner lines count the module exporting createRunner. Measured on ${conditions.cores} cores at load average ${conditions.loadAverage}: absolute times move with the load, ratios less so.</p>
<table id="profile"><thead><tr><th>runner</th><th>cold start</th><th>peak RSS</th><th>per tool call</th><th>vs baseline</th><th>install packages</th><th>install size</th><th>runner lines</th></tr></thead><tbody>${rows.join("")}</tbody></table>
<div class="charts">${chart("Cold start", (runner) => runner.coldStartMs, formatMilliseconds)}${chart(
    "Per tool call",
    (runner) => runner.overheadPerToolCallMs,
    (value) => `${value.toFixed(1)} ms`,
  )}${chart(
    "Peak RSS",
    (runner) => runner.peakRssMb,
    (value) => `${formatCount(value)} MB`,
  )}${chart("Install packages", (runner) => runner.installPackages, formatCount)}</div>
</section>`;
}

export function featuresSection(frameworks: readonly string[]): string {
  const header = frameworks.map((name) => `<th>${escapeHtml(name)}</th>`).join("");
  const rows = featureNames.map(
    (feature) =>
      `<tr><th>${featureLabels[feature]}</th>${frameworks
        .map(
          (name) =>
            `<td>${escapeHtml(featuresOf(name)?.[feature] ?? "not described (a module of your own)")}</td>`,
        )
        .join("")}</tr>`,
  );
  return `<section id="features-section"><h2>What each framework offers</h2>
<p>From each app's runner and README and the framework notes in the repository (packages/evals/src/reports/framework-features.ts).</p>
<table id="features"><thead><tr><th>feature</th>${header}</tr></thead><tbody>${rows.join("")}</tbody></table></section>`;
}

/** A pale background from red (0) to green (1), for table cells coloured by value. */
export function tint(goodness: number): string {
  return goodnessColor(goodness).replace("62%, 40%", "70%, 88%");
}
