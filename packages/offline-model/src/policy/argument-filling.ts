import { isObject, type JsonObject } from "./tool-results.ts";

/** What a plan knows about a call, independent of how a given tool names its parameters. */
export type Role =
  | "flowId"
  | "integrationId"
  | "connectionId"
  | "stepId"
  | "jobId"
  | "userId"
  | "since"
  | "until"
  | "status"
  | "jobType"
  | "errorIds"
  | "retryDataKeys"
  | "patchOperations"
  | "disabled"
  | "stateKey"
  | "resourceType"
  | "resourceId"
  /** Free text to search for (a customer number, an email, a name). */
  | "searchText"
  /** Only records with at least this many errors (failed runs). */
  | "minimumErrors";

export type RoleValues = Partial<Record<Role, unknown>>;

const namePatterns: Array<[RegExp, Role]> = [
  [/flowjobid/, "jobId"],
  [/flowid/, "flowId"],
  [/integrationid/, "integrationId"],
  [/connectionid/, "connectionId"],
  [/exportid|importid|stepid|exporimpid|resourceidofstep/, "stepId"],
  [/jobid/, "jobId"],
  [/userid|ashareid|shareid/, "userId"],
  [/retrydatakey|retrykey/, "retryDataKeys"],
  [/errorid/, "errorIds"],
  [/^(operations|patch|ops|jsonpatch|patchoperations|patchdocument)$/, "patchOperations"],
  [/^disabled$/, "disabled"],
  [/^(key|statekey)$/, "stateKey"],
  [/resourcetype/, "resourceType"],
  [/resourceid/, "resourceId"],
  [/^(query|q|search|searchterm|searchtext|term|keyword|keywords)$/, "searchText"],
  [/^(numerrorgte|minerrors?|errorcountgte|numerrorsgte)$/, "minimumErrors"],
  // Time bounds only: `num_error_gte` is a count, `created_at_gte` a time.
  [/((at|time|date)gte|since|after|^from|^start(date|time)?)$/, "since"],
  [/((at|time|date)lte|until|before|^to|^end(date|time)?)$/, "until"],
  [/^status(es)?$/, "status"],
];

/** A bare `id` means the id of the resource the tool is about. */
function entityRole(slug: string): Role | undefined {
  const words = slug.split("_");
  const entities: Array<[string, Role]> = [
    ["JOB", "jobId"],
    ["FLOW", "flowId"],
    ["INTEGRATION", "integrationId"],
    ["CONNECTION", "connectionId"],
    ["USER", "userId"],
    ["EXPORT", "stepId"],
    ["IMPORT", "stepId"],
  ];
  return entities.find(([word]) => words.includes(word))?.[1];
}

export function roleOf(property: string, schema: JsonObject, slug: string): Role | undefined {
  const name = property.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (name === "id") return entityRole(slug);
  if (name === "type") return slug.includes("JOB") ? "jobType" : undefined;
  if (name === "errors" && schema.type === "array") return "errorIds";
  return namePatterns.find(([pattern]) => pattern.test(name))?.[1];
}

function typesOf(schema: JsonObject): string[] {
  if (typeof schema.type === "string") return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.map(String);
  const variants = [schema.anyOf, schema.oneOf].find(Array.isArray) as unknown[] | undefined;
  return variants ? variants.filter(isObject).flatMap(typesOf) : [];
}

function allowed(schema: JsonObject, value: unknown): boolean {
  return !Array.isArray(schema.enum) || schema.enum.includes(value);
}

/** Shapes a value to what the schema asks: arrays, ISO text or epoch numbers for dates, enums. */
function coerce(value: unknown, schema: JsonObject): unknown {
  const types = typesOf(schema);
  if (types.includes("array")) {
    const items = Array.isArray(value) ? value : [value];
    const itemSchema = isObject(schema.items) ? schema.items : {};
    const shaped = items
      .map((item) => coerce(item, itemSchema))
      .filter((item) => item !== undefined);
    return shaped.length === items.length ? shaped : undefined;
  }
  if (Array.isArray(value) && types.length > 0 && !types.includes("array")) {
    return value.length === 1 ? coerce(value[0], schema) : undefined;
  }
  if (value instanceof Date) {
    // The declared type decides; the description only helps when the schema gives no type.
    const wantsNumber = types.includes("integer") || types.includes("number");
    const described = `${String(schema.description ?? "")} ${String(schema.format ?? "")}`;
    const epoch = types.includes("string")
      ? false
      : wantsNumber || (types.length === 0 && /epoch|milliseconds/i.test(described));
    const shaped = epoch ? value.getTime() : value.toISOString();
    return allowed(schema, shaped) ? shaped : undefined;
  }
  if (isObject(value) && isObject(schema.properties)) {
    // Objects inside arrays (e.g. JSON Patch operations) follow their own property schemas.
    const properties = schema.properties;
    const shaped = Object.fromEntries(
      Object.entries(value).map(([key, item]) => {
        const propertySchema = properties[key];
        return [key, isObject(propertySchema) ? coerce(item, propertySchema) : item];
      }),
    );
    return Object.values(shaped).includes(undefined) ? undefined : shaped;
  }
  if (types.includes("boolean") && typeof value !== "boolean") return undefined;
  // A string parameter carrying a non-string value takes its JSON text (`true`, `42`).
  if (types.length > 0 && types.every((type) => type === "string") && typeof value !== "string") {
    const text = JSON.stringify(value);
    return allowed(schema, text) ? text : undefined;
  }
  return allowed(schema, value) ? value : undefined;
}

export interface FilledArguments {
  arguments: JsonObject;
  /** Required parameters no known value fits. */
  missing: string[];
}

/** Fills a tool's arguments from the plan's values by reading its JSON schema's property names. */
export function fillArguments(
  slug: string,
  schema: JsonObject,
  values: RoleValues,
): FilledArguments {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
  const filled: JsonObject = {};
  for (const [property, rawPropertySchema] of Object.entries(properties)) {
    const propertySchema = isObject(rawPropertySchema) ? rawPropertySchema : {};
    // Page sizes: as many items per call as the tool allows, so fewer pages are needed.
    if (
      /^(limit|page_?size|per_?page)$/i.test(property) &&
      typeof propertySchema.maximum === "number"
    ) {
      filled[property] = propertySchema.maximum;
      continue;
    }
    const role = roleOf(property, propertySchema, slug);
    if (!role || values[role] === undefined) continue;
    const value = coerce(values[role], propertySchema);
    if (value !== undefined) filled[property] = value;
  }
  return { arguments: filled, missing: required.filter((property) => !(property in filled)) };
}
