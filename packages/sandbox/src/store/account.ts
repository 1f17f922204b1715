import { AccountClock } from "../clock.ts";
import { ObjectIdGenerator } from "../scenarios/object-id-generator.ts";
import type { RunOutcome } from "../simulation/run-outcome.ts";
import { type AccountData, createEmptyAccountData } from "./account-data.ts";
import type { UserIdentity } from "./resource-types.ts";

/** A queued or running job the simulation still has to move forward. */
export interface PendingRun {
  jobId: string;
  kind: "flow" | "retry" | "invoke";
  startAtMs: number;
  endAtMs: number;
  /** For flow runs: when the export step ends and the imports start. */
  exportEndAtMs: number;
  /** Make the run produce record errors whatever the odds (scenario history). */
  forceErrors: boolean;
  /** For retries: the errors being retried. */
  errorIds: string[];
  /** Fixed when the export step ends. */
  outcome?: RunOutcome;
}

export interface AccountInit {
  id: string;
  scenario: string;
  startMs: number;
  celigoToken: string;
  composioApiKey: string;
  owner: { name: string; email: string };
  realNow?: () => number;
  /**
   * A freshly built account of the same scenario and start to copy instead of building: its
   * data, id sequence and pending work, so the copy holds the same bytes a build would.
   */
  template?: Account;
}

/** One sandbox account: its data, clock, ids and pending simulated work. */
export class Account {
  readonly id: string;
  readonly scenario: string;
  readonly startMs: number;
  /** Seed of everything random in this account: same scenario and start, same data. */
  readonly seed: string;
  readonly clock: AccountClock;
  readonly ids: ObjectIdGenerator;
  readonly data: AccountData;
  readonly owner: UserIdentity;
  readonly pendingRuns = new Map<string, PendingRun>();
  celigoToken: string;
  composioApiKey: string;
  tokenRevoked = false;
  /** Schedules have been evaluated up to this instant. */
  scheduledUpToMs: number;
  /** When the next scheduled run is due, for the flow schedules summarized by `signature`. */
  nextScheduledRun: { signature: string; atMs: number } | undefined;
  /** Counts runs started through the API, to vary their simulated outcomes. */
  runCounter = 0;

  constructor(init: AccountInit) {
    this.id = init.id;
    this.scenario = init.scenario;
    this.startMs = init.startMs;
    this.seed = `${init.scenario}|${new Date(init.startMs).toISOString()}`;
    this.clock = new AccountClock(init.startMs, init.realNow);
    this.celigoToken = init.celigoToken;
    this.composioApiKey = init.composioApiKey;
    const template = init.template;
    if (template !== undefined) {
      this.ids = template.ids.clone();
      this.owner = { ...template.owner };
      this.data = structuredClone(template.data);
      for (const [jobId, run] of template.pendingRuns)
        this.pendingRuns.set(jobId, structuredClone(run));
      this.scheduledUpToMs = template.scheduledUpToMs;
      this.nextScheduledRun = template.nextScheduledRun && { ...template.nextScheduledRun };
      this.runCounter = template.runCounter;
      return;
    }
    this.data = createEmptyAccountData();
    this.ids = new ObjectIdGenerator(this.seed);
    // The owner signed up long before the scenario's history starts.
    this.owner = { _id: this.ids.next(init.startMs - 400 * 86_400_000), ...init.owner };
    this.scheduledUpToMs = init.startMs;
  }

  newId(atMs: number = this.clock.now()): string {
    return this.ids.next(atMs);
  }
}
