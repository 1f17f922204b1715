/**
 * The session sources every app must work with, unchanged: `composio` (the sandbox's Composio
 * emulation through COMPOSIO_BASE_URL, both exposures) and `celigo` (a native MCP server of the
 * account, created with `pnpm celigo mcp-servers create`). `describeRunnerEndToEnd` registers
 * it. Each source's context is built as `pnpm chat` builds it, by `loadConfig` on an explicit
 * environment and `openAgentContext`; the model is the offline one behind a recording proxy,
 * reached as any OpenAI-compatible server, so the test sees which tools the app offered it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentContext, openAgentContext } from "../index.ts";
import { type Environment, loadConfig, type ToolExposure } from "../kernel/config.ts";
import type { CreateRunner } from "../kernel/runner.ts";
import type { SandboxAccountHandle } from "../kernel/session.ts";
import { mcpServerUrl } from "../mcp-client-configs.ts";
import { type AccountFacts, accountFacts } from "./account-facts.ts";
import { mentionedFlows } from "./mentioned-flows.ts";
import {
  expectToolCallsToUse,
  failedFlowsPrompt,
  flowNames,
  type RecordedRun,
  recordRun,
} from "./recorded-runs.ts";
import { offeredToolNames, type RecordingProxy, startRecordingProxy } from "./recording-proxy.ts";
import { runCeligoCommand } from "./run-celigo-command.ts";
import { startTestEnvironment, type TestEnvironment } from "./test-environment.ts";

export interface RunnerSourcesOptions {
  createRunner: CreateRunner;
  testTimeoutMs?: number;
}

export function describeRunnerSources(options: RunnerSourcesOptions): void {
  const timeout = options.testTimeoutMs ?? 60_000;

  describe("session sources", () => {
    let environment: TestEnvironment;
    let account: SandboxAccountHandle;
    let facts: AccountFacts;
    let modelProxy: RecordingProxy;
    beforeAll(async () => {
      // The composio and celigo sources tell the agent the real time: the account lives on the
      // same day.
      environment = await startTestEnvironment({ exposure: "direct", now: "today" });
      const sandbox = environment.session.sandbox;
      if (!sandbox) throw new Error("the sandbox source always has a sandbox account");
      account = sandbox;
      facts = accountFacts(environment);
      modelProxy = await startRecordingProxy(environment.model.baseURL);
    }, timeout);
    afterAll(async () => {
      await modelProxy?.close();
      await environment?.close();
    });

    /** The same offline model for every source, as an OpenAI-compatible server would be set. */
    const modelVariables = (): Environment => ({
      MODEL: `openai/${environment.model.modelId}`,
      OPENAI_BASE_URL: modelProxy.baseURL,
      OPENAI_API: environment.model.api,
    });

    const runIn = async (context: AgentContext, prompt: string): Promise<RecordedRun> => {
      const runner = await options.createRunner(context.runnerOptions);
      try {
        return await recordRun(runner, prompt);
      } finally {
        await runner.close();
      }
    };

    it.each(["router", "direct"] as const satisfies readonly ToolExposure[])(
      "composio source, %s exposure: answers from the sandbox's Composio emulation",
      async (exposure) => {
        const expected = await facts.failedFlowsToday();
        const before = await environment.accountState();
        const context = await openAgentContext(
          loadConfig({
            CELIGO_SOURCE: "composio",
            COMPOSIO_API_KEY: account.composioApiKey,
            COMPOSIO_BASE_URL: account.baseUrl,
            CELIGO_EXPOSURE: exposure,
            ...modelVariables(),
          }),
        );
        try {
          expect(context.session).toMatchObject({ source: "composio", exposure });
          expect(new URL(context.session.url).origin).toBe(new URL(account.baseUrl).origin);

          const { result } = await runIn(context, failedFlowsPrompt);

          expect(result.error).toBeUndefined();
          expect(result.toolCalls.length).toBeGreaterThan(0);
          expectToolCallsToUse(result, exposure);
          expect(flowNames(mentionedFlows(result.text, await facts.flows()))).toEqual(
            flowNames(expected),
          );
          expect(await environment.accountState()).toEqual(before);
        } finally {
          await context.close();
        }
      },
      timeout,
    );

    it(
      "celigo source: answers through a native MCP server created with `pnpm celigo mcp-servers create`",
      async () => {
        const server = await createNativeServer(account);
        const before = await environment.accountState();
        const firstRequest = modelProxy.requests.length;
        const context = await openAgentContext(
          loadConfig({
            CELIGO_SOURCE: "celigo",
            CELIGO_MCP_URL: server.url,
            CELIGO_API_TOKEN: account.celigoToken,
            ...modelVariables(),
          }),
        );
        try {
          expect(context.session).toMatchObject({ source: "celigo", url: server.url });

          const { result } = await runIn(context, failedFlowsPrompt);

          expect(result.error).toBeUndefined();
          expect(result.text.length).toBeGreaterThan(0);
          // The server's tools answer in jobs, not flows, and a long list is cut short: every
          // flow the answer names failed today, and it names at least one.
          const failed = flowNames(await facts.failedFlowsToday());
          expect(failed.length, "the scenario should have failures today").toBeGreaterThan(0);
          const named = flowNames(mentionedFlows(result.text, await facts.flows()));
          expect(named.length, result.text).toBeGreaterThan(0);
          expect(failed).toEqual(expect.arrayContaining(named));
          // The app offers the model exactly the server's enabled tools, under any prefix.
          const offered = offeredToolNames(modelProxy.requests.slice(firstRequest));
          expect(offered.map((name) => server.toolNamed(name)).sort()).toEqual(server.enabled);
          // Every call went to that server: only it has these tools.
          expect(result.toolCalls.length).toBeGreaterThan(0);
          for (const call of result.toolCalls) {
            expect(server.enabled).toContain(server.toolNamed(call.name));
            expect(call.isError, JSON.stringify(call.result)).toBe(false);
          }
          expect(await environment.accountState()).toEqual(before);
        } finally {
          await context.close();
        }
      },
      timeout,
    );
  });
}

