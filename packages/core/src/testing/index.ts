export * from "./account-facts.ts";
export * from "./active-resources.ts";
export * from "./mentioned-flows.ts";
export * from "./run-chat-command.ts";
export * from "./runner-end-to-end-suite.ts";
export * from "./sandbox-rest-client.ts";
export * from "./test-environment.ts";
