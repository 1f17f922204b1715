import { z } from "zod";
import { segment } from "./celigo-client.ts";
import { listTool, withoutUndefined } from "./resource-tools.ts";
import { idArgument } from "./tool-arguments.ts";
import { type CeligoTool, defineTool } from "./tool-definition.ts";

const accessLevel = z
  .enum(["administrator", "manage", "monitor"])
  .describe("Account-wide access: administrator, manage or monitor.");
const integrationAccess = z
  .array(
    z.object({
      integration_id: idArgument("integration"),
      access_level: z.enum(["manage", "monitor"]).describe("Access to that integration."),
    }),
  )
  .describe("Per-integration access, instead of account-wide access.");

const invite = z.object({
  email: z.email().describe("Email of the person to invite."),
  name: z.string().optional().describe("Their name."),
  access_level: accessLevel.optional(),
  integration_access: integrationAccess.optional(),
});

type Invite = z.output<typeof invite>;

function accessBody(args: Pick<Invite, "access_level" | "integration_access">) {
  return withoutUndefined({
    accessLevel: args.access_level,
    integrationAccessLevel: args.integration_access?.map((level) => ({
      _integrationId: level.integration_id,
      accessLevel: level.access_level,
    })),
  });
}

function inviteBody(args: Invite) {
  return withoutUndefined({ email: args.email, name: args.name, ...accessBody(args) });
}

const userId = idArgument("user share (ashare)");

export const userTools: CeligoTool[] = [
  listTool("CELIGO_GET_USERS", { key: "users", path: "/v1/ashares" }),
  defineTool({
    slug: "CELIGO_GET_USER",
    kind: "read",
    input: { user_id: userId },
    run: (args, celigo) => celigo.get(`/v1/ashares/${segment(args.user_id)}`),
  }),
  defineTool({
    slug: "CELIGO_UPDATE_USER",
    kind: "overwrite",
    input: {
      user_id: userId,
      access_level: accessLevel.optional(),
      integration_access: integrationAccess.optional(),
    },
    run: async (args, celigo) => {
      await celigo.put(`/v1/ashares/${segment(args.user_id)}`, accessBody(args));
      return { updated: true, user_id: args.user_id };
    },
  }),
  defineTool({
    slug: "CELIGO_DELETE_USER",
    kind: "delete",
    input: { user_id: userId },
    run: async (args, celigo) => {
      await celigo.delete(`/v1/ashares/${segment(args.user_id)}`);
      return { deleted: true, user_id: args.user_id };
    },
  }),
  // Granting access is an access change: destructive by this toolkit's rule.
  defineTool({
    slug: "CELIGO_INVITE_USER",
    kind: "overwrite",
    input: invite.shape,
    run: (args, celigo) => celigo.post("/v1/invite", inviteBody(args)),
  }),
  defineTool({
    slug: "CELIGO_INVITE_MULTIPLE_USERS",
    kind: "overwrite",
    input: { users: z.array(invite).min(1).max(50).describe("The people to invite.") },
    run: async (args, celigo) => ({
      invited: await celigo.post("/v1/invite", args.users.map(inviteBody)),
    }),
  }),
  defineTool({
    slug: "CELIGO_GET_TOKEN_INFO",
    kind: "read",
    input: {},
    run: (_args, celigo) => celigo.get("/v1/tokenInfo"),
  }),
];
