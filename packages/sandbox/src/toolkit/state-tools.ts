import { z } from "zod";
import { stateResourceTypes } from "../celigo-vocabulary.ts";
import { segment } from "./celigo-client.ts";
import { idArgument, jsonText, parseJsonText } from "./tool-arguments.ts";
import { type CeligoTool, defineTool } from "./tool-definition.ts";

const key = z.string().min(1).max(256).describe("The state key.");
const value = jsonText(
  'The value to store, JSON-encoded: {"lastRun":"2026-11-20"}, 42, "text". Plain text is stored as a string.',
);
const resourceArguments = {
  resource_type: z.enum(stateResourceTypes).describe("Type of the resource that owns the state."),
  resource_id: idArgument("resource"),
};

function resourceStatePath(args: { resource_type: string; resource_id: string }): string {
  return `/v1/${args.resource_type}/${segment(args.resource_id)}/state`;
}

/** `/state` answers `{keys}` or 204 when there are none. */
function keysOf(body: unknown): string[] {
  const keys = (body as { keys?: unknown } | undefined)?.keys;
  return Array.isArray(keys) ? keys.map(String) : [];
}

export const stateTools: CeligoTool[] = [
  defineTool({
    slug: "CELIGO_LIST_STATE_KEYS",
    kind: "read",
    input: {},
    run: async (_args, celigo) => ({ keys: keysOf(await celigo.get("/v1/state")) }),
  }),
  defineTool({
    slug: "CELIGO_GET_STATE_VALUE",
    kind: "read",
    input: { key },
    run: async (args, celigo) => ({
      key: args.key,
      value: await celigo.get(`/v1/state/${segment(args.key)}`),
    }),
  }),
  defineTool({
    slug: "CELIGO_UPDATE_STATE_VALUE",
    kind: "overwrite",
    input: { key, value },
    run: async (args, celigo) => ({
      key: args.key,
      result: await celigo.put(`/v1/state/${segment(args.key)}`, parseJsonText(args.value)),
    }),
  }),
  defineTool({
    slug: "CELIGO_DELETE_STATE_VALUE",
    kind: "delete",
    input: { key },
    run: async (args, celigo) => {
      await celigo.delete(`/v1/state/${segment(args.key)}`);
      return { deleted: args.key };
    },
  }),
  defineTool({
    slug: "CELIGO_DELETE_ALL_STATE",
    kind: "delete",
    input: {},
    run: async (_args, celigo) => {
      await celigo.delete("/v1/state");
      return { deleted: "all global state keys" };
    },
  }),
  defineTool({
    slug: "CELIGO_LIST_RESOURCE_STATE",
    kind: "read",
    input: resourceArguments,
    run: async (args, celigo) => ({
      ...args,
      keys: keysOf(await celigo.get(resourceStatePath(args))),
    }),
  }),
  defineTool({
    slug: "CELIGO_GET_RESOURCE_STATE_VALUE",
    kind: "read",
    input: { ...resourceArguments, key },
    run: async (args, celigo) => ({
      ...args,
      value: await celigo.get(`${resourceStatePath(args)}/${segment(args.key)}`),
    }),
  }),
  defineTool({
    slug: "CELIGO_UPDATE_RESOURCE_STATE_VALUE",
    kind: "overwrite",
    input: { ...resourceArguments, key, value },
    run: async (args, celigo) => ({
      resource_type: args.resource_type,
      resource_id: args.resource_id,
      key: args.key,
      result: await celigo.put(
        `${resourceStatePath(args)}/${segment(args.key)}`,
        parseJsonText(args.value),
      ),
    }),
  }),
  defineTool({
    slug: "CELIGO_DELETE_RESOURCE_STATE_VALUE",
    kind: "delete",
    input: { ...resourceArguments, key },
    run: async (args, celigo) => {
      await celigo.delete(`${resourceStatePath(args)}/${segment(args.key)}`);
      return { ...args, deleted: true };
    },
  }),
  defineTool({
    slug: "CELIGO_DELETE_ALL_RESOURCE_STATE",
    kind: "delete",
    input: resourceArguments,
    run: async (args, celigo) => {
      await celigo.delete(resourceStatePath(args));
      return { ...args, deleted: "all state keys of the resource" };
    },
  }),
];
