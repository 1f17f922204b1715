import { acmeRetail } from "./acme-retail.ts";
import type { ScenarioDefinition } from "./scenario-definition.ts";

const shopifyNetSuite = acmeRetail.integrations[0];
const threePl = acmeRetail.integrations[3];

/**
 * A small scenario for fast tests: one Shopify - NetSuite integration with two flows (one failing
 * today), the 3PL integration's offline connection, two days of history.
 */
export const small: ScenarioDefinition = {
  ...acmeRetail,
  name: "small",
  historyDays: 2,
  connections: acmeRetail.connections.filter((connection) =>
    ["netsuite", "shopify", "threePl"].includes(connection.key),
  ),
  integrations: [
    {
      ...(shopifyNetSuite ?? { name: "", description: "", flows: [] }),
      flows: (shopifyNetSuite?.flows ?? []).filter(
        (flow) => flow.name.startsWith("Shopify Order") || flow.name.startsWith("Shopify Refund"),
      ),
    },
    {
      ...(threePl ?? { name: "", description: "", flows: [] }),
      flows: (threePl?.flows ?? []).slice(0, 1),
    },
  ],
  users: acmeRetail.users.slice(0, 3),
  tags: acmeRetail.tags.slice(0, 2),
  scripts: acmeRetail.scripts.slice(0, 1),
  iClients: acmeRetail.iClients.slice(0, 1),
  fileDefinitions: acmeRetail.fileDefinitions.slice(0, 1),
  ediProfiles: [],
  licenses: acmeRetail.licenses.slice(0, 1),
  exportState: acmeRetail.exportState,
  auditedChanges: acmeRetail.auditedChanges,
};
