/**
 * Names and descriptions of Composio's Celigo toolkit (version 20260506_00), word for word from its
 * published tool list. The input schemas are not public; each tool file designs its own.
 */
export interface ToolCatalogEntry {
  name: string;
  description: string;
}

export const celigoToolCatalog = {
  CELIGO_ASSIGN_EXPORT_ERROR: {
    name: "Assign Export Error",
    description:
      "Tool to assign an export error to a user in Celigo. Use when you need to assign responsibility for fixing or reviewing integration errors to a specific team member.",
  },
  CELIGO_CLONE_EXPORT: {
    name: "Clone Export",
    description:
      "Tool to clone a specific export to create a copy. Use when you need to duplicate an existing export configuration with new or same connection mappings.",
  },
  CELIGO_CLONE_FLOW: {
    name: "Clone Flow",
    description:
      "Tool to clone a specific flow to create a copy. Use when you need to duplicate an existing flow configuration to a different integration.",
  },
  CELIGO_CLONE_IMPORT: {
    name: "Clone Import",
    description:
      "Tool to clone a specific import to create a copy with remapped connections. Use when you need to duplicate an existing import configuration with different connection IDs.",
  },
  CELIGO_CLONE_INTEGRATION: {
    name: "Clone Integration",
    description:
      "Tool to clone a specific integration to create a copy. Use when you need to duplicate an existing integration and all its flows.",
  },
  CELIGO_CREATE_CONNECTION: {
    name: "Create Connection",
    description:
      "Tool to create a new connection in Celigo to store credentials and application access information. Use when you need to set up a new API connection, configure authentication, or establish integration endpoints. Supports multiple connection types including REST, FTP, Salesforce, and NetSuite.",
  },
  CELIGO_CREATE_EXPORT: {
    name: "Create Export",
    description:
      "Tool to create a new export in Celigo for extracting data from an application. Use when you need to set up a new data export configuration, such as webhook exports, delta exports, or test exports.",
  },
  CELIGO_CREATE_FILE_DEFINITION: {
    name: "Create File Definition",
    description:
      "Tool to create a file definition in Celigo for defining data file structure and format. Use when you need to specify how data files should be structured for import or export operations. Supports both fixed-width and delimited (CSV-style) file formats.",
  },
  CELIGO_CREATE_FLOW: {
    name: "Create Flow",
    description:
      "Tool to create a new flow in Celigo that composes export and import components together. Use when you need to establish a data integration pipeline between systems. A flow connects a source (export) to a destination (import) and can be scheduled or triggered on-demand.",
  },
  CELIGO_CREATE_I_CLIENT: {
    name: "Create iClient",
    description:
      "Tool to create a new iClient for SmartConnector authentication in Celigo. Use when you need to set up authentication credentials for connecting to external APIs. iClients store provider-specific authentication data required for API integrations.",
  },
  CELIGO_CREATE_IMPORT: {
    name: "Create Import",
    description:
      "Tool to create a new import for inserting data into an application. Use when you need to set up a data import configuration with HTTP endpoint details.",
  },
  CELIGO_CREATE_INTEGRATION: {
    name: "Create Integration",
    description:
      "Tool to create a new integration in Celigo to group flows together. Use when you need to organize related flows under a single integration container for better management and structure.",
  },
  CELIGO_CREATE_INTEGRATION_REVISION: {
    name: "Create Integration Revision",
    description:
      "Tool to create a snapshot revision of a specific integration. Use when you need to capture the current state of an integration for version control or backup purposes.",
  },
  CELIGO_CREATE_SCRIPT: {
    name: "Create Script",
    description:
      "Tool to create a new custom JavaScript script in Celigo for data transformation operations. Use when you need to add a script for custom data processing, validation, or transformation logic.",
  },
  CELIGO_CREATE_TAG: {
    name: "Create Tag",
    description:
      "Tool to create a new tag in Celigo for organizing and categorizing resources. Use when you need to create a tag that can be applied to integrations, flows, or other Celigo resources.",
  },
  CELIGO_DELETE_ALL_RESOURCE_STATE: {
    name: "Delete All Resource State",
    description:
      "Tool to delete all state keys and values stored under a specific resource. Use when you need to clear all state data for a resource. This is a destructive operation - be careful!",
  },
  CELIGO_DELETE_ALL_STATE: {
    name: "Delete All State",
    description:
      "Tool to delete all global state keys and values in Celigo. Use when you need to clear all stored state data. WARNING: This operation is destructive and irreversible - it removes ALL global state keys and values from the account.",
  },
  CELIGO_DELETE_CONNECTION: {
    name: "Delete Connection",
    description:
      "Tool to delete a specific connection in Celigo. Use when you need to permanently remove a connection from your integration. Returns success status on completion.",
  },
  CELIGO_DELETE_EXPORT: {
    name: "Delete Export",
    description:
      "Tool to delete a specific export from Celigo. Use when you need to permanently remove an export by its ID. Returns a success confirmation.",
  },
  CELIGO_DELETE_FLOW: {
    name: "Delete Flow",
    description:
      "Tool to delete a specific flow from Celigo. Use when you need to permanently remove a flow. This operation is destructive and cannot be undone.",
  },
  CELIGO_DELETE_ICLIENT: {
    name: "Delete iClient",
    description:
      "Tool to delete a specific iClient from Celigo. Use when you need to permanently remove an iClient by its ID. Returns a success confirmation.",
  },
  CELIGO_DELETE_IMPORT: {
    name: "Delete Import",
    description:
      "Tool to delete a specific import from Celigo integrator.io. Use when you need to remove an import configuration. This operation is destructive and cannot be undone.",
  },
  CELIGO_DELETE_INTEGRATION: {
    name: "Delete Integration",
    description:
      "Tool to delete a specific integration from Celigo integrator.io. Use when you need to permanently remove an integration. This operation is destructive and cannot be undone.",
  },
  CELIGO_DELETE_RESOLVED_ERRORS: {
    name: "Delete Resolved Errors",
    description:
      "Tool to delete resolved errors for a specific export in Celigo. Use when you need to clear resolved errors from an export's error log.",
  },
  CELIGO_DELETE_RESOURCE_STATE_VALUE: {
    name: "Delete Resource State Value",
    description:
      "Tool to delete the resource-specific key and value from state. Use when you need to remove state data for a specific resource like imports, exports, flows, or connections.",
  },
  CELIGO_DELETE_SCRIPT: {
    name: "Delete Script",
    description:
      "Tool to delete a specific script from Celigo. Use when you need to permanently remove a script configuration. This operation is destructive and cannot be undone.",
  },
  CELIGO_DELETE_STATE_VALUE: {
    name: "Delete State Value",
    description:
      "Tool to delete the specified state key and its value. Use when you need to remove state data from the Celigo Integrator platform. This operation is destructive and cannot be undone.",
  },
  CELIGO_DELETE_TAG: {
    name: "Delete Tag",
    description:
      "Tool to delete a specific tag from Celigo integrator.io. Use when you need to permanently remove a tag. This operation is destructive and cannot be undone.",
  },
  CELIGO_DELETE_USER: {
    name: "Delete User",
    description:
      "Tool to delete a specific user from your Celigo account. Use when you need to remove a user (account share) from the account.",
  },
  CELIGO_EVALUATE_VIRTUAL_IMPORT_MAP: {
    name: "Evaluate Virtual Import Map",
    description:
      "Evaluate the mapping step of a virtual import and return post-mapped records. Use when you need to test field mapping transformations without executing the full import process.",
  },
  CELIGO_EXECUTE_VIRTUAL_EXPORT: {
    name: "Execute Virtual Export",
    description:
      "Execute a virtual export using a connection by posting the export model. Use when you need to trigger an export operation for a specific connection with custom configuration (HTTP, NetSuite, or Salesforce).",
  },
  CELIGO_EXECUTE_VIRTUAL_IMPORT: {
    name: "Execute Virtual Import",
    description:
      "Tool to execute a virtual import by posting import configuration and data to a connection. Use when you need to send data to an external API through a Celigo connection with field mapping transformations.",
  },
  CELIGO_EXPORT_VIRTUAL_PAGED: {
    name: "Virtual Export with Paging",
    description:
      "Tool to execute a virtual export with paging support for Celigo connections. Use when you need to retrieve data from external systems in paginated chunks. For subsequent pages, include the pagedExportState from the previous response.",
  },
  CELIGO_GENERATE_STRUCTURED_FILE: {
    name: "Generate Structured File",
    description:
      "Tool to generate sample EDI data or structured files from input data. Use when you need to convert JSON data into a delimited or fixed-width file format based on defined rules.",
  },
  CELIGO_GET_CONNECTION: {
    name: "Get Connection by ID",
    description:
      "Tool to get a specific connection by its ID. Use when you need to retrieve connection details including configuration, authentication settings, and type information.",
  },
  CELIGO_GET_CONNECTION_AUDIT: {
    name: "Get Connection Audit Logs",
    description:
      "Tool to retrieve audit logs for a specific connection. Use when you need to track changes, view history, or investigate modifications made to a connection.",
  },
  CELIGO_GET_CONNECTION_DEBUG_LOGS: {
    name: "Get Connection Debug Logs",
    description:
      "Tool to retrieve debug logs for a connection by its ID. Use optional resource_id parameter to filter logs by a specific import or export.",
  },
  CELIGO_GET_CONNECTION_DEPENDENCIES: {
    name: "Get Connection Dependencies",
    description:
      "Tool to retrieve all resources using or used by a specific connection. Use when you need to understand the dependencies of a Celigo connection, including imports, flows, and integrations that rely on it.",
  },
  CELIGO_GET_EDI_PROFILES: {
    name: "Get EDI Profiles",
    description:
      "Tool to retrieve all EDI profiles for the account. Use when you need to list Electronic Data Interchange (EDI) and B2B configurations. Returns empty array if no profiles are configured (HTTP 204).",
  },
  CELIGO_GET_EXPORT: {
    name: "Get Export",
    description:
      "Tool to retrieve a specific export by its ID from Celigo Integrator.io. Use when you need to fetch export configuration details including lifecycle hooks and provider settings.",
  },
  CELIGO_GET_EXPORT_AUDIT: {
    name: "Get Export Audit Log",
    description:
      "Tool to retrieve audit logs for a specific export in Celigo. Use when you need to track changes, modifications, or events related to an export resource. Returns a detailed history of field changes, events, timestamps, and user information.",
  },
  CELIGO_GET_EXPORT_ERRORS: {
    name: "Get Export Errors",
    description:
      "Tool to retrieve all open errors for a specific export within a flow. Use when you need to monitor export health, debug issues, or identify failed operations that require attention.",
  },
  CELIGO_GET_FILE_DEFINITION: {
    name: "Get File Definition",
    description:
      "Tool to retrieve a specific file definition by its ID from Celigo Integrator.io. Use when you need to fetch file definition details including name, type, and configuration.",
  },
  CELIGO_GET_FILE_DEFINITIONS: {
    name: "Get File Definitions",
    description:
      "Tool to retrieve all file definitions from Celigo. Use when you need to list file format definitions used for data transformation in integrations.",
  },
  CELIGO_GET_FLOW: {
    name: "Get Flow by ID",
    description:
      "Tool to retrieve a specific Celigo flow by its ID. Use when you need to fetch flow details, configuration, or metadata. Returns complete flow information including name, status, scheduling, and orchestration settings.",
  },
  CELIGO_GET_FLOW_AUDIT: {
    name: "Get Flow Audit Logs",
    description:
      "Tool to retrieve audit logs for a specific flow. Use when you need to track changes, events, and modifications made to a flow resource over time. Returns detailed history including field changes, timestamps, and user information.",
  },
  CELIGO_GET_FLOW_DEPENDENCIES: {
    name: "Get Flow Dependencies",
    description:
      "Tool to retrieve all resources using or used by a specific flow. Use when you need to understand the dependency graph of a Celigo flow, including imports, exports, connections, and other flows or integrations that reference it.",
  },
  CELIGO_GET_FLOW_DESCENDANTS: {
    name: "Get Flow Descendants",
    description:
      "Tool to retrieve all descendant resources of a specific flow. Use when you need to identify imports and exports that are children of a flow.",
  },
  CELIGO_GET_FLOW_LAST_EXPORT_DATETIME: {
    name: "Get Flow Last Export Datetime",
    description:
      "Tool to retrieve the last export datetime for a specific Celigo flow. Use when you need to check when a flow last exported data. Returns the timestamp or null if no export has occurred yet.",
  },
  CELIGO_GET_FLOW_LATEST_JOBS: {
    name: "Get Flow Latest Jobs",
    description:
      "Tool to retrieve the latest job executions for a specific flow. Use when you need to check recent flow run history, monitor job status, or review execution statistics and errors.",
  },
  CELIGO_GET_FLOW_TEMPLATE: {
    name: "Get Flow Template",
    description:
      "Tool to download a Celigo flow as a template. Use when you need to export a flow configuration as a downloadable template file. Returns a signed S3 URL that can be used to download the flow template as a zip file.",
  },
  CELIGO_GET_I_CLIENT: {
    name: "Get iClient by ID",
    description:
      "Tool to get a specific iClient by its ID. Use when you need to retrieve OAuth or provider-specific credential configurations for integrations.",
  },
  CELIGO_GET_IMPORT: {
    name: "Get Import",
    description:
      "Tool to retrieve a specific import by its ID from the Celigo Integrator API. Use when you need to fetch detailed configuration and settings for a particular import.",
  },
  CELIGO_GET_IMPORT_AUDIT: {
    name: "Get Import Audit Logs",
    description:
      "Tool to retrieve audit logs for a specific import. Use when you need to track changes, events, and modifications made to an import resource over time. Returns detailed history including field changes, timestamps, and user information.",
  },
  CELIGO_GET_IMPORT_DEPENDENCIES: {
    name: "Get Import Dependencies",
    description:
      "Tool to retrieve all resources using or used by a specific import. Use when you need to understand the dependency graph of an import, including flows and integrations that reference it.",
  },
  CELIGO_GET_INTEGRATION_AUDIT: {
    name: "Get Integration Audit Logs",
    description:
      "Tool to retrieve audit logs for a specific integration. Use when you need to track changes, modifications, or actions performed on an integration and its resources.",
  },
  CELIGO_GET_INTEGRATION_CONNECTIONS: {
    name: "Get Integration Connections",
    description:
      "Tool to retrieve all connections associated with a specific integration. Use when you need to list connections that are registered to or used by a particular integration.",
  },
  CELIGO_GET_INTEGRATION_DEPENDENCIES: {
    name: "Get Integration Dependencies",
    description:
      "Tool to retrieve all resources using or used by a specific integration. Use when you need to understand the dependency graph of a Celigo integration, including flows and other integrations that reference it.",
  },
  CELIGO_GET_INTEGRATION_ERRORS: {
    name: "Get Integration Errors",
    description:
      "Tool to retrieve all open errors for a specific integration in Celigo. Use when you need to monitor integration health, debug issues, or identify failed operations that require attention.",
  },
  CELIGO_GET_INTEGRATION_EXPORTS: {
    name: "Get Integration Exports",
    description:
      "Tool to retrieve all exports associated with a specific integration. Use when you need to list all exports configured within an integration, including their configurations and webhook settings.",
  },
  CELIGO_GET_INTEGRATION_FLOWS: {
    name: "Get Integration Flows",
    description:
      "Tool to retrieve all flows associated with a specific integration. Use when you need to list all data workflows configured within an integration, including their configuration, schedules, and status.",
  },
  CELIGO_GET_INTEGRATION_IMPORTS: {
    name: "Get Integration Imports",
    description:
      "Tool to retrieve all imports associated with a specific integration. Use when you need to list import configurations that are registered to or used by a particular integration.",
  },
  CELIGO_GET_INTEGRATION_TEMPLATE: {
    name: "Get Integration Template",
    description:
      "Tool to download a Celigo integration as a template. Use when you need to export an integration configuration as a downloadable template file. Returns a signed S3 URL that can be used to download the integration template as a zip file.",
  },
  CELIGO_GET_INTEGRATION_USERS: {
    name: "Get Integration Users",
    description:
      "Tool to retrieve users associated with a specific integration. Use when you need to list all users who have access to or are shared with a particular integration.",
  },
  CELIGO_GET_JOB_ERRORS: {
    name: "Get Job Errors",
    description:
      "Tool to retrieve errors for a specific job in Celigo. Supports pagination via page_size and page parameters to handle jobs with large numbers of errors.",
  },
  CELIGO_GET_RESOLVED_ERRORS: {
    name: "Get Resolved Errors",
    description:
      "Tool to retrieve resolved errors for a specific export within a flow in Celigo. Use when you need to review previously resolved errors, audit error resolution history, or track error patterns over time.",
  },
  CELIGO_GET_RESOURCE_STATE_VALUE: {
    name: "Get Resource State Value",
    description:
      "Tool to get the resource-specific value associated with a state key. Use when you need to retrieve state data for a specific resource (import, export, flow, or connection) in the Celigo Integrator platform.",
  },
  CELIGO_GET_SCRIPT: {
    name: "Get Script",
    description:
      "Tool to retrieve a specific script by its ID from Celigo. Use when you need to view script details, including code content, configuration, and metadata.",
  },
  CELIGO_GET_SCRIPT_LOGS: {
    name: "Get Script Logs",
    description:
      "Tool to retrieve logs for a specific Celigo script by its ID. Use when you need to view script execution logs, debug script behavior, or monitor script activity.",
  },
  CELIGO_GET_STATE_VALUE: {
    name: "Get State Value",
    description:
      "Tool to get the value associated with a specified state key. Use when you need to retrieve state data stored in the Celigo Integrator platform.",
  },
  CELIGO_GET_TAG: {
    name: "Get Tag",
    description:
      "Tool to retrieve a specific tag by its ID from Celigo Integrator.io. Use when you need to fetch tag details including tag name and tag identifier.",
  },
  CELIGO_GET_TAGS: {
    name: "Get Tags",
    description:
      "Tool to retrieve all tags from Celigo. Use when you need to list available tags for categorizing or organizing resources.",
  },
  CELIGO_GET_TOKEN_INFO: {
    name: "Get Token Info",
    description:
      "Tool to retrieve information about the current API token. Use when you need to validate the API token or get the user ID associated with it.",
  },
  CELIGO_GET_USER: {
    name: "Get User Share",
    description:
      "Tool to retrieve a specific user share (ashare) by its ID. Use when you need to fetch user access details including integration-level permissions and sharing information.",
  },
  CELIGO_GET_USERS: {
    name: "Get All Users",
    description:
      "Tool to retrieve all users from your Celigo account. Use when you need to list all users (account shares) across the account.",
  },
  CELIGO_INVITE_MULTIPLE_USERS: {
    name: "Invite Multiple Users",
    description:
      "Tool to invite multiple users to a Celigo account with specified access levels. Use when you need to grant multiple users access to your account or specific integrations.",
  },
  CELIGO_INVITE_USER: {
    name: "Invite User",
    description:
      "Tool to invite a user to a Celigo account with specified access levels. Use when you need to grant access to a new user via email. Either integration-level or account-level access must be specified.",
  },
  CELIGO_INVOKE_IMPORT: {
    name: "Invoke Import",
    description:
      "Tool to trigger/invoke a Celigo import by its ID. Use when you need to manually start an import process that has been configured in Celigo.",
  },
  CELIGO_LIST_AUDIT_LOGS: {
    name: "List Audit Logs",
    description:
      "Tool to retrieve all audit logs for resource changes. Use when you need to track changes, view history, or investigate modifications across all resources in the account.",
  },
  CELIGO_LIST_CONNECTIONS: {
    name: "List Connections",
    description:
      "Tool to retrieve all connections in Celigo. Use when you need to list stored credentials and configuration for integrated applications. Connections store authentication details and other information needed to access external systems.",
  },
  CELIGO_LIST_EXPORTS: {
    name: "List Exports",
    description:
      "Tool to retrieve all exports from Celigo integrator.io. Exports are used to extract data from an application. Use when you need to view available exports, monitor export configurations, or identify exports for further operations.",
  },
  CELIGO_LIST_FLOWS: {
    name: "List Flows",
    description:
      "Tool to retrieve all flows from Celigo. Flows compose exports and imports for data workflows between applications.",
  },
  CELIGO_LIST_I_CLIENTS: {
    name: "List iClients",
    description:
      "Tool to retrieve all iClients in Celigo. Use when you need to list authentication credentials used by SmartConnectors to access external APIs. iClients store the authentication data required for API connections.",
  },
  CELIGO_LIST_IMPORTS: {
    name: "List Imports",
    description:
      "Tool to retrieve all imports from Celigo integrator.io. Imports are used to insert data into an application. Use when you need to view all configured imports in the account.",
  },
  CELIGO_LIST_INTEGRATIONS: {
    name: "List Integrations",
    description:
      "Tool to retrieve all integrations from Celigo. Use when you need to list integrations that group flows with shared permissions and lifecycle.",
  },
  CELIGO_LIST_JOBS: {
    name: "List Jobs",
    description:
      "Fetches one page of jobs from Celigo with optional filters. Jobs track flow execution state while running and final statistics when finished. ONE Celigo API call is made per invocation; pagination is caller-driven via the `created_at_lte` parameter (Celigo's keyset-by-`createdAt` cursor) and the `next_cursor` field in the response.",
  },
  CELIGO_LIST_LICENSES: {
    name: "List Licenses",
    description:
      "Tool to retrieve all SmartConnector licenses in Celigo. Use when you need to list platform-level licensing information including connector editions, add-on licenses, expiration dates, and associated users.",
  },
  CELIGO_LIST_RESOURCE_STATE: {
    name: "List Resource State",
    description:
      "Tool to retrieve all state keys for a specific resource in Celigo. Use when you need to list keys that store execution context and tracking information for imports, exports, flows, or integrations.",
  },
  CELIGO_LIST_STATE_KEYS: {
    name: "List State Keys",
    description:
      "Tool to retrieve all global state keys from Celigo. Use when you need to list available keys for storing arbitrary JSON data. State keys are used to store execution context and tracking information for flows.",
  },
  CELIGO_PARSE_CSV_TO_JSON: {
    name: "Parse CSV to JSON",
    description:
      "Tool to convert CSV data to JSON format using Celigo's CSV parser. Use when you need to parse CSV strings into structured JSON objects for further processing or integration workflows.",
  },
  CELIGO_PARSE_STRUCTURED_FILE: {
    name: "Parse Structured File",
    description:
      "Tool to convert EDI or structured file data (delimited or fixed-width) to JSON format. Use when you need to parse structured file content with specific field definitions and delimiters.",
  },
  CELIGO_PARSE_XML_TO_JSON: {
    name: "Parse XML to JSON",
    description:
      "Tool to convert XML data to JSON format using Celigo's XML parser processor. Use when you need to transform XML strings into structured JSON objects for easier data manipulation and integration.",
  },
  CELIGO_PATCH_CONNECTION: {
    name: "Patch Connection",
    description:
      "Tool to update part of a connection using JSON Patch operations (RFC 6902). Use when you need to modify specific fields of an existing connection without replacing the entire resource.",
  },
  CELIGO_PATCH_EXPORT: {
    name: "Patch Export",
    description:
      "Tool to update specific fields of an export using JSON Patch operations. Use when you need to modify export properties without replacing the entire configuration. Note: Only certain fields are whitelisted for patching (e.g., /aiDescription/summary).",
  },
  CELIGO_PATCH_FLOW: {
    name: "Patch Flow",
    description:
      "Tool to update part of a specific flow using JSON Patch operations (RFC 6902). Use when you need to modify specific fields of a flow without replacing the entire resource, such as enabling/disabling a flow or updating its name.",
  },
  CELIGO_PATCH_ICLIENT: {
    name: "Patch iClient",
    description:
      "Tool to update part of an iClient using JSON Patch operations (RFC 6902). Use when you need to modify specific fields of an existing iClient without replacing the entire resource. Note: the iClient PATCH endpoint has very restrictive field whitelisting.",
  },
  CELIGO_PATCH_IMPORT: {
    name: "Patch Import",
    description:
      "Tool to update specific fields of an import using JSON Patch operations. Use when you need to modify import properties without replacing the entire configuration. Note: Only certain fields are whitelisted for patching - many common fields cannot be modified via PATCH.",
  },
  CELIGO_PATCH_INTEGRATION: {
    name: "Patch Integration",
    description:
      "Tool to update part of an integration using JSON Patch operations (RFC 6902). Use when you need to modify specific fields of an existing integration without replacing the entire resource.",
  },
  CELIGO_PING_CONNECTION: {
    name: "Ping Connection",
    description:
      "Test that a specific Celigo connection is operational by pinging it. Use this to verify that connection credentials and configuration are valid and the external application is reachable.",
  },
  CELIGO_REGISTER_CONNECTION: {
    name: "Register Connection",
    description:
      "Tool to register a connection to an integration in Celigo. Use when you need to link a connection resource to a specific integration.",
  },
  CELIGO_REGISTER_CONNECTIONS_BULK: {
    name: "Register Connections Bulk",
    description:
      "Tool to register multiple connections to an integration in Celigo at once. Use when you need to associate multiple connections with an integration. Note: This operation replaces all previously registered connections with the provided list.",
  },
  CELIGO_RESOLVE_ERRORS: {
    name: "Resolve Errors",
    description:
      "Tool to resolve specified errors for an export in Celigo. Use when you need to mark errors as resolved for a specific export within a flow.",
  },
  CELIGO_RETRY_ERRORS: {
    name: "Retry Errors",
    description:
      "Tool to retry specified errors for an export in Celigo. Use when you need to re-process failed records or operations in a flow export.",
  },
  CELIGO_TEST_VIRTUAL_CONNECTION: {
    name: "Test Virtual Connection",
    description:
      "Test a virtual connection where all details are submitted in the POST body but not saved. Use when you need to validate connection settings before creating a permanent connection.",
  },
  CELIGO_UNREGISTER_CONNECTION: {
    name: "Unregister Connection from Integration",
    description:
      "Tool to unregister a connection from an integration in Celigo. Use when you need to remove a connection from an integration's registered connections list. Returns success status on completion.",
  },
  CELIGO_UPDATE_CONNECTION: {
    name: "Update Connection",
    description:
      "Tool to update a connection's configuration or credentials in Celigo. Use when you need to modify connection settings, update credentials, or change connection properties. Note: PUT requests replace the entire connection object, so the 'type' field is mandatory.",
  },
  CELIGO_UPDATE_EXPORT: {
    name: "Update Export",
    description:
      "Tool to update an existing export configuration in Celigo. Use when you need to modify export settings such as name, connection, type, page size, or adaptor-specific configurations like NetSuite restlets or webhook providers.",
  },
  CELIGO_UPDATE_FLOW: {
    name: "Update Flow",
    description:
      "Tool to update a specific flow's configuration in Celigo. Use when you need to modify flow settings such as name, enabled/disabled state, schedule, routers, or other flow configuration properties. The API performs a full replacement of the flow configuration, so ensure all required fields are provided.",
  },
  CELIGO_UPDATE_FLOW_ERROR_TAGS: {
    name: "Update Flow Error Tags",
    description:
      "Tool to update error tags for a specific flow export in Celigo. Use when you need to assign tags to errors for categorization, or remove existing tags by providing an empty array. Maximum 3 tags can be assigned per operation.",
  },
  CELIGO_UPDATE_I_CLIENT: {
    name: "Update iClient",
    description:
      "Tool to update a specific iClient's configuration in Celigo. Use when you need to modify iClient settings such as name, provider, published state, JWT settings, or form type.",
  },
  CELIGO_UPDATE_IMPORT: {
    name: "Update Import",
    description:
      "Tool to update a specific import's configuration in Celigo. Use when modifying existing import settings, connection details, file configurations, or HTTP settings.",
  },
  CELIGO_UPDATE_INTEGRATION: {
    name: "Update Integration",
    description:
      "Tool to update a specific integration's configuration in Celigo. Use when you need to modify integration settings such as name, version, installation steps, or flow groupings.",
  },
  CELIGO_UPDATE_RESOURCE_STATE_VALUE: {
    name: "Update Resource State Value",
    description:
      "Tool to create or update the resource-specific state value for any Celigo resource type. Use when you need to store or modify state data associated with a specific resource (import, export, flow, connection, etc.).",
  },
  CELIGO_UPDATE_SCRIPT: {
    name: "Update Script",
    description:
      "Tool to update a specific script's code or configuration in Celigo. Use when you need to modify script content, change script settings, or update sandbox mode.",
  },
  CELIGO_UPDATE_STATE_VALUE: {
    name: "Update State Value",
    description:
      "Tool to create or update the value associated with a specified state key. Use when you need to store or modify state data in the Celigo Integrator platform.",
  },
  CELIGO_UPDATE_TAG: {
    name: "Update Tag",
    description:
      "Tool to update a tag's name in Celigo. Use when you need to rename an existing tag.",
  },
  CELIGO_UPDATE_USER: {
    name: "Update User",
    description:
      "Tool to update a specific user's account in Celigo. Use when you need to modify a user's integration access levels or permissions. The API returns HTTP 204 No Content on successful update.",
  },
} as const satisfies Record<string, ToolCatalogEntry>;

export type CeligoToolSlug = keyof typeof celigoToolCatalog;
