/**
 * Facts about a sandbox account read from its state snapshot, so policy tests state their
 * expectations from the sandbox's own data rather than from strings copied out of a scenario.
 */

export interface FlowRecord {
  _id: string;
  name: string;
  disabled?: boolean;
  _integrationId?: string;
  lastExecutedAt?: string;
}
export interface JobRecord {
  _id: string;
  type: string;
  _flowId?: string;
  status: string;
  numError: number;
  numOpenError?: number;
  createdAt: string;
}
export interface ErrorRecord {
  errorId: string;
  _flowId: string;
  _stepId: string;
  code: string;
  message: string;
  traceKey?: string;
  resolved: boolean;
}
export interface ShareRecord {
  _id: string;
  accessLevel?: string;
  accepted?: boolean;
  integrationAccessLevel?: Array<{ _integrationId: string; accessLevel: string }>;
  sharedWithUser: { name: string; email: string };
}
export interface AuditRecord {
  _resourceId: string;
  resourceType: string;
  time: string;
  byUser?: { name: string; email: string };
  fieldChanges?: Array<{ fieldPath: string; oldValue?: unknown; newValue?: unknown }>;
}

export interface AccountFacts {
  flows: FlowRecord[];
  jobs: JobRecord[];
  errors: ErrorRecord[];
  integrations: Array<{ _id: string; name: string }>;
  connections: Array<{ _id: string; name: string; offline?: boolean }>;
  ashares: ShareRecord[];
  audit: AuditRecord[];
  state: { global: Record<string, unknown> };
}

/** The snapshot as typed facts (only the fields the tests read). */
export function accountFacts(snapshot: unknown): AccountFacts {
  return snapshot as AccountFacts;
}

/** Flow runs created in [since, until] that failed or left errors open, by flow id. */
export function failedFlowIds(facts: AccountFacts, since: string, until: string): Set<string> {
  return new Set(
    facts.jobs
      .filter(
        (job) =>
          job.type === "flow" &&
          job.createdAt >= since &&
          job.createdAt <= until &&
          (job.status === "failed" || (job.numOpenError ?? 0) > 0),
      )
      .flatMap((job) => (job._flowId ? [job._flowId] : [])),
  );
}

export function openErrorsOf(facts: AccountFacts, flowId: string): ErrorRecord[] {
  return facts.errors.filter((error) => error._flowId === flowId && !error.resolved);
}

/** How the policy cites a resource: by name (ids only when the user asks for them). */
export function cited(resource: { _id: string; name: string }): string {
  return resource.name;
}

/** The UTC day of an ISO time, as its first instant. */
export function dayStart(iso: string, daysBefore = 0): string {
  const day = new Date(`${iso.slice(0, 10)}T00:00:00.000Z`);
  day.setUTCDate(day.getUTCDate() - daysBefore);
  return day.toISOString();
}
