import type {
  AuditEntry,
  FlowDocument,
  FlowErrorRecord,
  FlowSimulationProfile,
  JobDocument,
  JsonObject,
  StoredDocument,
} from "./resource-types.ts";

/** The collections behind the REST resources that are plain documents. */
export const documentCollections = [
  "integrations",
  "exports",
  "imports",
  "connections",
  "ashares",
  "tags",
  "scripts",
  "iClients",
  "filedefinitions",
  "ediprofiles",
  "licenses",
  "revisions",
] as const;

export type DocumentCollectionName = (typeof documentCollections)[number];

/** Everything one account holds. Maps keep insertion order, which is the order lists answer in. */
export interface AccountData {
  documents: Record<DocumentCollectionName, Map<string, StoredDocument>>;
  flows: Map<string, FlowDocument>;
  jobs: Map<string, JobDocument>;
  /** Child job ids by flow job id (an index over `jobs`). */
  childJobIds: Map<string, string[]>;
  /** Open and resolved errors, by errorId. */
  errors: Map<string, FlowErrorRecord>;
  audit: AuditEntry[];
  globalState: Map<string, unknown>;
  /** Resource-scoped state by `${resourceType}/${resourceId}`. */
  resourceState: Map<string, Map<string, unknown>>;
  scriptLogs: Map<string, JsonObject[]>;
  flowProfiles: Map<string, FlowSimulationProfile>;
  /** Start of the last successful export of each flow, by flow id. */
  lastExportDateTimes: Map<string, string>;
}

export function createEmptyAccountData(): AccountData {
  const documents = Object.fromEntries(
    documentCollections.map((name) => [name, new Map<string, StoredDocument>()]),
  ) as Record<DocumentCollectionName, Map<string, StoredDocument>>;
  return {
    documents,
    flows: new Map(),
    jobs: new Map(),
    childJobIds: new Map(),
    errors: new Map(),
    audit: [],
    globalState: new Map(),
    resourceState: new Map(),
    scriptLogs: new Map(),
    flowProfiles: new Map(),
    lastExportDateTimes: new Map(),
  };
}