interface NativeServer {
  url: string;
  /** Names of the server's enabled tools and APIs, sorted. */
  enabled: string[];
  /** The server's tool a framework's (possibly prefixed) tool name stands for, else the name. */
  toolNamed(frameworkName: string): string;
}

/**
 * Defines a native MCP server through the CLI a user would type: the account's ready-made
 * "Get failed jobs" and "Retry flow errors" Tools enabled, its "Lookup customer" API disabled.
 */
async function createNativeServer(account: SandboxAccountHandle): Promise<NativeServer> {
  const cli = { CELIGO_API_URL: account.baseUrl, CELIGO_API_TOKEN: account.celigoToken };
  const listed = async (resource: "tools" | "apis") => {
    const command = await runCeligoCommand(["--json", resource, "list"], cli);
    if (command.exitCode !== 0) throw new Error(`pnpm celigo ${resource} list: ${command.stderr}`);
    return JSON.parse(command.stdout) as { _id: string; name: string }[];
  };
  const idOf = (resources: { _id: string; name: string }[], name: string) => {
    const resource = resources.find((candidate) => candidate.name === name);
    if (!resource) throw new Error(`The sandbox account has no "${name}".`);
    return resource._id;
  };
  const [tools, apis] = await Promise.all([listed("tools"), listed("apis")]);
  const definition = {
    name: "Agent ops tools",
    relativeURI: "/agent-ops",
    description: "What an operations agent needs to find and retry failed flows.",
    disabled: false,
    tools: [
      {
        _toolId: idOf(tools, "Get failed jobs"),
        name: "get_failed_jobs",
        disabled: false,
        annotations: { readOnlyHint: true },
      },
      {
        _toolId: idOf(tools, "Retry flow errors"),
        name: "retry_flow_errors",
        disabled: false,
        annotations: { idempotentHint: true },
      },
    ],
    apis: [{ _apiId: idOf(apis, "Lookup customer"), name: "lookup_customer", disabled: true }],
  };
  const created = await runCeligoCommand(["--json", "mcp-servers", "create"], cli, {
    input: definition,
  });
  if (created.exitCode !== 0) throw new Error(`pnpm celigo mcp-servers create: ${created.stderr}`);
  const server = JSON.parse(created.stdout) as {
    relativeURI: string;
    tools: { name: string; disabled?: boolean }[];
    apis: { name: string; disabled?: boolean }[];
  };
  const enabled = [...server.tools, ...server.apis]
    .filter((entry) => entry.disabled === false)
    .map((entry) => entry.name)
    .sort();
  return {
    url: mcpServerUrl(account.baseUrl, server.relativeURI),
    enabled,
    toolNamed: (frameworkName) =>
      enabled.find((name) => frameworkName === name || frameworkName.endsWith(`_${name}`)) ??
      frameworkName,
  };
}
