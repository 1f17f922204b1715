/**
 * Zod schemas for `/v1/mcpservers`, mirroring Celigo's OpenAPI 3.1 description of the resource.
 * Request schemas keep unknown fields out (a `get` result can be edited and sent back: its
 * read-only fields are dropped); response schemas are loose, so fields Celigo adds later survive.
 */
import { z } from "zod";

export const objectIdPattern = /^[a-f0-9]{24}$/i;
/** `/` followed by one segment of letters, digits, underscores and hyphens. */
export const relativeUriPattern = /^\/[A-Za-z0-9_-]+$/;
/** MCP tool names: letters, digits, underscores, hyphens and dots. */
export const toolNamePattern = /^[A-Za-z0-9_.-]+$/;
/** The spec's schema says 256, its validation 128: the stricter one is what the server enforces. */
export const toolNameMaxLength = 128;
export const maskedSecret = "******";

const objectId = z.string().regex(objectIdPattern, "must be a 24-character hexadecimal id");

export const annotationsSchema = z.object({
  title: z.string().max(300).optional(),
  readOnlyHint: z.boolean().optional(),
  destructiveHint: z.boolean().optional(),
  idempotentHint: z.boolean().optional(),
  openWorldHint: z.boolean().optional(),
});

const responseMappingSchema = z.looseObject({
  fields: z
    .array(z.looseObject({ extract: z.string().optional(), generate: z.string().optional() }))
    .optional(),
  lists: z
    .array(
      z.looseObject({ generate: z.string().optional(), fields: z.array(z.unknown()).optional() }),
    )
    .optional(),
});

const scriptReferenceSchema = z.looseObject({
  function: z.string().optional(),
  _scriptId: objectId.optional(),
});

