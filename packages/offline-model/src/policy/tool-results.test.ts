import { describe, expect, it } from "vitest";
import { readEnvelope } from "./tool-results.ts";

describe("readEnvelope", () => {
  it("reads Composio's success envelope from JSON text", () => {
    const text = JSON.stringify({ data: { flows: [] }, successful: true, error: null });
    expect(readEnvelope(text)).toEqual({ ok: true, data: { flows: [] }, refused: false });
  });

  it("reads Composio's failure envelope with Celigo's errors[]", () => {
    const envelope = {
      data: null,
      successful: false,
      error: { errors: [{ code: "invalid_ref", message: "Flow f1 does not exist." }] },
    };
    expect(readEnvelope(envelope)).toMatchObject({ ok: false, refused: false });
    expect(readEnvelope(envelope).error).toContain("Flow f1 does not exist.");
  });

  it("treats a framework's own rejection of the arguments as a failure", () => {
    const rejected = {
      error: true,
      message: "Tool validation failed: operations.0.value must be a string",
    };
    expect(readEnvelope(rejected)).toEqual({
      ok: false,
      data: undefined,
      error: rejected.message,
      refused: false,
    });
  });

  it("recognises a refusal sent back as the tool result", () => {
    const refusal =
      "The user did not approve CELIGO_PATCH_FLOW (destructive). Nothing was changed.";
    expect(readEnvelope(refusal)).toMatchObject({ ok: false, refused: true });
  });
});
