/** Misuse of the sandbox by its caller (bad option, unknown scenario or account): the message says what to change. */
export class SandboxInputError extends Error {
  override readonly name = "SandboxInputError";
}