export const overridesSchema = z.object({
  connections: z
    .array(
      z.looseObject({
        _abstractId: z.string(),
        _id: objectId.optional(),
        _borrowConcurrencyFromConnectionId: z.string().optional(),
      }),
    )
    .optional(),
  exports: z
    .array(
      z.looseObject({
        _abstractId: z.string(),
        _id: objectId.optional(),
        _connectionId: objectId.optional(),
        type: z
          .enum([
            "webhook",
            "distributed",
            "test",
            "delta",
            "once",
            "tranlinedelta",
            "simple",
            "blob",
            "all",
          ])
          .optional(),
        pageSize: z.number().optional(),
        skipRetries: z.boolean().optional(),
        proceedOnFailure: z.boolean().optional(),
        responseMapping: responseMappingSchema.optional(),
      }),
    )
    .optional(),
  imports: z
    .array(
      z.looseObject({
        _abstractId: z.string(),
        _connectionId: objectId.optional(),
        proceedOnFailure: z.boolean().optional(),
        responseMapping: responseMappingSchema.optional(),
        hooks: z
          .looseObject({
            preMap: scriptReferenceSchema.optional(),
            postMap: scriptReferenceSchema.optional(),
          })
          .optional(),
      }),
    )
    .optional(),
  routers: z
    .array(
      z.looseObject({
        _abstractId: z.string(),
        name: z.string().optional(),
        routeRecordsTo: z.enum(["first_matching_branch", "all_matching_branches"]).optional(),
        routeRecordsUsing: z.enum(["input_filters", "script"]).optional(),
        script: scriptReferenceSchema.optional(),
        branches: z
          .array(
            z.looseObject({
              _abstractId: z.string().optional(),
              name: z.string().optional(),
              description: z.string().optional(),
              inputFilter: z
                .looseObject({
                  version: z.enum(["1"]).optional(),
                  rules: z.array(z.unknown()).optional(),
                })
                .optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});

const toolName = z
  .string()
  .min(1, "is required")
  .max(toolNameMaxLength, `must be at most ${toolNameMaxLength} characters`)
  .regex(toolNamePattern, "may only contain letters, digits, underscores, hyphens and dots");

/** A `tools[]` entry: a Celigo Tool exposed as an MCP tool. Entries are disabled unless told. */
export const ioToolSchema = z.object({
  _toolId: objectId,
  name: toolName,
  disabled: z.boolean().optional(),
  annotations: annotationsSchema.optional(),
  overrides: overridesSchema.optional(),
});

/** An `apis[]` entry: a builder-mode API exposed as an MCP tool (no annotations, no overrides). */
export const apiToolSchema = z.object({
  _apiId: objectId,
  name: toolName,
  disabled: z.boolean().optional(),
});

export const promptArgumentSchema = z.object({
  name: z.string().min(1, "is required"),
  description: z.string().optional(),
  required: z.boolean().optional(),
});

export const promptMessageTemplateSchema = z.object({
  role: z.enum(["user", "assistant"]),
  contentType: z.enum(["text", "image", "audio", "resource"]).optional(),
  mimeType: z.string().optional(),
  template: z.string(),
});

export const promptSchema = z.object({
  name: z.string().min(1, "is required"),
  title: z.string().optional(),
  description: z.string().optional(),
  arguments: z.array(promptArgumentSchema).optional(),
  messagesTemplate: z.array(promptMessageTemplateSchema).optional(),
});

export const oauthSchema = z.object({
  issuerURL: z.string(),
  audience: z.string(),
  useIntrospection: z.boolean().optional(),
  scopes: z.array(z.enum(["mcp:read", "mcp:write"])).optional(),
  clientId: z.string().nullable().optional(),
  clientSecret: z.string().nullable().optional(),
});

/** Body of POST and PUT. `url` is the spec's alternative to `relativeURI` (its pathname is used). */
export const mcpServerRequestSchema = z.object({
  name: z.string().min(1, "is required").max(300, "must be at most 300 characters"),
  relativeURI: z.string().optional(),
  url: z.string().optional(),
  description: z.string().max(1000, "must be at most 1000 characters").optional(),
  disabled: z.boolean().optional(),
  tools: z.array(ioToolSchema).optional(),
  apis: z.array(apiToolSchema).optional(),
  prompts: z.array(promptSchema).optional(),
  oauth: oauthSchema.optional(),
});

export const mcpServerSchema = z.looseObject({
  _id: z.string(),
  _userId: z.string().optional(),
  name: z.string(),
  relativeURI: z.string(),
  description: z.string().optional(),
  disabled: z.boolean().optional(),
  tools: z.array(ioToolSchema.loose()).optional(),
  apis: z.array(apiToolSchema.loose()).optional(),
  prompts: z.array(promptSchema.loose()).optional(),
  oauth: oauthSchema.partial().loose().optional(),
  createdAt: z.string().optional(),
  lastModified: z.string().optional(),
  deletedAt: z.string().optional(),
});

export const patchableMcpServerPaths = ["/name", "/disabled"] as const;

export const mcpServerPatchSchema = z
  .array(
    z.discriminatedUnion("path", [
      z.object({
        op: z.literal("replace"),
        path: z.literal("/name"),
        value: z.string().min(1).max(300),
      }),
      z.object({ op: z.literal("replace"), path: z.literal("/disabled"), value: z.boolean() }),
    ]),
  )
  .min(1, "must hold at least one operation");

export const dependencyEntrySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  paths: z.array(z.string()).optional(),
  accessLevel: z.string().optional(),
  dependencyIds: z.record(z.string(), z.array(z.string())).optional(),
});

export const dependenciesSchema = z.record(z.string(), z.array(dependencyEntrySchema));

/** The parts of `/v1/tools`, `/v1/apis` and `/v1/connections` records the checklist reads. */
export const toolResourceSchema = z.looseObject({
  _id: z.string(),
  name: z.string().optional(),
  description: z.string().optional(),
  input: z.looseObject({ schema: z.unknown().optional() }).optional(),
});
export const apiResourceSchema = z.looseObject({
  _id: z.string(),
  name: z.string().optional(),
  type: z.string().optional(),
});
export const connectionResourceSchema = z.looseObject({
  _id: z.string(),
  name: z.string().optional(),
});

export const celigoErrorItemSchema = z.looseObject({
  code: z.union([z.string(), z.number()]).optional(),
  message: z.string(),
  field: z.string().optional(),
  source: z.string().optional(),
});

export type Annotations = z.infer<typeof annotationsSchema>;
export type Overrides = z.infer<typeof overridesSchema>;
export type IoTool = z.infer<typeof ioToolSchema>;
export type ApiTool = z.infer<typeof apiToolSchema>;
export type Prompt = z.infer<typeof promptSchema>;
export type OAuthConfig = z.infer<typeof oauthSchema>;
export type McpServerRequest = z.infer<typeof mcpServerRequestSchema>;
export type McpServer = z.infer<typeof mcpServerSchema>;
export type McpServerPatch = z.infer<typeof mcpServerPatchSchema>;
export type McpServerDependencies = z.infer<typeof dependenciesSchema>;
export type ToolResource = z.infer<typeof toolResourceSchema>;
export type ApiResource = z.infer<typeof apiResourceSchema>;
export type ConnectionResource = z.infer<typeof connectionResourceSchema>;
export type CeligoErrorItem = z.infer<typeof celigoErrorItemSchema>;
