/** Version 1 of a user's agent: the Mastra starter as it is. */
export { createRunner } from "@celigo-agents/mastra";
