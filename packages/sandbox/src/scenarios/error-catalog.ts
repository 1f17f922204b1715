import type { ErrorTemplate } from "../store/resource-types.ts";

/**
 * Realistic errors of the simulated endpoints. `cause` says whether a retry can succeed:
 * throttling, timeouts and lock conflicts are transient; bad data and references are permanent.
 */
export const errorCatalog = {
  netsuiteInvalidItem: {
    code: "INVALID_KEY_OR_REF",
    message:
      "Invalid item reference key 1187 for order {traceKey}: the Shopify SKU is not mapped to an active NetSuite item.",
    source: "application",
    classification: "value",
    cause: "permanent",
    step: "import",
  },
  netsuiteMissingCustomer: {
    code: "USER_ERROR",
    message:
      "Please enter value(s) for: Customer. Order {traceKey} has no customer that matches its email address.",
    source: "application",
    classification: "missing",
    cause: "permanent",
    step: "import",
  },
  netsuiteDuplicate: {
    code: "DUP_RCRD",
    message:
      "A record with external ID {traceKey} already exists. This record was already imported.",
    source: "application",
    classification: "duplicate",
    cause: "permanent",
    step: "import",
  },
  netsuiteRecordChanged: {
    code: "RCRD_HAS_BEEN_CHANGED",
    message:
      "Record has been changed since you retrieved it: another process updated {traceKey} at the same time.",
    source: "application",
    classification: "intermittent",
    cause: "transient",
    step: "import",
  },
  netsuiteConcurrency: {
    code: "SSS_REQUEST_LIMIT_EXCEEDED",
    message:
      "Request limit exceeded: the NetSuite account's concurrency limit was reached while importing {traceKey}.",
    source: "application",
    classification: "governance",
    cause: "transient",
    step: "import",
  },
  shopifyThrottled: {
    code: "429",
    message:
      "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.",
    source: "connection",
    classification: "governance",
    cause: "transient",
    step: "export",
  },
  shopifyFulfillmentClosed: {
    code: "422",
    message: "Fulfillment order for {traceKey} is closed: all line items are already fulfilled.",
    source: "application",
    classification: "value",
    cause: "permanent",
    step: "import",
  },
  shopifyGatewayTimeout: {
    code: "504",
    message: "Gateway Timeout: Shopify did not answer within 30 seconds while updating {traceKey}.",
    source: "connection",
    classification: "intermittent",
    cause: "transient",
    step: "import",
  },
  shopifyUnknownLocation: {
    code: "422",
    message:
      "Inventory item {traceKey} is not stocked at location 61382705321. Connect the item to the location first.",
    source: "application",
    classification: "missing",
    cause: "permanent",
    step: "import",
  },
  salesforceRowLock: {
    code: "UNABLE_TO_LOCK_ROW",
    message: "unable to obtain exclusive access to this record or 1 records: {traceKey}",
    source: "application",
    classification: "intermittent",
    cause: "transient",
    step: "export",
  },
  netsuiteMissingSubsidiary: {
    code: "USER_ERROR",
    message:
      "Please enter value(s) for: Subsidiary. Opportunity {traceKey} has no Billing Entity mapped to a NetSuite subsidiary.",
    source: "mapping",
    classification: "missing",
    cause: "permanent",
    step: "import",
  },
  amazonQuotaExceeded: {
    code: "QuotaExceeded",
    message:
      "You exceeded your quota for the requested resource (getOrders). Retry after the rate limit resets.",
    source: "connection",
    classification: "governance",
    cause: "transient",
    step: "export",
  },
  amazonInvalidReference: {
    code: "INVALID_KEY_OR_REF",
    message: "Invalid shipmethod reference key 'Amazon Prime 2-Day' for Amazon order {traceKey}.",
    source: "application",
    classification: "value",
    cause: "permanent",
    step: "import",
  },
  threePlMissingColumn: {
    code: "missing_required_field",
    message:
      "Missing required column 'tracking_number' in row for shipment {traceKey} of SHIPCONF file.",
    source: "transformation",
    classification: "parse",
    cause: "permanent",
    step: "export",
  },
  netsuiteServiceUnavailable: {
    code: "503",
    message:
      "Service Unavailable: NetSuite is temporarily unable to process requests (scheduled maintenance) for {traceKey}.",
    source: "connection",
    classification: "intermittent",
    cause: "transient",
    step: "import",
  },
} satisfies Record<string, ErrorTemplate>;
