/**
 * Closes `pnpm test` with one plain line, `N passed, N failed[, N skipped]`, after vitest's own
 * summary, so CI systems that read a run's last line count the tests too.
 */
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed += 1;
        else if (state === "failed") counts.failed += 1;
        else if (state === "skipped") counts.skipped += 1;
      }
      // A file that failed to load has no tests but still failed.
      if (testModule.state() === "failed" && !testModule.children.size) counts.failed += 1;
    }
    const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : "";
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed${skipped}\n`);
  }
}
