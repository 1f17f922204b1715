import { z } from "zod";
import type { OfferedTool } from "../conversation.ts";

/** `tool_choice` in either API's spelling: a mode, or one named function. */
export const toolChoiceSchema = z.union([
  z.string(),
  z.looseObject({
    type: z.string().optional(),
    name: z.string().optional(),
    function: z.looseObject({ name: z.string() }).optional(),
  }),
]);

export type ToolChoice = z.infer<typeof toolChoiceSchema>;

/** `none` offers no tools; a named function offers only that one; anything else offers all. */
export function selectTools(tools: OfferedTool[], choice: ToolChoice | undefined): OfferedTool[] {
  if (choice === undefined) return tools;
  if (choice === "none") return [];
  if (typeof choice === "string") return tools;
  const name = choice.function?.name ?? choice.name;
  return name ? tools.filter((tool) => tool.name === name) : tools;
}

/** Message content as plain text: a string, or the text of every text-bearing part. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => {
      if (typeof part === "string") return part;
      if (part && typeof part === "object" && "text" in part && typeof part.text === "string") {
        return part.text;
      }
      return "";
    })
    .join("");
}
