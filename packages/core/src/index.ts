export * from "./errors.ts";
export * from "./instructions.ts";
export * from "./runner.ts";
export * from "./tool-policy.ts";
