import { errorCatalog as e } from "./error-catalog.ts";
import type { ScenarioDefinition, StepSpec } from "./scenario-definition.ts";

const shopifyOrders = (name: string, relativeURI: string): StepSpec => ({
  name,
  connection: "shopify",
  adaptorType: "HTTPExport",
  settings: {
    type: "delta",
    http: { method: "GET", relativeURI, successMediaType: "json" },
    delta: { dateField: "updated_at" },
  },
});
const netsuiteExport = (name: string, recordType: string, savedSearchId: string): StepSpec => ({
  name,
  connection: "netsuite",
  adaptorType: "NetSuiteExport",
  settings: {
    type: "delta",
    netsuite: { type: "restlet", restlet: { recordType, searchId: savedSearchId } },
  },
});
const netsuiteImport = (
  name: string,
  recordType: string,
  operation: "add" | "addupdate" | "update",
): StepSpec => ({
  name,
  connection: "netsuite",
  adaptorType: "NetSuiteDistributedImport",
  settings: { distributed: true, netsuite_da: { recordType, operation } },
});
const httpImport = (
  name: string,
  connection: string,
  method: string,
  relativeURI: string,
): StepSpec => ({
  name,
  connection,
  adaptorType: "HTTPImport",
  settings: { http: { method: [method], relativeURI: [relativeURI], requestMediaType: "json" } },
});

