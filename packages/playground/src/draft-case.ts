/**
 * "Save as case": a column's conversation as a draft eval case (packages/evals/cases format),
 * written under cases/drafts/ where the default eval does not look. The prompt, the approvals
 * given (`approve`), the calls that changed the account as the state expectation (ids turned
 * into names, so the case holds on a fresh account of any clock), the tools called, and the
 * record names the answer gave. What was observed but not expressible goes in comments.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ToolPolicy } from "@celigo-agents/core";
import { type FlatToolCall, flattenToolCalls, parseCase } from "@celigo-agents/evals";
import { stringify } from "yaml";
import type { ConversationRecord } from "./column.ts";

export interface DraftOptions {
  scenario?: string | undefined;
  now?: string | undefined;
  savedAt?: Date;
}

export interface DraftCase {
  id: string;
  yaml: string;
}

interface NamedRecord {
  kind: string;
  name: string;
}

const policy = new ToolPolicy();

export function draftCase(conversation: ConversationRecord, options: DraftOptions = {}): DraftCase {
  const records = namedRecords(conversation.initialState);
  // A refused call never ran: it belongs in neither the trajectory nor the state.
  const calls = flattenToolCalls(conversation.toolCalls).filter(
    (call) => call.approval !== "refused",
  );
  const writes = calls.filter(
    (call) => !call.isError && policy.classify(call.slug) !== "read-only",
  );
  const anyApproved = conversation.approvals.some((approval) => approval.answer === "approved");
  const prompt = conversation.prompts[0] ?? "";
  const id = caseId(prompt, conversation.runner);
  // The case replays the first prompt, so the first answer is the one to expect.
  const answer = conversation.answers[0] ?? "";
  const mentioned = mentionedNames(answer, records);
  const body = {
    id,
    description: `Saved from the ${conversation.runner} column of the playground; edit the expectations before relying on it.`,
    prompt,
    ...(options.scenario ? { scenario: options.scenario } : {}),
    approve: anyApproved ? "always" : "never",
    expect: {
      ...(conversation.initialState === undefined
        ? {}
        : {
            state: {
              actions: writes.map((call) => ({
                tool: call.slug,
                args: referenced(call, records, conversation.initialState),
              })),
            },
          }),
      ...(calls.length > 0
        ? {
            trajectory: {
              order: "superset",
              calls: calls.map((call) =>
                writes.includes(call)
                  ? { tool: call.slug, args: referenced(call, records, conversation.initialState) }
                  : { tool: call.slug },
              ),
            },
          }
        : {}),
      ...(mentioned.length > 0 ? { answer: { mustInclude: mentioned } } : {}),
    },
  };
  const yaml = `${comments(conversation, options).join("\n")}\n${stringify(body, { lineWidth: 100 })}`;
  const parsed = parseCase(yaml, `${id}.yaml`);
  if ("problems" in parsed) {
    // A draft the harness cannot read would be worse than none: this is a bug here.
    throw new Error(
      `The draft case does not validate: ${parsed.problems.map((problem) => problem.message).join("; ")}`,
    );
  }
  return { id, yaml };
}

/** Writes the draft as `<directory>/<id>.yaml`, numbering it when that name is taken. */
export async function saveDraftCase(
  conversation: ConversationRecord,
  directory: string,
  options: DraftOptions = {},
): Promise<string> {
  await mkdir(directory, { recursive: true });
  const draft = draftCase(conversation, options);
  for (let copy = 1; ; copy++) {
    const id = copy === 1 ? draft.id : `${draft.id}-${copy}`;
    const file = path.join(directory, `${id}.yaml`);
    const yaml =
      copy === 1 ? draft.yaml : draft.yaml.replace(`\nid: ${draft.id}\n`, `\nid: ${id}\n`);
    try {
      await writeFile(file, yaml, { flag: "wx" });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

function comments(conversation: ConversationRecord, options: DraftOptions): string[] {
  const lines = [
    `# Draft saved by the playground (${conversation.runner} column) at ${(options.savedAt ?? new Date()).toISOString()}.`,
    "# Check every expectation, then move the file to packages/evals/cases/ so `pnpm eval` runs it.",
  ];
  if (options.now) lines.push(`# The account's clock started at ${options.now}.`);
  if (conversation.prompts.length > 1) {
    lines.push("# Later prompts of the conversation (a case holds one):");
    for (const prompt of conversation.prompts.slice(1)) lines.push(`#   ${oneLine(prompt)}`);
  }
  for (const approval of conversation.approvals) {
    const inner = approval.innerSlugs.length > 0 ? ` (${approval.innerSlugs.join(", ")})` : "";
    lines.push(`# Approval asked for ${approval.slug}${inner}: ${approval.answer}.`);
  }
  if (conversation.initialState === undefined) {
    lines.push("# No state expectation: real services give no account snapshot.");
  } else if (conversation.changes.length === 0) {
    lines.push("# Observed changes in the account: none.");
  } else {
    lines.push("# Observed changes in the account:");
    for (const change of conversation.changes) lines.push(`#   - ${oneLine(change.text)}`);
  }
  lines.push(
    `# Observed: ${conversation.steps} steps, ${conversation.toolCalls.length} tool calls, ${conversation.usage.inputTokens}+${conversation.usage.outputTokens} tokens.`,
  );
  return lines;
}

/** Arguments with record ids replaced by `{ $id, name }` and a step's open errors by `$errorIds`. */
function referenced(
  call: FlatToolCall,
  records: ReadonlyMap<string, NamedRecord>,
  initialState: unknown,
): Record<string, unknown> {
  const errors = openErrors(initialState);
  const visit = (value: unknown): unknown => {
    if (typeof value === "string") {
      const record = records.get(value);
      return record ? { $id: record.kind, name: record.name } : value;
    }
    if (Array.isArray(value)) {
      const reference = errorReference(value, errors, records);
      return reference ?? value.map(visit);
    }
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, visit(child)]));
    }
    return value;
  };
  return visit(call.arguments) as Record<string, unknown>;
}

