/**
 * integrator.io's closed vocabularies, named once: the REST routes validate against them and
 * the tool schemas offer them as enums. They come from the resource pages of Celigo's API
 * reference, https://developer.celigo.com/api.
 */

export const connectionTypes = [
  "http",
  "rest",
  "netsuite",
  "salesforce",
  "ftp",
  "as2",
  "s3",
  "wrapper",
  "rdbms",
  "mongodb",
  "dynamodb",
  "jdbc",
] as const;

/** Resources that carry their own state keys: `/{resourceType}/{id}/state`. */
export const stateResourceTypes = [
  "integrations",
  "flows",
  "exports",
  "imports",
  "connections",
  "scripts",
  "iClients",
  "filedefinitions",
] as const;

export const jobTypes = ["flow", "export", "import", "retry", "bulk_retry"] as const;

export const jobStatuses = [
  "queued",
  "running",
  "retrying",
  "canceling",
  "completed",
  "failed",
  "canceled",
] as const;

export const errorSources = [
  "application",
  "internal",
  "connection",
  "resource",
  "lookup",
  "transformation",
  "output_filter",
  "input_filter",
  "import_filter",
  "mapping",
  "response_mapping",
  "pre_save_page_hook",
  "pre_map_hook",
  "post_map_hook",
  "post_submit_hook",
  "post_aggregate_hook",
] as const;
