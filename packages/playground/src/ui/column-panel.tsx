/**
 * One runner's column: its conversation (answers, tool-call lines, approvals), a footer with
 * the last turn's steps, tool calls, tokens, cost and latency, the Changes view and Save as case.
 */
import { useEffect, useState } from "preact/hooks";
import type {
  ApprovalView,
  ColumnStatus,
  ColumnView,
  ToolCallView,
  TurnMetrics,
  TurnView,
} from "../column-view.ts";
import { post } from "./actions.ts";
import { formatCost, formatCount, formatMilliseconds } from "./format.ts";

const statusLabels: Record<ColumnStatus, string> = {
  preparing: "starting",
  ready: "ready",
  running: "answering",
  waiting: "waiting for approval",
  failed: "failed",
};

interface ColumnPanelProps {
  column: ColumnView;
  changesAvailable: boolean;
  onNotice: (message: string) => void;
}

export function ColumnPanel({ column, changesAvailable, onNotice }: ColumnPanelProps) {
  const { runner, status, turns } = column;
  const last = turns.at(-1);
  const finished = turns.filter((turn) => turn.metrics !== undefined);
  const busy = last?.running === true;
  const [saved, setSaved] = useState("");
  // A new conversation has saved nothing yet.
  useEffect(() => {
    if (turns.length === 0) setSaved("");
  }, [turns.length]);

  const saveCase = async () => {
    const result = await post("/api/cases", { runner });
    if (result.ok) setSaved(`Saved ${String(result.value.file)}`);
    else onNotice(result.message);
  };

  return (
    <section class="column" data-runner={runner} data-status={status} aria-label={runner}>
      <header class="column-header">
        <h2>{runner}</h2>
        <span class={`status status-${status}`}>{statusLabels[status]}</span>
      </header>
      {column.detail && <p class="column-detail">{column.detail}</p>}
      <div class="transcript">
        {turns.map((turn, index) => (
          <Turn key={`${runner}-${index}`} turn={turn} runner={runner} onNotice={onNotice} />
        ))}
      </div>
      <footer class="column-footer">
        {finished.at(-1)?.metrics && <Metrics metrics={finished.at(-1)?.metrics as TurnMetrics} />}
        <ChangesView turns={turns} available={changesAvailable} />
        <div class="column-actions">
          <button type="button" onClick={saveCase} disabled={busy || turns.length === 0}>
            Save as case
          </button>
          <span class="saved" role="status">
            {saved}
          </span>
        </div>
      </footer>
    </section>
  );
}

function Turn({
  turn,
  runner,
  onNotice,
}: {
  turn: TurnView;
  runner: string;
  onNotice: (message: string) => void;
}) {
  return (
    <article class="turn" data-running={turn.running ? "true" : "false"}>
      <p class="prompt">{turn.prompt}</p>
      {turn.items.map((item, index) => {
        if (item.kind === "text") {
          return (
            <div key={`text-${index}`} class="answer">
              {item.text}
            </div>
          );
        }
        if (item.kind === "tool") return <ToolCallLine key={item.call.id} call={item.call} />;
        return (
          <ApprovalBox
            key={item.approval.id}
            approval={item.approval}
            runner={runner}
            onNotice={onNotice}
          />
        );
      })}
      {turn.running && <p class="working">working…</p>}
      {turn.error && (
        <p class="run-error" data-code={turn.error.code}>
          {turn.error.message}
        </p>
      )}
    </article>
  );
}

function ToolCallLine({ call }: { call: ToolCallView }) {
  return (
    <details class={`tool-call tool-${call.status}`} data-tool={call.slug}>
      <summary>
        <code>{call.slug}</code>
        {call.innerSlugs.length > 0 && <span> → {call.innerSlugs.join(", ")}</span>}
        {call.targets.length > 0 && <span class="targets"> · {call.targets.join(", ")}</span>}
        <span class="call-status"> · {call.status}</span>
        {call.durationMs !== undefined && <span> · {formatMilliseconds(call.durationMs)}</span>}
      </summary>
      <h3>Arguments</h3>
      <pre>{call.argumentsText}</pre>
      {call.resultText !== undefined && (
        <>
          <h3>Result</h3>
          <pre>{call.resultText}</pre>
        </>
      )}
    </details>
  );
}

function ApprovalBox({
  approval,
  runner,
  onNotice,
}: {
  approval: ApprovalView;
  runner: string;
  onNotice: (message: string) => void;
}) {
  const answer = async (approved: boolean) => {
    const result = await post("/api/approvals", { runner, id: approval.id, approved });
    if (!result.ok) onNotice(result.message);
  };
  const inner = approval.innerSlugs.length > 0 ? ` → ${approval.innerSlugs.join(", ")}` : "";
  return (
    <fieldset class="approval">
      <legend>
        Approval needed: <code>{approval.slug}</code>
        {inner}
        {approval.targets.length > 0 && ` · ${approval.targets.join(", ")}`}
      </legend>
      <p class="reason">{approval.reason}</p>
      <details>
        <summary>Arguments</summary>
        <pre>{approval.argumentsText}</pre>
      </details>
      {approval.answer ? (
        <p class="answered">{approval.answer === "approved" ? "Approved" : "Refused"}</p>
      ) : (
        <div class="approval-buttons">
          <button type="button" class="approve" onClick={() => answer(true)}>
            Approve
          </button>
          <button type="button" class="refuse" onClick={() => answer(false)}>
            Refuse
          </button>
        </div>
      )}
    </fieldset>
  );
}

function Metrics({ metrics }: { metrics: TurnMetrics }) {
  const entries: Array<[string, string]> = [
    ["steps", formatCount(metrics.steps)],
    ["tool calls", formatCount(metrics.toolCalls)],
    ["tokens", `${formatCount(metrics.inputTokens)} in / ${formatCount(metrics.outputTokens)} out`],
    ["cost", formatCost(metrics.costUsd)],
    ["latency", formatMilliseconds(metrics.durationMs)],
  ];
  return (
    <dl class="metrics">
      {entries.map(([term, value]) => (
        <div key={term} data-metric={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ChangesView({ turns, available }: { turns: TurnView[]; available: boolean }) {
  const counted = turns.filter((turn) => turn.changes !== undefined);
  const total = counted.reduce((sum, turn) => sum + (turn.changes?.length ?? 0), 0);
  return (
    <details class="changes">
      <summary>Changes ({available ? total : "n/a"})</summary>
      {!available && <p>Real services give no account snapshot, so changes are not shown.</p>}
      {available && counted.length === 0 && <p>Nothing has run yet.</p>}
      {available &&
        counted.map((turn, index) => (
          <div key={`changes-${index}`} class="turn-changes">
            <h3 class="changes-prompt">{turn.prompt}</h3>
            {turn.changes?.length === 0 ? (
              <p>No changes.</p>
            ) : (
              <ul>
                {turn.changes?.map((change, at) => (
                  <li key={`change-${at}`}>{change.text}</li>
                ))}
              </ul>
            )}
          </div>
        ))}
    </details>
  );
}
