import type { Account } from "../store/account.ts";
import type { FlowDocument, StoredDocument } from "../store/resource-types.ts";

export type DependencyMap = Record<string, { id: string; name: string }[]>;

const reference = (document: StoredDocument | FlowDocument) => ({
  id: document._id,
  name: String(document.name ?? ""),
});

export function flowExportIds(flow: FlowDocument): string[] {
  return (flow.pageGenerators ?? []).map((generator) => generator._exportId);
}

export function flowImportIds(flow: FlowDocument): string[] {
  return (flow.pageProcessors ?? []).flatMap((processor) =>
    processor.type === "import" && processor._importId !== undefined ? [processor._importId] : [],
  );
}

/** Connections used by a flow's exports and imports. */
export function flowConnectionIds(account: Account, flow: FlowDocument): string[] {
  const { exports, imports } = account.data.documents;
  const steps = [
    ...flowExportIds(flow).map((id) => exports.get(id)),
    ...flowImportIds(flow).map((id) => imports.get(id)),
  ];
  return [
    ...new Set(
      steps.flatMap((step) =>
        typeof step?._connectionId === "string" ? [step._connectionId] : [],
      ),
    ),
  ];
}

/**
 * Resources using or used by a resource, as `GET /{type}/{id}/dependencies` answers:
 * `{"<resourceType>": [{id, name}]}`, `{}` when there are none. The real payload carries
 * more detail per entry; the sandbox keeps id and name.
 */
export function dependenciesOf(account: Account, resourceType: string, id: string): DependencyMap {
  const { documents, flows } = account.data;
  const flowList = [...flows.values()];
  const result: DependencyMap = {};
  const add = (type: string, items: (StoredDocument | FlowDocument | undefined)[]) => {
    const present = items.filter(
      (item): item is StoredDocument | FlowDocument => item !== undefined,
    );
    const unique = [...new Map(present.map((item) => [item._id, item])).values()];
    if (unique.length > 0) result[type] = unique.map(reference);
  };
  const integrationsOf = (items: { _integrationId?: unknown }[]) =>
    items.map((item) =>
      typeof item._integrationId === "string"
        ? documents.integrations.get(item._integrationId)
        : undefined,
    );
  if (resourceType === "flows") {
    const flow = flows.get(id);
    if (flow === undefined) return result;
    add(
      "exports",
      flowExportIds(flow).map((stepId) => documents.exports.get(stepId)),
    );
    add(
      "imports",
      flowImportIds(flow).map((stepId) => documents.imports.get(stepId)),
    );
    add(
      "connections",
      flowConnectionIds(account, flow).map((connectionId) =>
        documents.connections.get(connectionId),
      ),
    );
    add("integrations", integrationsOf([flow]));
  } else if (resourceType === "exports" || resourceType === "imports") {
    const step = documents[resourceType].get(id);
    if (step === undefined) return result;
    const using = flowList.filter((flow) =>
      (resourceType === "exports" ? flowExportIds(flow) : flowImportIds(flow)).includes(id),
    );
    add("flows", using);
    add("integrations", integrationsOf(using));
    add("connections", [
      typeof step._connectionId === "string"
        ? documents.connections.get(step._connectionId)
        : undefined,
    ]);
  } else if (resourceType === "connections") {
    const usesConnection = (step: StoredDocument) => step._connectionId === id;
    const exports = [...documents.exports.values()].filter(usesConnection);
    const imports = [...documents.imports.values()].filter(usesConnection);
    const using = flowList.filter((flow) => flowConnectionIds(account, flow).includes(id));
    add("exports", exports);
    add("imports", imports);
    add("flows", using);
    const registeredIn = [...documents.integrations.values()].filter((integration) =>
      (integration._registeredConnectionIds as string[] | undefined)?.includes(id),
    );
    add("integrations", [...integrationsOf(using), ...registeredIn]);
  } else if (resourceType === "integrations") {
    const own = flowList.filter((flow) => flow._integrationId === id);
    add("flows", own);
    add(
      "exports",
      own.flatMap((flow) => flowExportIds(flow).map((stepId) => documents.exports.get(stepId))),
    );
    add(
      "imports",
      own.flatMap((flow) => flowImportIds(flow).map((stepId) => documents.imports.get(stepId))),
    );
    add(
      "connections",
      own.flatMap((flow) =>
        flowConnectionIds(account, flow).map((connectionId) =>
          documents.connections.get(connectionId),
        ),
      ),
    );
  }
  return result;
}
