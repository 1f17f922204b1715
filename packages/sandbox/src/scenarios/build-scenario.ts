import type { Account } from "../store/account.ts";
import { recordAudit } from "../store/audit-log.ts";
import type {
  AuditEntry,
  FlowDocument,
  JsonObject,
  StoredDocument,
} from "../store/resource-types.ts";
import type { ScenarioDefinition, StepSpec } from "./scenario-definition.ts";
import { generateHistory } from "./scenario-history.ts";
import { SeededRandom } from "./seeded-random.ts";

const dayMs = 24 * 60 * 60 * 1000;

/** Fills an empty account from a scenario definition; the same account seed gives the same bytes. */
export function buildScenario(account: Account, definition: ScenarioDefinition): void {
  const nowMs = account.startMs;
  const random = new SeededRandom(`scenario:${account.seed}`);
  const { documents } = account.data;
  /** A creation time between `maxDays` and `minDays` days ago, on a whole second. */
  const pastTime = (minDays: number, maxDays: number): number =>
    Math.floor((nowMs - (minDays + random.next() * (maxDays - minDays)) * dayMs) / 1000) * 1000;
  const store = (
    collection: keyof typeof documents,
    fields: JsonObject,
    atMs: number,
  ): StoredDocument => {
    const time = new Date(atMs).toISOString();
    const document: StoredDocument = {
      _id: account.newId(atMs),
      ...fields,
      createdAt: time,
      lastModified: time,
    };
    documents[collection].set(document._id, document);
    audit(account, collection, document._id, "create", atMs, []);
    return document;
  };

  const connectionIds = new Map<string, string>();
  for (const spec of definition.connections) {
    const connection = store(
      "connections",
      {
        type: spec.type,
        name: spec.name,
        [spec.type]: spec.settings,
        queues: [{ name: spec.key, size: 0 }],
        sandbox: false,
      },
      pastTime(90, 180),
    );
    if (spec.offlineHoursBeforeMidnight !== undefined) connection.offline = true;
    connectionIds.set(spec.key, connection._id);
  }
  const connectionId = (key: string): string => {
    const id = connectionIds.get(key);
    if (id === undefined)
      throw new Error(`Scenario ${definition.name}: unknown connection "${key}".`);
    return id;
  };
  const step = (
    collection: "exports" | "imports",
    spec: StepSpec,
    integrationId: string,
    atMs: number,
  ) =>
    store(
      collection,
      {
        name: spec.name,
        _connectionId: connectionId(spec.connection),
        _integrationId: integrationId,
        adaptorType: spec.adaptorType,
        ...spec.settings,
      },
      atMs,
    );

  const integrationIds = new Map<string, string>();
  for (const integrationSpec of definition.integrations) {
    const createdMs = pastTime(60, 90);
    const integration = store(
      "integrations",
      {
        name: integrationSpec.name,
        description: integrationSpec.description,
        readme: `# ${integrationSpec.name}\n\n${integrationSpec.description}`,
        sandbox: false,
        _registeredConnectionIds: [] as string[],
      },
      createdMs,
    );
    integrationIds.set(integrationSpec.name, integration._id);
    const registered = new Set<string>();
    for (const flowSpec of integrationSpec.flows) {
      const flowCreatedMs = createdMs + random.integer(1, 20) * 3600_000;
      const exportDocument = step("exports", flowSpec.export, integration._id, flowCreatedMs);
      const importDocuments = flowSpec.imports.map((importSpec) =>
        step("imports", importSpec, integration._id, flowCreatedMs),
      );
      registered.add(flowSpec.export.connection);
      for (const importSpec of flowSpec.imports) registered.add(importSpec.connection);
      const time = new Date(flowCreatedMs).toISOString();
      const flow: FlowDocument = {
        _id: account.newId(flowCreatedMs),
        name: flowSpec.name,
        disabled: flowSpec.disabled ?? false,
        ...(flowSpec.schedule === undefined
          ? {}
          : { schedule: flowSpec.schedule, timezone: flowSpec.timezone ?? "UTC" }),
        _integrationId: integration._id,
        skipRetries: false,
        pageGenerators: [{ _exportId: exportDocument._id, skipRetries: false }],
        pageProcessors: importDocuments.map((document) => ({
          type: "import" as const,
          _importId: document._id,
          responseMapping: { fields: [], lists: [] },
        })),
        createdAt: time,
        lastModified: time,
        free: false,
      };
      account.data.flows.set(flow._id, flow);
      audit(account, "flows", flow._id, "create", flowCreatedMs, []);
      account.data.flowProfiles.set(flow._id, {
        records: flowSpec.records,
        errorRate: flowSpec.errorRate,
        errors: flowSpec.errors,
        traceKeyPrefix: flowSpec.traceKeyPrefix,
      });
    }
    integration._registeredConnectionIds = [...registered].map(connectionId);
  }

  for (const user of definition.users) {
    const sharedUserId = account.newId(pastTime(30, 60));
    const integrationAccessLevel = Object.entries(user.integrations ?? {}).map(
      ([name, accessLevel]) => ({
        _integrationId: integrationIds.get(name) ?? "",
        accessLevel,
      }),
    );
    store(
      "ashares",
      {
        ...(user.accessLevel === undefined ? {} : { accessLevel: user.accessLevel }),
        integrationAccessLevel,
        accepted: user.accepted,
        sharedWithUser: { _id: sharedUserId, email: user.email, name: user.name },
      },
      pastTime(20, 60),
    );
  }
  for (const tag of definition.tags) store("tags", { tag }, pastTime(10, 40));
  for (const script of definition.scripts) {
    const document = store(
      "scripts",
      {
        name: script.name,
        description: script.description,
        function: script.function,
        content: script.content,
      },
      pastTime(30, 80),
    );
    account.data.scriptLogs.set(
      document._id,
      script.logs.map((message, index) => ({
        time: new Date(
          Math.floor((nowMs - (index + 1) * 3_600_000 * random.integer(1, 5)) / 1000) * 1000,
        ).toISOString(),
        level: message.startsWith("ERROR") ? "error" : "info",
        message: message.replace(/^ERROR /, ""),
      })),
    );
  }
  for (const iClient of definition.iClients) store("iClients", iClient, pastTime(100, 200));
  for (const fileDefinition of definition.fileDefinitions)
    store("filedefinitions", fileDefinition, pastTime(50, 100));
  for (const ediProfile of definition.ediProfiles)
    store("ediprofiles", ediProfile, pastTime(50, 100));
  for (const license of definition.licenses) {
    const id = account.newId(pastTime(300, 400));
    documents.licenses.set(id, {
      _id: id,
      ...license,
      createdAt: new Date(nowMs - 365 * dayMs).toISOString(),
      lastModified: new Date(nowMs - 30 * dayMs).toISOString(),
    });
  }
  for (const [key, value] of Object.entries(definition.globalState))
    account.data.globalState.set(key, value);
  for (const entry of definition.exportState) {
    const exportDocument = [...documents.exports.values()].find(
      (document) => document.name === entry.exportName,
    );
    if (exportDocument === undefined) continue;
    const stateKey = `exports/${exportDocument._id}`;
    const state = account.data.resourceState.get(stateKey) ?? new Map<string, unknown>();
    state.set(entry.key, entry.value);
    account.data.resourceState.set(stateKey, state);
  }
  for (const change of definition.auditedChanges) {
    const flow = [...account.data.flows.values()].find(
      (candidate) => candidate.name === change.flowName,
    );
    if (flow === undefined) continue;
    const atMs = Math.floor((nowMs - change.daysAgo * dayMs) / 1000) * 1000;
    audit(account, "flows", flow._id, "update", atMs, [
      { fieldPath: change.fieldPath, oldValue: change.oldValue, newValue: change.newValue },
    ]);
    flow.lastModified = new Date(atMs).toISOString();
  }

  generateHistory(account, definition, connectionIds);
  account.data.audit.sort((a, b) => a.time.localeCompare(b.time) || a._id.localeCompare(b._id));
}

function audit(
  account: Account,
  collection: string,
  resourceId: string,
  event: AuditEntry["event"],
  atMs: number,
  fieldChanges: AuditEntry["fieldChanges"],
): void {
  recordAudit(account, { collection, resourceId, event, atMs, fieldChanges, source: "ui" });
}
