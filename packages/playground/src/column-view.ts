/**
 * What the page shows, and the events that change it. The server keeps the same state with the
 * same reducer, so a page that connects late (or reloads) starts from a snapshot and then
 * follows the events. Plain data only: this module is bundled into the page too.
 */
import type { StateChange } from "@celigo-agents/evals";

export type ColumnStatus = "preparing" | "ready" | "running" | "waiting" | "failed";

export interface ToolCallView {
  /** Unique within the column. */
  id: string;
  name: string;
  slug: string;
  /** For a router call: the Celigo tools it runs. */
  innerSlugs: string[];
  /** The records the call names, by name (ids looked up in the account). */
  targets: string[];
  /** Pretty JSON, cut when very long. */
  argumentsText: string;
  resultText?: string;
  /** `stopped`: the turn ended (Stop, an error) before the call reported back. */
  status: "running" | "ok" | "error" | "refused" | "stopped";
  durationMs?: number;
}

export interface ApprovalView {
  id: string;
  slug: string;
  innerSlugs: string[];
  targets: string[];
  /** The tool policy's words, shown as they are. */
  reason: string;
  argumentsText: string;
  answer?: "approved" | "refused";
}

export type TurnItem =
  | { kind: "text"; text: string }
  | { kind: "tool"; call: ToolCallView }
  | { kind: "approval"; approval: ApprovalView };

export interface TurnMetrics {
  steps: number;
  toolCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** Undefined when the model's price is unknown. */
  costUsd?: number | undefined;
  durationMs: number;
}

export interface TurnView {
  prompt: string;
  items: TurnItem[];
  running: boolean;
  metrics?: TurnMetrics;
  error?: { code: string; message: string };
  /** What this turn changed in the column's account; undefined while unknown. */
  changes?: StateChange[];
}

export interface ColumnView {
  runner: string;
  status: ColumnStatus;
  /** Why the column failed, or what it is doing. */
  detail?: string;
  turns: TurnView[];
}

/** Facts about the whole page: where the tools and the model come from. */
export interface PlaygroundInfo {
  runners: string[];
  source: string;
  exposure: string;
  model: string;
  offlineModel: boolean;
  /** True when every column talks to the same real account (real services). */
  sharedAccount: boolean;
  /** False when the source has no state snapshots, so no Changes view. */
  changesAvailable: boolean;
  scenario?: string;
  now?: string;
}

export type PlaygroundEvent =
  | { type: "snapshot"; info: PlaygroundInfo; columns: ColumnView[] }
  | { type: "column"; column: ColumnView }
  | { type: "status"; runner: string; status: ColumnStatus; detail?: string }
  | { type: "turn-start"; runner: string; prompt: string }
  | { type: "text"; runner: string; text: string }
  | { type: "tool-start"; runner: string; call: ToolCallView }
  | { type: "tool-end"; runner: string; call: ToolCallView }
  | { type: "approval"; runner: string; approval: ApprovalView }
  | { type: "approval-answered"; runner: string; id: string; answer: "approved" | "refused" }
  | {
      type: "turn-end";
      runner: string;
      metrics: TurnMetrics;
      error?: { code: string; message: string };
    }
  | { type: "changes"; runner: string; changes: StateChange[] };

/** Applies one event to the columns; returns new objects for what changed (for the page). */
export function applyEvent(columns: ColumnView[], event: PlaygroundEvent): ColumnView[] {
  if (event.type === "snapshot") return event.columns;
  if (event.type === "column") {
    const exists = columns.some((column) => column.runner === event.column.runner);
    return exists
      ? columns.map((column) => (column.runner === event.column.runner ? event.column : column))
      : [...columns, event.column];
  }
  return columns.map((column) =>
    column.runner === event.runner ? applyColumnEvent(column, event) : column,
  );
}

type ColumnEvent = Exclude<PlaygroundEvent, { type: "snapshot" } | { type: "column" }>;

function applyColumnEvent(column: ColumnView, event: ColumnEvent): ColumnView {
  switch (event.type) {
    case "status":
      return { runner: column.runner, turns: column.turns, status: event.status, ...detail(event) };
    case "turn-start":
      return {
        ...column,
        turns: [...column.turns, { prompt: event.prompt, items: [], running: true }],
      };
    case "text":
      return updateLastTurn(column, (turn) => {
        const last = turn.items.at(-1);
        const items =
          last?.kind === "text"
            ? [...turn.items.slice(0, -1), { kind: "text" as const, text: last.text + event.text }]
            : [...turn.items, { kind: "text" as const, text: event.text }];
        return { ...turn, items };
      });
    case "tool-start":
      return updateLastTurn(column, (turn) => ({
        ...turn,
        items: [...turn.items, { kind: "tool", call: event.call }],
      }));
    case "tool-end":
      return updateLastTurn(column, (turn) => {
        const index = turn.items.findIndex(
          (item) => item.kind === "tool" && item.call.id === event.call.id,
        );
        const item = { kind: "tool" as const, call: event.call };
        const items =
          index === -1
            ? [...turn.items, item]
            : turn.items.map((existing, at) => (at === index ? item : existing));
        return { ...turn, items };
      });
    case "approval":
      return updateLastTurn(column, (turn) => ({
        ...turn,
        items: [...turn.items, { kind: "approval", approval: event.approval }],
      }));
    case "approval-answered":
      return updateLastTurn(column, (turn) => ({
        ...turn,
        items: turn.items.map((item) =>
          item.kind === "approval" && item.approval.id === event.id
            ? { kind: "approval", approval: { ...item.approval, answer: event.answer } }
            : item,
        ),
      }));
    case "turn-end":
      return updateLastTurn(column, (turn) => ({
        ...turn,
        items: turn.items.map((item) =>
          item.kind === "tool" && item.call.status === "running"
            ? { kind: "tool", call: { ...item.call, status: "stopped" } }
            : item,
        ),
        running: false,
        metrics: event.metrics,
        ...(event.error ? { error: event.error } : {}),
      }));
    case "changes":
      return updateLastTurn(column, (turn) => ({ ...turn, changes: event.changes }));
  }
}

function detail(event: { detail?: string }): { detail?: string } {
  return event.detail === undefined ? {} : { detail: event.detail };
}

function updateLastTurn(column: ColumnView, update: (turn: TurnView) => TurnView): ColumnView {
  const last = column.turns.at(-1);
  if (!last) return column;
  return { ...column, turns: [...column.turns.slice(0, -1), update(last)] };
}

/** The text of a turn's answer: every streamed text item, in order. */
export function answerText(turn: TurnView): string {
  return turn.items
    .flatMap((item) => (item.kind === "text" ? [item.text] : []))
    .join("")
    .trim();
}
