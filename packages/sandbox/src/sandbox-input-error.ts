/** Misuse of the sandbox by its caller (bad option, unknown scenario or account): the message says what to change. */
export class SandboxInputError extends Error {
  override readonly name = "SandboxInputError";
  /** The option or body field at fault, when one is. */
  readonly field: string | undefined;

  constructor(message: string, options: { field?: string } = {}) {
    super(message);
    this.field = options.field;
  }
}
