/**
 * `pnpm --filter @celigo-agents/playground screenshot`: the README's picture (docs/playground.png),
 * taken the way a person would use the page: a question, then a destructive request that two
 * columns approve, one refuses and one leaves waiting.
 */
import { fileURLToPath } from "node:url";
import { loadConfig } from "@celigo-agents/core";
import { defaultTestNow } from "@celigo-agents/core/testing";
import { builtInFrameworks, parseFrameworks } from "@celigo-agents/evals";
import { chromium, type Page } from "playwright-core";
import { startPlayground } from "../src/playground-server.ts";
import { buildUi } from "../src/ui-build.ts";

const output = fileURLToPath(new URL("../docs/playground.png", import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const flow = "NetSuite Item to Shopify Product";

await buildUi();
const playground = await startPlayground({
  config: loadConfig({ CELIGO_SOURCE: "sandbox", SANDBOX_NOW: defaultTestNow, MODEL: "offline" }),
  runners: parseFrameworks(builtInFrameworks.join(","), process.cwd()),
});
const browser = await chromium.launch({ executablePath: chromiumPath });
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  await page.goto(playground.url);
  await page.waitForSelector("body[data-ready=true]");
  await send(page, `Disable the ${flow} flow. I confirm.`);
  const answers = ["Approve", "Refuse", "Approve", undefined];
  for (const [index, runner] of builtInFrameworks.entries()) {
    const column = page.locator(`section[data-runner="${runner}"]`);
    await column.getByRole("button", { name: "Approve" }).waitFor({ timeout: 60_000 });
    const answer = answers[index];
    if (answer) await column.getByRole("button", { name: answer }).click();
  }
  await page.waitForFunction(
    () => document.querySelectorAll('article.turn[data-running="true"]').length === 1,
    null,
    { timeout: 60_000 },
  );
  // Let the approved columns' Changes arrive, then open them.
  await page.waitForTimeout(1_500);
  for (const runner of builtInFrameworks.slice(0, 3)) {
    await page.locator(`section[data-runner="${runner}"] details.changes summary`).click();
  }
  await page.screenshot({ path: output, fullPage: true });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
  await playground.close();
}

async function send(page: Page, prompt: string): Promise<void> {
  await page.getByLabel("Prompt").fill(prompt);
  await page.getByLabel("Prompt").press("Enter");
}
