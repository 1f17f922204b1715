import { configDefaults, defineConfig } from "vitest/config";
import SummaryLineReporter from "./scripts/vitest-summary-reporter.ts";

/**
 * The slow tests, which `pnpm test:unit` leaves out: agent and eval runs, CLIs run as child
 * processes, the MCP conformance suites, actionlint, browsers, and the in-process suites that
 * take seconds.
 * A new slow test is named `*.e2e.test.ts` rather than listed here.
 */
const endToEndTests = [
  "**/*.e2e.test.ts",
  "apps/*/src/runner.test.ts",
  "packages/core/src/cli/running-sandbox.test.ts",
  "packages/core/src/kernel/session.test.ts",
  "packages/evals/src/ci/github-workflows.test.ts",
  "packages/evals/src/ci/sharded-eval-workflow.test.ts",
  "packages/evals/src/cli.test.ts",
  "packages/evals/src/history/history-cli.test.ts",
  "packages/evals/src/profile/cost-profile.test.ts",
  "packages/evals/src/reports/reports.test.ts",
  "packages/evals/src/runs/crash-isolation.test.ts",
  "packages/evals/src/runs/eval-processes.test.ts",
  "packages/evals/src/runs/full-offline-run.test.ts",
  "packages/evals/src/runs/infrastructure-retries.test.ts",
  "packages/evals/src/runs/resume-options.test.ts",
  "packages/evals/src/runs/resume.test.ts",
  "packages/offline-model/src/cli.test.ts",
  "packages/offline-model/src/language/intent-classifier.test.ts",
  "packages/offline-model/src/policy/sandbox-operator-language.test.ts",
  "packages/offline-model/src/policy/sandbox-read-families.test.ts",
  "packages/offline-model/src/policy/sandbox-write-families.test.ts",
  "packages/playground/src/cli.test.ts",
  "packages/playground/src/playground-server.test.ts",
  "packages/playground/src/playground.test.ts",
  "packages/sandbox/src/cli.test.ts",
  "packages/sandbox/src/composio/tool-router-conformance.test.ts",
  "packages/sandbox/src/mcp-servers/native-mcp-conformance.test.ts",
];

const testFiles = ["{packages,apps}/*/{src,scripts}/**/*.test.ts"];

// One runner for the whole repo, so `pnpm test` ends with one summary; `pnpm test:unit` runs the
// unit project alone. See CONTRIBUTING.md, "Test loops".
export default defineConfig({
  test: {
    reporters: ["default", new SummaryLineReporter()],
    projects: [
      {
        test: {
          name: "unit",
          include: testFiles,
          exclude: [...configDefaults.exclude, ...endToEndTests],
          // Files share a worker's module cache: importing zod, hono and the MCP SDK once per
          // worker instead of once per file takes the loop from about 60 s of CPU to about 17 s.
          // A unit test therefore undoes what it changes (mocks, env, timers) before it ends.
          isolate: false,
          // In-process sandboxes start in well under a second, but not on a machine other work
          // keeps busy: vitest's 5 s default fails them there.
          testTimeout: 15_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: endToEndTests.map((pattern) =>
            pattern.startsWith("**") ? `{packages,apps}/*/${pattern}` : pattern,
          ),
          exclude: [...configDefaults.exclude],
          // Each starts sandboxes, models, processes or a browser; tests that need longer say so.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // The Chromium the browser tests drive (packages/playground/vitest.config.ts types it).
          provide: { chromiumPath: process.env.CHROMIUM_PATH || "/usr/bin/chromium" },
        },
      },
    ],
  },
});
