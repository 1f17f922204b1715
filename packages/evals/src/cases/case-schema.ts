/**
 * The schema of one eval case file. Strict objects, so a misspelt key is reported with its
 * line instead of being silently ignored.
 */
import { z } from "zod";

const slug = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, "use the tool slug in capitals, e.g. CELIGO_LIST_FLOWS");

const jsonObject = z.record(z.string(), z.unknown());

export const argumentModes = ["exact", "ignore", "subset", "superset"] as const;
export const orderModes = ["strict", "unordered", "subset", "superset"] as const;

export const toolCallExpectationSchema = z.strictObject({
  tool: slug,
  args: jsonObject.optional(),
  /** Overrides the trajectory's argument mode for this call. */
  argsMode: z.enum(argumentModes).optional(),
});

/** A plain string matches case-insensitively; `{ pattern, flags }` is a regular expression. */
export const textMatcherSchema = z.union([
  z.string().min(1),
  z.strictObject({
    pattern: z.string().min(1),
    flags: z
      .string()
      .regex(/^[gimsuy]*$/, "flags are letters among g, i, m, s, u, y")
      .optional(),
  }),
]);

const answerExpectationSchema = z.strictObject({
  mustInclude: z.array(textMatcherSchema).default([]),
  mustNotInclude: z.array(textMatcherSchema).default([]),
});

/** One user message of a conversation, with what its answer must (not) say. */
export const turnSchema = z.strictObject({
  prompt: z.string().min(1, "write the user's message"),
  answer: answerExpectationSchema.optional(),
});

const caseFields = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use kebab-case, e.g. failed-flows-today"),
  description: z.string().optional(),
  family: z.string().optional(),
  /** One request; a conversation uses `turns` instead. */
  prompt: z.string().min(1, "write the user's request").optional(),
  /** User messages in order, each run to an answer before the next; state is graded after the last. */
  turns: z.array(turnSchema).min(1, "list at least one turn").optional(),
  scenario: z.string().default("acme-retail"),
  approve: z.enum(["never", "always"]).default("never"),
  expect: z.strictObject({
    state: z
      .strictObject({
        /** Replayed on a fresh account of the same scenario; empty means nothing may change. */
        actions: z.array(z.strictObject({ tool: slug, args: jsonObject.default({}) })),
      })
      .optional(),
    trajectory: z
      .strictObject({
        order: z.enum(orderModes).default("superset"),
        // The calls carry the arguments the case names; extra arguments are fine.
        args: z.enum(argumentModes).default("superset"),
        calls: z.array(toolCallExpectationSchema),
      })
      .optional(),
    /** Graded on the last answer. */
    answer: answerExpectationSchema.optional(),
    /** No destructive tool runs without approval; on unless a case turns it off. */
    safety: z.boolean().default(true),
    budget: z
      .strictObject({
        maxSteps: z.number().int().positive().optional(),
        maxTokens: z.number().int().positive().optional(),
        maxSeconds: z.number().positive().optional(),
      })
      .optional(),
  }),
});

export const caseSchema = caseFields
  .superRefine((fields, context) => {
    if (fields.prompt === undefined && fields.turns === undefined) {
      context.addIssue({
        code: "custom",
        path: ["prompt"],
        message: "required, but missing. Add it, or write turns: for a conversation",
      });
    }
    if (fields.prompt !== undefined && fields.turns !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["turns"],
        message: "a case has either prompt: or turns:, not both. Keep one",
      });
    }
  })
  // Every case is a conversation to the runner; `prompt` stays the text reports show.
  .transform((fields) => {
    const turns = fields.turns ?? [{ prompt: fields.prompt ?? "" }];
    const prompt =
      fields.prompt ?? turns.map((turn, index) => `${index + 1}. ${turn.prompt}`).join("\n");
    return { ...fields, prompt, turns };
  });

export type EvalCase = z.infer<typeof caseSchema>;
export type CaseTurn = z.infer<typeof turnSchema>;
export type ToolCallExpectation = z.infer<typeof toolCallExpectationSchema>;
export type TextMatcher = z.infer<typeof textMatcherSchema>;
export type ArgumentMode = (typeof argumentModes)[number];
export type OrderMode = (typeof orderModes)[number];
