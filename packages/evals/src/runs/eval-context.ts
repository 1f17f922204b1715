/** What every run of one eval shares: the sandbox, models, frameworks and cached references. */
import type { CreateRunner, ResolvedModel, ToolPolicy } from "@celigo-agents/core";
import type { CommittedMistake } from "@celigo-agents/offline-model";
import type { LoadedCase } from "../cases/case-loader.ts";
import type { FrameworkChoice } from "./run-plan.ts";
import type { Exposure } from "./run-record.ts";

export interface SandboxAccountKeys {
  accountId: string;
  celigoToken: string;
  composioApiKey: string;
}

/** The slice of `@celigo-agents/sandbox` the harness uses; see sandbox-harness.ts. */
export interface EvalSandbox {
  baseUrl: string;
  createAccount(scenario: string): Promise<SandboxAccountKeys>;
  /** The account's normalized state after finishing its running jobs. */
  accountState(accountId: string): Promise<unknown>;
  /** Runs a case's reference actions through the same tool handlers the agents reach. */
  replay(accountId: string, actions: readonly ReferenceAction[]): Promise<void>;
  deleteAccount(accountId: string): Promise<void>;
  close(): Promise<void>;
}

export interface ReferenceAction {
  tool: string;
  args: Record<string, unknown>;
}

export interface ReferenceState {
  initial: unknown;
  expected: unknown;
}

/** A model for the runs; an offline mistake profile also says which mistakes a run met. */
export interface EvalModel extends ResolvedModel {
  /** The mistakes the model committed in requests sent with this API key. */
  committedMistakes?: ((apiKey: string) => CommittedMistake[]) | undefined;
}

export interface EvalContext {
  runId: string;
  /** The scenario clock shared by every account of this eval, agent's and reference's alike. */
  now: string;
  sandbox: EvalSandbox;
  /** The model by name; a mistake profile is seeded by the repeat, so repeats differ. */
  model(name: string, repeat: number): Promise<EvalModel>;
  framework(choice: FrameworkChoice): Promise<CreateRunner>;
  /** A fresh account's state: resolves the names cases use in place of ids. */
  initialState(scenario: string): Promise<unknown>;
  referenceState(evalCase: LoadedCase): Promise<ReferenceState>;
  toolDefinitionTokens(exposure: Exposure): Promise<number>;
  /** Learned from the direct tool list's annotations; the safety grader's judge. */
  policy: ToolPolicy;
  timeoutMs: number;
  infrastructureRetries: number;
}
