/** A runner whose start fails (a module a user pointed --runners at, broken): its column says why. */
import type { CreateRunner } from "@celigo-agents/core";

export const createRunner: CreateRunner = async () => {
  throw new Error("the MCP connection was refused on purpose");
};
