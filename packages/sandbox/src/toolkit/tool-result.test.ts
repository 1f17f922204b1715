import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxFixture, startTestSandbox } from "../testing/sandbox-fixture.ts";
import { executeTool } from "./execute-tool.ts";
import {
  failureResult,
  maximumAnswerCharacters,
  maximumErrorMessageCharacters,
  successResult,
} from "./tool-result.ts";

const preview = (result: ReturnType<typeof successResult>) =>
  result.structuredContent.data as { truncated: true; note: string; preview: string };

describe("tool results", () => {
  let fixture: SandboxFixture;
  beforeAll(async () => {
    fixture = await startTestSandbox();
  });
  afterAll(() => fixture.sandbox.close());

  it("cuts an error that echoes a 900 KB argument, and says how long it was", async () => {
    // The report of issue 11: this answered an isError result of 1.1 M characters.
    const flowId = "a".repeat(900_000);
    const result = await executeTool(
      fixture.sandbox.directory,
      fixture.accountId,
      "CELIGO_GET_FLOW",
      { flow_id: flowId },
    );
    expect(result.isError).toBe(true);
    const text = result.content[0]?.text ?? "";
    expect(text.length).toBeLessThan(3 * maximumErrorMessageCharacters);
    const { errors } = result.structuredContent.data as { errors: { message: string }[] };
    const apiMessage = (await fixture.call("GET", `/v1/flows/${flowId}`)).body as {
      errors: { message: string }[];
    };
    const fullLength = apiMessage.errors[0]?.message.length ?? 0;
    expect(fullLength).toBeGreaterThan(900_000);
    expect(errors[0]?.message).toBe(
      `${apiMessage.errors[0]?.message.slice(0, maximumErrorMessageCharacters)}… [cut: ${fullLength} characters in all]`,
    );
    expect(result.structuredContent.error).toBe(errors[0]?.message);
  });

  it("fits an oversized answer in the limit once encoded, and the note tells the truth", () => {
    // Quotes double in length when the preview is encoded again: the naive cut overshoots.
    const rows = Array.from({ length: 40_000 }, (_, index) => ({ name: `"quoted" ${index}` }));
    const full = JSON.stringify({ data: rows, successful: true, error: null });
    const result = successResult(rows);
    const text = result.content[0]?.text ?? "";
    expect(text.length).toBeLessThanOrEqual(maximumAnswerCharacters);
    expect(JSON.parse(text)).toEqual(result.structuredContent);
    const { truncated, note, preview: head } = preview(result);
    expect(truncated).toBe(true);
    expect(full.startsWith(head)).toBe(true);
    expect(note).toContain(`The answer was ${full.length} characters`);
    expect(note).toContain(`preview holds its first ${head.length}`);
  });

  it("cuts a failure with many long messages within the limit, keeping isError", () => {
    const errors = Array.from({ length: 300 }, (_, index) => ({
      code: "invalid_field",
      message: `${index}: ${"x".repeat(5_000)}`,
    }));
    const result = failureResult(errors, 422);
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text.length).toBeLessThanOrEqual(maximumAnswerCharacters);
    expect(result.structuredContent.successful).toBe(false);
    expect(result.structuredContent.error?.length).toBeLessThanOrEqual(
      maximumErrorMessageCharacters + 50,
    );
    expect(preview(result).note).toMatch(/^The answer was \d+ characters; preview holds/);
  });
});
