/** The page's calls to the server's JSON actions; a refusal comes back as its message. */
export type ActionResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; message: string };

export async function post(path: string, body: unknown): Promise<ActionResult> {
  try {
    const response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const value = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.ok) return { ok: true, value };
    const message = typeof value.error === "string" ? value.error : `HTTP ${response.status}`;
    return { ok: false, message };
  } catch (error) {
    return {
      ok: false,
      message: `The playground server did not answer (${error instanceof Error ? error.message : String(error)}). Is pnpm playground still running?`,
    };
  }
}