/** The default scenario: a mid-size retailer running Shopify, Salesforce, Amazon and a 3PL into NetSuite. */
export const acmeRetail: ScenarioDefinition = {
  name: "acme-retail",
  historyDays: 7,
  owner: { name: "Jordan Lee", email: "jordan.lee@acme-retail.example" },
  connections: [
    {
      key: "netsuite",
      name: "NetSuite Production (TBA)",
      type: "netsuite",
      settings: {
        account: "4812345",
        environment: "production",
        authType: "token-auto",
        roleId: "3",
      },
    },
    {
      key: "shopify",
      name: "Shopify - acme-retail.myshopify.com",
      type: "http",
      settings: {
        baseURI: "https://acme-retail.myshopify.com/admin/api/2024-07",
        mediaType: "json",
        auth: { type: "oauth" },
        _httpConnectorId: "shopify",
      },
    },
    {
      key: "salesforce",
      name: "Salesforce Production",
      type: "salesforce",
      settings: {
        sandbox: false,
        oauth2FlowType: "refreshToken",
        baseURI: "https://acme-retail.my.salesforce.com",
      },
    },
    {
      key: "amazon",
      name: "Amazon Seller Central (US)",
      type: "http",
      settings: {
        baseURI: "https://sellingpartnerapi-na.amazon.com",
        mediaType: "json",
        auth: { type: "oauth" },
        _httpConnectorId: "amazon-sp-api",
      },
    },
    {
      key: "threePl",
      name: "ShipRight 3PL SFTP",
      type: "ftp",
      settings: {
        type: "sftp",
        hostURI: "sftp.shipright-3pl.example",
        port: 22,
        username: "acme_retail",
      },
      offlineHoursBeforeMidnight: 9,
    },
  ],
  integrations: [
    {
      name: "Shopify - NetSuite",
      description:
        "Orders, customers, fulfillments, inventory and items between the Shopify store and NetSuite.",
      flows: [
        {
          name: "Shopify Order to NetSuite Sales Order",
          schedule: "? 0,30 * ? * *",
          timezone: "America/Chicago",
          export: shopifyOrders("Get Shopify Orders", "/orders.json?status=any"),
          imports: [
            netsuiteImport("Add NetSuite Sales Order", "salesorder", "add"),
            httpImport(
              "Tag Shopify Order as Synced",
              "shopify",
              "PUT",
              "/orders/{{record.id}}.json",
            ),
          ],
          records: [5, 60],
          errorRate: 0.12,
          traceKeyPrefix: "#",
          errors: [
            e.netsuiteInvalidItem,
            e.netsuiteMissingCustomer,
            e.netsuiteDuplicate,
            e.netsuiteRecordChanged,
            e.netsuiteConcurrency,
            e.shopifyThrottled,
          ],
          failsToday: true,
          failsYesterday: true,
        },
        {
          name: "NetSuite Fulfillment to Shopify Fulfillment",
          schedule: "? 15 */2 ? * *",
          timezone: "America/Chicago",
          export: netsuiteExport(
            "Get NetSuite Item Fulfillments",
            "itemfulfillment",
            "customsearch_celigo_shopify_fulfillments",
          ),
          imports: [
            httpImport("Create Shopify Fulfillment", "shopify", "POST", "/fulfillments.json"),
          ],
          records: [2, 40],
          errorRate: 0.1,
          traceKeyPrefix: "IF",
          errors: [e.shopifyFulfillmentClosed, e.shopifyGatewayTimeout],
          failsToday: true,
        },
        {
          name: "NetSuite Inventory to Shopify Inventory Levels",
          schedule: "? 5 * ? * *",
          export: netsuiteExport(
            "Get NetSuite Inventory Changes",
            "inventoryitem",
            "customsearch_celigo_shopify_inventory",
          ),
          imports: [
            httpImport(
              "Set Shopify Inventory Level",
              "shopify",
              "POST",
              "/inventory_levels/set.json",
            ),
          ],
          records: [20, 300],
          errorRate: 0.05,
          traceKeyPrefix: "SKU-",
          errors: [e.shopifyUnknownLocation, e.shopifyGatewayTimeout],
        },
        {
          name: "Shopify Customer to NetSuite Customer",
          schedule: "? 0 */4 ? * *",
          export: shopifyOrders("Get Shopify Customers", "/customers.json"),
          imports: [netsuiteImport("Add or Update NetSuite Customer", "customer", "addupdate")],
          records: [0, 30],
          errorRate: 0.04,
          traceKeyPrefix: "C",
          errors: [e.netsuiteDuplicate, e.netsuiteRecordChanged],
        },
        {
          name: "NetSuite Item to Shopify Product",
          schedule: "? 0 6 ? * *",
          export: netsuiteExport(
            "Get NetSuite Items",
            "inventoryitem",
            "customsearch_celigo_shopify_items",
          ),
          imports: [
            httpImport(
              "Create or Update Shopify Product",
              "shopify",
              "PUT",
              "/products/{{record.shopifyId}}.json",
            ),
          ],
          records: [0, 15],
          errorRate: 0.1,
          traceKeyPrefix: "ITEM-",
          errors: [e.shopifyGatewayTimeout],
        },
        {
          name: "Shopify Refund to NetSuite Credit Memo",
          schedule: "? 30 */6 ? * *",
          disabled: true,
          export: shopifyOrders("Get Shopify Refunds", "/orders/refunds.json"),
          imports: [netsuiteImport("Add NetSuite Credit Memo", "creditmemo", "add")],
          records: [0, 8],
          errorRate: 0.2,
          traceKeyPrefix: "#",
          errors: [e.netsuiteInvalidItem],
        },
      ],
    },
    {
      name: "Salesforce - NetSuite",
      description:
        "Closed-won opportunities become NetSuite sales orders; customers and invoices stay in sync.",
      flows: [
        {
          name: "Salesforce Opportunity to NetSuite Sales Order",
          schedule: "? 20 */2 ? * *",
          export: {
            name: "Get Closed Won Opportunities",
            connection: "salesforce",
            adaptorType: "SalesforceExport",
            settings: {
              type: "delta",
              salesforce: {
                sObjectType: "Opportunity",
                soql: {
                  query:
                    "SELECT Id, Name, AccountId, Amount FROM Opportunity WHERE StageName = 'Closed Won'",
                },
              },
            },
          },
          imports: [
            netsuiteImport("Add NetSuite Sales Order from Opportunity", "salesorder", "add"),
          ],
          records: [0, 12],
          errorRate: 0.15,
          traceKeyPrefix: "006Hs00000",
          errors: [e.netsuiteMissingSubsidiary, e.salesforceRowLock, e.netsuiteServiceUnavailable],
          failsYesterday: true,
        },
        {
          name: "Salesforce Account to NetSuite Customer",
          schedule: "? 40 */4 ? * *",
          export: {
            name: "Get Salesforce Accounts",
            connection: "salesforce",
            adaptorType: "SalesforceExport",
            settings: { type: "delta", salesforce: { sObjectType: "Account" } },
          },
          imports: [
            netsuiteImport("Add or Update NetSuite Customer from Account", "customer", "addupdate"),
          ],
          records: [0, 20],
          errorRate: 0.05,
          traceKeyPrefix: "001Hs00000",
          errors: [e.netsuiteDuplicate],
        },
        {
          name: "NetSuite Invoice to Salesforce Invoice",
          schedule: "? 0 2 ? * *",
          export: netsuiteExport(
            "Get NetSuite Invoices",
            "invoice",
            "customsearch_celigo_sf_invoices",
          ),
          imports: [
            {
              name: "Upsert Salesforce Invoice",
              connection: "salesforce",
              adaptorType: "SalesforceImport",
              settings: {
                salesforce: {
                  sObjectType: "Invoice__c",
                  operation: "upsert",
                  upsert: { externalIdField: "NetSuite_Id__c" },
                },
              },
            },
          ],
          records: [5, 50],
          errorRate: 0.05,
          traceKeyPrefix: "INV",
          errors: [e.salesforceRowLock],
        },
        {
          name: "NetSuite Payment to Salesforce Opportunity Payment Status",
          export: netsuiteExport(
            "Get NetSuite Customer Payments",
            "customerpayment",
            "customsearch_celigo_sf_payments",
          ),
          imports: [
            {
              name: "Update Salesforce Opportunity Payment Status",
              connection: "salesforce",
              adaptorType: "SalesforceImport",
              settings: { salesforce: { sObjectType: "Opportunity", operation: "update" } },
            },
          ],
          records: [0, 10],
          errorRate: 0,
          traceKeyPrefix: "PMT",
          errors: [],
        },
      ],
    },
    {
      name: "Amazon Seller Central - NetSuite",
      description: "Amazon orders into NetSuite and shipment confirmations back to Amazon.",
      flows: [
        {
          name: "Amazon Seller Central Orders to NetSuite",
          schedule: "? 45 * ? * *",
          export: {
            name: "Get Amazon Orders",
            connection: "amazon",
            adaptorType: "HTTPExport",
            settings: {
              type: "delta",
              http: {
                method: "GET",
                relativeURI: "/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER",
              },
            },
          },
          imports: [
            netsuiteImport("Add NetSuite Sales Order from Amazon Order", "salesorder", "add"),
          ],
          records: [3, 45],
          errorRate: 0.08,
          traceKeyPrefix: "113-",
          errors: [e.amazonQuotaExceeded, e.amazonInvalidReference, e.netsuiteConcurrency],
          failsToday: true,
        },
        {
          name: "NetSuite Fulfillment to Amazon Shipment Confirmation",
          schedule: "? 50 */3 ? * *",
          export: netsuiteExport(
            "Get NetSuite Amazon Fulfillments",
            "itemfulfillment",
            "customsearch_celigo_amazon_fulfillments",
          ),
          imports: [
            httpImport(
              "Confirm Amazon Shipment",
              "amazon",
              "POST",
              "/orders/v0/orders/{{record.amazonOrderId}}/shipmentConfirmation",
            ),
          ],
          records: [2, 30],
          errorRate: 0.05,
          traceKeyPrefix: "113-",
          errors: [e.amazonQuotaExceeded],
        },
      ],
    },
    {
      name: "3PL Warehouse (SFTP)",
      description:
        "Order files to the ShipRight 3PL and shipment confirmations back into NetSuite, over SFTP.",
      flows: [
        {
          name: "3PL Shipment Confirmations (SFTP) to NetSuite",
          schedule: "? 0 */3 ? * *",
          export: {
            name: "Get 3PL Shipment Confirmation Files",
            connection: "threePl",
            adaptorType: "FTPExport",
            settings: {
              type: "all",
              ftp: { directoryPath: "/outbound/shipconf", fileNameStartsWith: "SHIPCONF_" },
              file: { type: "csv" },
            },
          },
          imports: [
            netsuiteImport("Add NetSuite Item Fulfillment from 3PL", "itemfulfillment", "add"),
          ],
          records: [0, 25],
          errorRate: 0.1,
          traceKeyPrefix: "SO",
          errors: [e.threePlMissingColumn, e.netsuiteRecordChanged],
          failsToday: true,
        },
        {
          name: "NetSuite Sales Orders to 3PL Order File (SFTP)",
          schedule: "? 30 */3 ? * *",
          export: netsuiteExport(
            "Get NetSuite Orders to Ship",
            "salesorder",
            "customsearch_celigo_3pl_orders",
          ),
          imports: [
            {
              name: "Write 3PL Order File",
              connection: "threePl",
              adaptorType: "FTPImport",
              settings: {
                ftp: { directoryPath: "/inbound/orders", fileName: "ORDERS_{{timestamp}}.csv" },
                file: { type: "csv" },
              },
            },
          ],
          records: [5, 60],
          errorRate: 0,
          traceKeyPrefix: "SO",
          errors: [],
        },
      ],
    },
  ],
  users: [
    {
      name: "Priya Raman",
      email: "priya.raman@acme-retail.example",
      accessLevel: "administrator",
      accepted: true,
    },
    {
      name: "Marcus Chen",
      email: "marcus.chen@acme-retail.example",
      accessLevel: "manage",
      accepted: true,
    },
    {
      name: "Dana Whitfield",
      email: "dana.whitfield@acme-retail.example",
      accessLevel: "monitor",
      accepted: true,
    },
    {
      name: "Luis Ortega",
      email: "luis.ortega@acme-retail.example",
      integrations: {
        "Shopify - NetSuite": "monitor",
        "Amazon Seller Central - NetSuite": "manage",
      },
      accepted: true,
    },
    {
      name: "Sam Okafor",
      email: "sam.okafor@acme-retail.example",
      accessLevel: "monitor",
      accepted: false,
    },
  ],
  tags: ["Critical", "Finance", "Needs Review", "Known Issue"],
  globalState: {
    shopify_order_sync: { ordersSynced: 18342, store: "acme-retail.myshopify.com" },
    netsuite_inventory_cursor: { lastInternalId: 88412, locationId: "3" },
  },
  exportState: [
    {
      exportName: "Get Shopify Orders",
      key: "lastProcessedOrderId",
      value: { id: 5823104957, name: "#10422" },
    },
  ],
  scripts: [
    {
      name: "Shopify Order preMap",
      description: "Splits bundle SKUs into components before mapping.",
      function: "preMap",
      content:
        "function preMap(options) {\n  return options.data.map((order) => ({ data: order }));\n}\n",
      logs: [
        "preMap processed 42 records",
        "ERROR Bundle SKU KIT-204 has no component list",
        "preMap processed 17 records",
      ],
    },
    {
      name: "NetSuite Fulfillment postSubmit",
      description: "Writes the Shopify fulfillment id back to NetSuite.",
      function: "postSubmit",
      content: "function postSubmit(options) {\n  return options.responseData;\n}\n",
      logs: ["postSubmit handled 12 responses"],
    },
  ],
  iClients: [
    {
      name: "Shopify Custom App",
      provider: "shopify",
      oauth2: {
        clientId: "a7c1f2e9b3d4",
        scopes: ["read_orders", "write_fulfillments", "write_inventory"],
      },
      published: false,
    },
    {
      name: "Salesforce Connected App",
      provider: "salesforce",
      oauth2: { clientId: "3MVG9xQ7a1b2c3d4", scopes: ["api", "refresh_token"] },
      published: false,
    },
  ],
  fileDefinitions: [
    {
      name: "3PL Shipment Confirmation CSV",
      description: "ShipRight SHIPCONF files",
      format: "delimited",
      delimited: { rowDelimiter: "\n", colDelimiter: "," },
      rules: [
        { name: "order_number", required: true },
        { name: "tracking_number", required: true },
        { name: "carrier" },
      ],
    },
    {
      name: "Amazon 856 ASN",
      description: "X12 856 advance ship notice",
      format: "delimited/edifact",
      x12: { version: "004010", transactionSet: "856" },
      rules: [],
    },
  ],
  ediProfiles: [
    {
      name: "Amazon Vendor Central X12",
      interchangeControlVersion: "00401",
      ISA: { senderId: "ACMERETAIL", receiverId: "AMAZON" },
    },
  ],
  licenses: [
    {
      type: "endpoint",
      tier: "professional",
      numEndpoints: 10,
      numFlows: 50,
      expires: "2027-01-31T00:00:00.000Z",
      sandbox: false,
    },
    {
      type: "connector",
      _connectorId: "shopify-netsuite",
      edition: "premium",
      expires: "2026-12-31T00:00:00.000Z",
      opts: { addOns: ["multi-store"] },
    },
  ],
  auditedChanges: [
    {
      flowName: "Shopify Order to NetSuite Sales Order",
      daysAgo: 3,
      fieldPath: "schedule",
      oldValue: "? 0 * ? * *",
      newValue: "? 0,30 * ? * *",
    },
    {
      flowName: "Shopify Refund to NetSuite Credit Memo",
      daysAgo: 2,
      fieldPath: "disabled",
      oldValue: false,
      newValue: true,
    },
  ],
};
