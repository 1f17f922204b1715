import { SeededRandom } from "../scenarios/seeded-random.ts";
import type { Account } from "../store/account.ts";
import type {
  ErrorTemplate,
  FlowDocument,
  FlowErrorRecord,
  FlowSimulationProfile,
  JsonObject,
} from "../store/resource-types.ts";

export interface ErrorDraft {
  stepId: string;
  template: ErrorTemplate;
  traceKey: string;
  oIndex: number;
}

/** What a flow run's simulated endpoints answer, fixed when the export step ends. */
export interface RunOutcome {
  records: number;
  errors: ErrorDraft[];
  /** Steps whose connection is offline: their job fails with a connection error. */
  failedStepIds: string[];
}

const defaultProfile: FlowSimulationProfile = {
  records: [0, 25],
  errorRate: 0,
  errors: [],
  traceKeyPrefix: "REC-",
};

export function connectionFailureTemplate(connection: JsonObject | undefined): ErrorTemplate {
  const type = typeof connection?.type === "string" ? connection.type : "http";
  const host = type === "ftp" ? "sftp.3pl-partner.example:22" : "api.partner.example:443";
  return {
    code: "ETIMEDOUT",
    message: `Connection is offline: connect ETIMEDOUT ${host}. Check the connection's credentials and that the server is reachable, then retry.`,
    source: "connection",
    classification: "connection",
    cause: "transient",
    step: type === "ftp" ? "export" : "import",
  };
}

export function isConnectionOffline(account: Account, stepId: string): boolean {
  const step =
    account.data.documents.exports.get(stepId) ?? account.data.documents.imports.get(stepId);
  const connectionId = step?._connectionId;
  if (typeof connectionId !== "string") return false;
  return account.data.documents.connections.get(connectionId)?.offline === true;
}

export function computeRunOutcome(
  account: Account,
  flow: FlowDocument,
  jobId: string,
  forceErrors: boolean,
): RunOutcome {
  const random = new SeededRandom(`${account.seed}:outcome:${jobId}`);
  const profile = account.data.flowProfiles.get(flow._id) ?? defaultProfile;
  const exportIds = (flow.pageGenerators ?? []).map((generator) => generator._exportId);
  const importIds = (flow.pageProcessors ?? []).flatMap((processor) =>
    processor._importId === undefined ? [] : [processor._importId],
  );
  const failedStepIds = [...exportIds, ...importIds].filter((stepId) =>
    isConnectionOffline(account, stepId),
  );
  const failedExport = exportIds.find((stepId) => failedStepIds.includes(stepId));
  if (failedExport !== undefined) {
    const connection = connectionOf(account, failedExport);
    return {
      records: 0,
      errors: [
        {
          stepId: failedExport,
          template: { ...connectionFailureTemplate(connection), step: "export" },
          traceKey: "",
          oIndex: 0,
        },
      ],
      failedStepIds,
    };
  }
  const records = random.integer(profile.records[0], profile.records[1]);
  const errors: ErrorDraft[] = [];
  for (const stepId of failedStepIds) {
    errors.push({
      stepId,
      template: { ...connectionFailureTemplate(connectionOf(account, stepId)), step: "import" },
      traceKey: "",
      oIndex: 0,
    });
  }
  const wantsErrors = forceErrors || random.chance(profile.errorRate);
  if (failedStepIds.length === 0 && wantsErrors && profile.errors.length > 0 && records > 0) {
    const count = random.integer(1, Math.min(4, records));
    for (let index = 0; index < count; index++) {
      const template = random.pick(profile.errors);
      const stepId = template.step === "export" ? exportIds[0] : random.pick(importIds);
      if (stepId === undefined) continue;
      const recordNumber = random.integer(1000, 99999);
      errors.push({
        stepId,
        template,
        traceKey: `${profile.traceKeyPrefix}${recordNumber}`,
        oIndex: random.integer(0, records - 1),
      });
    }
  }
  return { records, errors, failedStepIds };
}

function connectionOf(account: Account, stepId: string): JsonObject | undefined {
  const step =
    account.data.documents.exports.get(stepId) ?? account.data.documents.imports.get(stepId);
  const connectionId = step?._connectionId;
  return typeof connectionId === "string"
    ? account.data.documents.connections.get(connectionId)
    : undefined;
}

/** Stores an open error for a draft, as Error Management 2.0 would show it. */
export function recordError(
  account: Account,
  flowId: string,
  flowJobId: string,
  draft: ErrorDraft,
  atMs: number,
): FlowErrorRecord {
  const random = new SeededRandom(
    `${account.seed}:error:${flowJobId}:${draft.stepId}:${draft.oIndex}:${draft.traceKey}`,
  );
  const message = draft.template.message.replaceAll("{traceKey}", draft.traceKey);
  const error: FlowErrorRecord = {
    errorId: account.newId(atMs),
    _flowId: flowId,
    _stepId: draft.stepId,
    occurredAt: new Date(atMs).toISOString(),
    source: draft.template.source,
    code: draft.template.code,
    message,
    traceKey: draft.traceKey,
    oIndex: String(draft.oIndex),
    retryDataKey: random.hex(32),
    _flowJobId: flowJobId,
    classification: draft.template.classification,
    classifiedBy: "autopilot",
    tags: [],
    cause: draft.template.cause,
    retryData: { id: draft.traceKey, recordIndex: draft.oIndex },
  };
  if (draft.template.source === "application") {
    error.reqAndResKey = `${random.integer(1e12, 9e12)}-${random.hex(32)}-${draft.template.code === "429" ? 429 : 400}-POST`;
  }
  account.data.errors.set(error.errorId, error);
  return error;
}
