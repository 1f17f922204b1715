import type { ErrorTemplate, JsonObject } from "../store/resource-types.ts";

/** A scenario as data: the builder turns it into documents, ids and job history. */
export interface ScenarioDefinition {
  name: string;
  historyDays: number;
  owner: { name: string; email: string };
  connections: ConnectionSpec[];
  integrations: IntegrationSpec[];
  users: UserSpec[];
  tags: string[];
  globalState: Record<string, unknown>;
  /** Resource-scoped state, keyed by the export's name. */
  exportState: { exportName: string; key: string; value: unknown }[];
  scripts: {
    name: string;
    description: string;
    function: string;
    content: string;
    logs: string[];
  }[];
  iClients: JsonObject[];
  fileDefinitions: JsonObject[];
  ediProfiles: JsonObject[];
  licenses: JsonObject[];
  /** Past edits recorded in the audit log, `daysAgo` before now. */
  auditedChanges: {
    flowName: string;
    daysAgo: number;
    fieldPath: string;
    oldValue: unknown;
    newValue: unknown;
  }[];
}

export interface ConnectionSpec {
  key: string;
  name: string;
  type: "netsuite" | "http" | "salesforce" | "ftp";
  settings: JsonObject;
  /** Hours before today's UTC midnight at which the connection went offline. */
  offlineHoursBeforeMidnight?: number;
}

export interface IntegrationSpec {
  name: string;
  description: string;
  flows: FlowSpec[];
}

export interface StepSpec {
  name: string;
  connection: string;
  adaptorType: string;
  settings: JsonObject;
}

export interface FlowSpec {
  name: string;
  /** Celigo 6-field cron, seconds field `?`; absent for flows run on demand. */
  schedule?: string;
  timezone?: string;
  disabled?: boolean;
  export: StepSpec;
  imports: StepSpec[];
  records: [number, number];
  errorRate: number;
  errors: ErrorTemplate[];
  traceKeyPrefix: string;
  /** Force a run with errors between today's UTC midnight and now. */
  failsToday?: boolean;
  failsYesterday?: boolean;
}

export interface UserSpec {
  name: string;
  email: string;
  accessLevel?: "administrator" | "manage" | "monitor";
  /** Integration name -> access level, for users without account-wide access. */
  integrations?: Record<string, "manage" | "monitor">;
  accepted: boolean;
}
