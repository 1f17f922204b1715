/**
 * The page in headless Chromium, on the real runners, the sandbox and the offline model: every
 * expectation is read from each column's own sandbox account, never copied from the answers.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { loadConfig } from "@celigo-agents/core";
import {
  accountFacts,
  defaultTestNow,
  mentionedFlows,
  type TestEnvironment,
} from "@celigo-agents/core/testing";
import {
  builtInFrameworks,
  loadCases,
  openEvalSandbox,
  parseFrameworks,
  runEval,
} from "@celigo-agents/evals";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { type RunningPlayground, startPlayground } from "./playground-server.ts";
import { buildUi } from "./ui-build.ts";

const chromiumPath = inject("chromiumPath");
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  console.warn(
    `Skipping "the playground in headless Chromium": ${chromiumPath} is not installed (apt-get install -y chromium, or set CHROMIUM_PATH).`,
  );
}

const packageDirectory = fileURLToPath(new URL("..", import.meta.url));
const artifactsDirectory = path.join(packageDirectory, "test-artifacts");
const runners = parseFrameworks(builtInFrameworks.join(","), packageDirectory);
const names = runners.map((runner) => runner.name);
const turnTimeoutMs = 90_000;

describe.skipIf(!hasChromium)("the playground in headless Chromium", () => {
  let workDirectory: string;
  let draftsDirectory: string;
  let playground: RunningPlayground;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    workDirectory = await mkdtemp(path.join(tmpdir(), "playground-test-"));
    draftsDirectory = path.join(workDirectory, "drafts");
    const assetsDirectory = path.join(workDirectory, "ui");
    await buildUi(assetsDirectory);
    playground = await startPlayground({
      config: loadConfig({
        CELIGO_SOURCE: "sandbox",
        CELIGO_EXPOSURE: "router",
        SANDBOX_NOW: defaultTestNow,
        MODEL: "offline",
      }),
      runners,
      assetsDirectory,
      draftsDirectory,
    });
    browser = await chromium.launch({ executablePath: chromiumPath });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(playground.url);
    await page.waitForSelector("body[data-ready=true]");
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
    if (workDirectory) await rm(workDirectory, { recursive: true, force: true });
  }, 60_000);

  beforeEach(async () => {
    // Every test starts over: fresh accounts, empty conversations (the button under test too).
    if ((await page.locator("article.turn").count()) === 0) return;
    await page.getByRole("button", { name: "New conversation" }).click();
    await page.waitForFunction(
      (count) =>
        document.querySelectorAll("article.turn").length === 0 &&
        document.querySelectorAll('section[data-status="ready"]').length === count,
      names.length,
      { timeout: turnTimeoutMs },
    );
  }, turnTimeoutMs);

  it(
    "answers 'Which flows failed today?' in every column, naming exactly today's failed flows",
    async () => {
      await send(page, "Which flows failed today?");
      await waitForTurns(page, 1);
      for (const runner of names) {
        const facts = accountFacts(await environmentOf(playground, runner));
        const expected = (await facts.failedFlowsToday()).map((flow) => flow.name).sort();
        expect(expected.length).toBeGreaterThan(0);
        const answer = await answerOf(page, runner);
        const named = mentionedFlows(answer, await facts.flows()).map((flow) => flow.name);
        expect(named, `${runner} answered: ${answer}`).toEqual(expected);

        const turn = lastTurn(page, runner);
        const lines = turn.locator("details.tool-call");
        expect(await lines.count()).toBeGreaterThan(0);
        expect(await turn.locator("details.tool-call.tool-ok").count()).toBe(await lines.count());
        expect(await metric(page, runner, "tool calls")).toBe(String(await lines.count()));
        expect(Number(await metric(page, runner, "steps"))).toBeGreaterThan(0);
        expect(await metric(page, runner, "tokens")).toMatch(/^[\d,]+ in \/ [\d,]+ out$/);
        expect(await metric(page, runner, "cost")).toBe("$0");
        expect(await metric(page, runner, "latency")).toMatch(/^[\d,.]+ (ms|s)$/);
      }
      // A line expands to the call's full arguments and result.
      const first = lastTurn(page, names[0] ?? "")
        .locator("details.tool-call")
        .last();
      await first.locator("summary").click();
      await expect.poll(() => first.locator("pre").count()).toBe(2);
      await mkdir(artifactsDirectory, { recursive: true });
      await page.screenshot({
        path: path.join(artifactsDirectory, "playground.png"),
        fullPage: true,
      });
    },
    turnTimeoutMs,
  );

  it(
    "asks for approval in each column: Refuse leaves that account unchanged, Approve changes it",
    async () => {
      const target = await someFlow(playground, names[0] ?? "");
      const before = new Map<string, unknown>();
      for (const runner of names) {
        const facts = accountFacts(await environmentOf(playground, runner));
        expect((await facts.flow(target.id)).disabled).toBe(false);
        before.set(runner, await stateOf(playground, runner));
      }
      await send(page, `Disable the ${target.name} flow. I confirm.`);
      const decisions = new Map(names.map((runner, index) => [runner, index % 2 === 1]));
      for (const runner of names) {
        const column = columnOf(page, runner);
        const approve = column.getByRole("button", { name: "Approve" });
        const refuse = column.getByRole("button", { name: "Refuse" });
        await approve.waitFor({ timeout: turnTimeoutMs });
        expect(await refuse.isVisible()).toBe(true);
        expect(((await column.locator(".approval legend").textContent()) ?? "").trim()).toContain(
          target.name,
        );
        expect(((await column.locator(".approval .reason").textContent()) ?? "").trim()).not.toBe(
          "",
        );
      }
      // A column waiting for its click does not hold up the others: they finish first.
      const [waiting, ...answered] = [...names].reverse();
      for (const runner of answered) {
        const button = decisions.get(runner) ? "Approve" : "Refuse";
        await columnOf(page, runner).getByRole("button", { name: button }).click();
      }
      for (const runner of answered) {
        await lastTurn(page, runner)
          .and(page.locator('[data-running="false"]'))
          .waitFor({ timeout: turnTimeoutMs });
      }
      if (waiting) {
        expect(await columnOf(page, waiting).getAttribute("data-status")).toBe("waiting");
        const button = decisions.get(waiting) ? "Approve" : "Refuse";
        await columnOf(page, waiting).getByRole("button", { name: button }).click();
      }
      await waitForTurns(page, 1);
      for (const runner of names) {
        const facts = accountFacts(await environmentOf(playground, runner));
        const approved = decisions.get(runner) === true;
        const changes = columnOf(page, runner).locator("details.changes");
        await changes.locator("summary").click();
        const changesText = (await changes.textContent()) ?? "";
        expect((await facts.flow(target.id)).disabled, runner).toBe(approved);
        if (approved) {
          expect(changesText).toContain(`disabled flow ${target.name}`);
        } else {
          expect(JSON.stringify(await stateOf(playground, runner))).toBe(
            JSON.stringify(before.get(runner)),
          );
          expect(changesText).toContain("No changes.");
        }
      }
    },
    turnTimeoutMs * 2,
  );

  it(
    "stops every running column with Stop",
    async () => {
      const target = await someFlow(playground, names[0] ?? "");
      await send(page, `Delete the ${target.name} flow. I confirm.`);
      for (const runner of names) {
        await columnOf(page, runner)
          .getByRole("button", { name: "Approve" })
          .waitFor({ timeout: turnTimeoutMs });
      }
      expect(await page.locator('article.turn[data-running="true"]').count()).toBe(names.length);
      await page.getByRole("button", { name: "Stop" }).click();
      await waitForTurns(page, 1);
      for (const runner of names) {
        const turn = lastTurn(page, runner);
        expect(await turn.locator(".run-error").getAttribute("data-code"), runner).toBe("aborted");
        expect(await turn.locator("details.tool-call.tool-running").count()).toBe(0);
        const facts = accountFacts(await environmentOf(playground, runner));
        expect((await facts.flows()).map((flow) => flow.id)).toContain(target.id);
      }
    },
    turnTimeoutMs,
  );

  it(
    "continues each conversation with a follow-up, and starts over on New conversation",
    async () => {
      const target = await someFlow(playground, names[0] ?? "");
      await send(page, `Disable the ${target.name} flow.`);
      await waitForTurns(page, 1);
      expect(await page.getByRole("button", { name: "Approve" }).count()).toBe(0);
      // "yes" means something only to a conversation that asked for it.
      await send(page, "yes");
      for (const runner of names) {
        const column = columnOf(page, runner);
        await column.getByRole("button", { name: "Approve" }).waitFor({ timeout: turnTimeoutMs });
        await column.getByRole("button", { name: "Approve" }).click();
      }
      await waitForTurns(page, 2);
      for (const runner of names) {
        const facts = accountFacts(await environmentOf(playground, runner));
        expect((await facts.flow(target.id)).disabled, runner).toBe(true);
      }

      await page.getByRole("button", { name: "New conversation" }).click();
      await page.waitForFunction(
        (count) =>
          document.querySelectorAll("article.turn").length === 0 &&
          document.querySelectorAll('section[data-status="ready"]').length === count,
        names.length,
        { timeout: turnTimeoutMs },
      );
      await send(page, "yes");
      await waitForTurns(page, 1);
      expect(await page.getByRole("button", { name: "Approve" }).count()).toBe(0);
      for (const runner of names) {
        const facts = accountFacts(await environmentOf(playground, runner));
        expect((await facts.flow(target.id)).disabled, runner).toBe(false);
      }
    },
    turnTimeoutMs * 2,
  );

  it(
    "saves a column's conversation as a draft case that passes in the eval",
    async () => {
      const runner = names[0] ?? "";
      const target = await someFlow(playground, runner);
      await send(page, `Disable the ${target.name} flow. I confirm.`);
      for (const name of names) {
        const approve = columnOf(page, name).getByRole("button", { name: "Approve" });
        await approve.waitFor({ timeout: turnTimeoutMs });
        await approve.click();
      }
      await waitForTurns(page, 1);
      await columnOf(page, runner).getByRole("button", { name: "Save as case" }).click();
      await expect
        .poll(() => columnOf(page, runner).locator(".saved").textContent())
        .toMatch(/^Saved .+\.yaml$/);

      const { cases, problems } = await loadCases(draftsDirectory, draftsDirectory);
      expect(problems).toEqual([]);
      expect(cases).toHaveLength(1);
      const draft = cases[0];
      expect(draft?.approve).toBe("always");
      expect(draft?.expect.state?.actions).toContainEqual(
        expect.objectContaining({
          args: expect.objectContaining({ flow_id: { $id: "flow", name: target.name } }),
        }),
      );
      // Ready to become a regression test: the same runner passes it in the eval.
      const outcome = await runEval({
        metadata: {
          runId: "playground-draft",
          startedAt: new Date().toISOString(),
          now: defaultTestNow,
          cases: draftsDirectory,
          frameworks: [runner],
          models: ["offline"],
          exposures: ["router"],
          repeat: 1,
        },
        frameworks: runners.filter((choice) => choice.name === runner),
        workingDirectory: draftsDirectory,
        outDirectory: path.join(workDirectory, "eval"),
        concurrency: 1,
        timeoutMs: 60_000,
        infrastructureRetries: 1,
        offlineLatencyMs: 0,
        openSandbox: openEvalSandbox,
        progressStream: discardingStream(),
      });
      const record = outcome.records[0];
      expect(record?.graders.filter((grader) => !grader.passed)).toEqual([]);
      expect(record?.passed).toBe(true);
    },
    turnTimeoutMs * 2,
  );

  it(
    "reaches every control with Tab, and every control has a label",
    async () => {
      await send(page, "Which flows failed today?");
      await waitForTurns(page, 1);
      const controls = await page.evaluate(() => {
        const found = [
          ...document.querySelectorAll<HTMLElement>("button, input, textarea, summary"),
        ].filter((element) => !(element as HTMLButtonElement).disabled);
        found.forEach((element, index) => {
          element.dataset.control = String(index);
        });
        return found.map((element) => ({
          index: element.dataset.control ?? "",
          name:
            element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement
              ? (element.labels?.[0]?.textContent ?? "")
              : (element.textContent ?? ""),
        }));
      });
      expect(controls.length).toBeGreaterThan(names.length * 2);
      for (const control of controls) expect(control.name.trim(), control.index).not.toBe("");
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const reached = new Set<string>();
      for (let press = 0; press < controls.length + 5; press++) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(
          () => (document.activeElement as HTMLElement | null)?.dataset.control,
        );
        if (focused !== undefined) reached.add(focused);
      }
      expect([...reached].sort()).toEqual(controls.map((control) => control.index).sort());
    },
    turnTimeoutMs,
  );
});

function columnOf(page: Page, runner: string): Locator {
  return page.locator(`section[data-runner="${runner}"]`);
}

function lastTurn(page: Page, runner: string): Locator {
  return columnOf(page, runner).locator("article.turn").last();
}

async function send(page: Page, prompt: string): Promise<void> {
  const box = page.getByLabel("Prompt");
  await box.fill(prompt);
  await box.press("Enter");
  await page.waitForFunction(
    (text) =>
      [...document.querySelectorAll("article.turn:last-child .prompt")].some(
        (element) => element.textContent === text,
      ),
    prompt,
    { timeout: turnTimeoutMs },
  );
}

/** Every column has `count` turns and none is still running. */
async function waitForTurns(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    ({ columns, turns }) =>
      [...document.querySelectorAll("section.column")].length === columns &&
      [...document.querySelectorAll("section.column")].every(
        (column) =>
          column.querySelectorAll("article.turn").length === turns &&
          column.querySelector('article.turn[data-running="true"]') === null,
      ),
    { columns: names.length, turns: count },
    { timeout: turnTimeoutMs },
  );
}

