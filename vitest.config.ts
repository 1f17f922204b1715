import { defineConfig } from "vitest/config";
import SummaryLineReporter from "./scripts/vitest-summary-reporter.ts";

// One runner for the whole repo: each package is a project, so `pnpm test` ends with one summary.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
    reporters: ["default", new SummaryLineReporter()],
  },
});
