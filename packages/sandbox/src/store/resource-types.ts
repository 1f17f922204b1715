/** Shapes of the stored resources. Anything a client may send is kept, so most are open records. */
import type { jobStatuses, jobTypes } from "../celigo-vocabulary.ts";

export type JsonObject = Record<string, unknown>;

export interface StoredDocument extends JsonObject {
  _id: string;
  createdAt: string;
  lastModified: string;
}

export interface FlowDocument extends StoredDocument {
  name: string;
  _integrationId?: string;
  disabled?: boolean;
  schedule?: string;
  timezone?: string;
  pageGenerators?: { _exportId: string; schedule?: string; skipRetries?: boolean }[];
  pageProcessors?: { type: "import" | "export"; _importId?: string; _exportId?: string }[];
  lastExecutedAt?: string;
}

export type JobType = (typeof jobTypes)[number];
export type JobStatus = (typeof jobStatuses)[number];

export interface JobDocument extends JsonObject {
  _id: string;
  type: JobType;
  status: JobStatus;
  _integrationId?: string;
  _flowId?: string;
  _flowJobId?: string;
  _exportId?: string;
  _importId?: string;
  oIndex?: number;
  retriable?: boolean;
  startedAt?: string;
  endedAt?: string;
  lastExecutedAt?: string;
  numError: number;
  numResolved: number;
  numOpenError: number;
  numSuccess: number;
  numIgnore: number;
  numPagesGenerated: number;
  doneExporting?: boolean;
  createdAt: string;
  purgeAt: string;
  lastModified: string;
}

/** Whether retrying the record can succeed: the sandbox's own field, read by the retry simulation. */
export type ErrorCause = "transient" | "permanent";

export interface FlowErrorRecord {
  errorId: string;
  _flowId: string;
  /** The export or import of the flow the error belongs to. */
  _stepId: string;
  occurredAt: string;
  source: string;
  code: string;
  message: string;
  traceKey: string;
  oIndex: string;
  retryDataKey: string;
  _flowJobId: string;
  classification: string;
  classifiedBy: string;
  reqAndResKey?: string;
  assignedToEmail?: string;
  tags: string[];
  resolvedAt?: string;
  resolvedBy?: string;
  cause: ErrorCause;
  retryData: JsonObject;
}

export interface AuditEntry {
  _id: string;
  time: string;
  byUser: { _id: string; name: string; email: string };
  source: "ui" | "api" | "connector" | "stack" | "system" | "sso";
  resourceType: string;
  _resourceId: string;
  event: "create" | "update" | "delete";
  fieldChanges: { fieldPath: string; oldValue?: unknown; newValue?: unknown }[];
}

export interface ErrorTemplate {
  code: string;
  message: string;
  source: string;
  classification: string;
  cause: ErrorCause;
  /** Which step fails: the export (page generator) or the import (page processor). */
  step: "export" | "import";
}

/** How a flow's simulated endpoints behave when the flow runs. */
export interface FlowSimulationProfile {
  records: [number, number];
  /** Probability that a run produces record errors. */
  errorRate: number;
  errors: ErrorTemplate[];
  /** Record key prefix used in trace keys, e.g. "#" for Shopify orders. */
  traceKeyPrefix: string;
}

export interface UserIdentity {
  _id: string;
  name: string;
  email: string;
}