async function answerOf(page: Page, runner: string): Promise<string> {
  return (await lastTurn(page, runner).locator(".answer").allInnerTexts()).join("\n");
}

async function metric(page: Page, runner: string, name: string): Promise<string> {
  return (
    (await columnOf(page, runner).locator(`[data-metric="${name}"] dd`).textContent()) ?? ""
  ).trim();
}

/** What `accountFacts` reads: the column's session on its own sandbox account. */
async function environmentOf(
  playground: RunningPlayground,
  runner: string,
): Promise<TestEnvironment> {
  const opened = await playground.columns.get(runner)?.session();
  if (!opened) throw new Error(`${runner} has no session`);
  return { session: opened.session } as unknown as TestEnvironment;
}

async function stateOf(playground: RunningPlayground, runner: string): Promise<unknown> {
  const opened = await playground.columns.get(runner)?.session();
  if (!opened?.state) throw new Error(`${runner} has no account state`);
  return opened.state();
}

/** An enabled flow of the column's account, the first by name. */
async function someFlow(playground: RunningPlayground, runner: string) {
  const flows = await accountFacts(await environmentOf(playground, runner)).flows();
  const flow = flows
    .filter((candidate) => !candidate.disabled)
    .sort((left, right) => left.name.localeCompare(right.name))[0];
  if (!flow) throw new Error("the scenario has no enabled flow");
  return flow;
}

function discardingStream(): NodeJS.WriteStream {
  const stream = new Writable({ write: (_chunk, _encoding, done) => done() });
  return Object.assign(stream, { isTTY: false }) as unknown as NodeJS.WriteStream;
}