interface OpenError {
  flowId: string;
  stepId: string;
}

/** `$errorIds` when a list of error ids is exactly the open errors of one flow (or step). */
function errorReference(
  ids: unknown[],
  errors: ReadonlyMap<string, OpenError>,
  records: ReadonlyMap<string, NamedRecord>,
): unknown {
  if (ids.length === 0 || !ids.every((id) => typeof id === "string" && errors.has(id))) {
    return undefined;
  }
  const chosen = ids.map((id) => errors.get(id as string) as OpenError);
  const flowId = chosen[0]?.flowId ?? "";
  if (!chosen.every((error) => error.flowId === flowId)) return undefined;
  const flow = records.get(flowId)?.name;
  if (!flow) return undefined;
  const stepId = chosen.every((error) => error.stepId === chosen[0]?.stepId)
    ? chosen[0]?.stepId
    : undefined;
  const sameStep = [...errors.values()].filter(
    (error) => error.flowId === flowId && (stepId === undefined || error.stepId === stepId),
  );
  if (sameStep.length !== ids.length) return undefined;
  const step = stepId ? records.get(stepId)?.name : undefined;
  return { $errorIds: step ? { flow, step } : { flow } };
}

function openErrors(snapshot: unknown): Map<string, OpenError> {
  const errors = (snapshot as { errors?: unknown } | undefined)?.errors;
  const open = new Map<string, OpenError>();
  if (!Array.isArray(errors)) return open;
  for (const error of errors as Array<Record<string, unknown>>) {
    if (error.resolved === true || typeof error.errorId !== "string") continue;
    open.set(error.errorId, { flowId: String(error._flowId), stepId: String(error._stepId) });
  }
  return open;
}

/** Named records of a snapshot's top-level collections, by id, with the case's kind word. */
function namedRecords(snapshot: unknown): Map<string, NamedRecord> {
  const records = new Map<string, NamedRecord>();
  if (typeof snapshot !== "object" || snapshot === null) return records;
  for (const [collection, value] of Object.entries(snapshot)) {
    if (!Array.isArray(value)) continue;
    for (const record of value as Array<Record<string, unknown>>) {
      const name = record?.name ?? record?.email;
      if (typeof record?._id === "string" && typeof name === "string") {
        records.set(record._id, { kind: collection.replace(/s$/, ""), name });
      }
    }
  }
  return records;
}

/** The record names an answer gives, longest first so a name inside another is not counted. */
function mentionedNames(answer: string, records: ReadonlyMap<string, NamedRecord>): string[] {
  let remaining = answer.toLowerCase();
  const names = [...new Set([...records.values()].map((record) => record.name))].sort(
    (left, right) => right.length - left.length,
  );
  const found: string[] = [];
  for (const name of names) {
    if (name.length < 4 || !remaining.includes(name.toLowerCase())) continue;
    found.push(name);
    remaining = remaining.replaceAll(name.toLowerCase(), " ");
  }
  return found.sort();
}

function caseId(prompt: string, runner: string): string {
  const kebab = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
  const promptWords = kebab(prompt).split("-").slice(0, 8).join("-");
  return [promptWords, kebab(runner)].filter(Boolean).join("-") || "playground-draft";
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
