/**
 * The page: a prompt box, the runner choice, and one column per runner, all fed by one event
 * stream from the server (a snapshot first, then every column's events).
 */
import { useEffect, useLayoutEffect, useState } from "preact/hooks";
import {
  applyEvent,
  type ColumnView,
  type PlaygroundEvent,
  type PlaygroundInfo,
} from "../column-view.ts";
import { post } from "./actions.ts";
import { ColumnPanel } from "./column-panel.tsx";
import { PromptForm } from "./prompt-form.tsx";

/** The state the server put in the page, so it shows before the event stream connects. */
function initialState(): Extract<PlaygroundEvent, { type: "snapshot" }> | undefined {
  const text = document.getElementById("initial-state")?.textContent;
  if (!text) return undefined;
  const event = JSON.parse(text) as PlaygroundEvent;
  return event.type === "snapshot" ? event : undefined;
}

export function App() {
  const [initial] = useState(initialState);
  const [info, setInfo] = useState<PlaygroundInfo | undefined>(initial?.info);
  const [columns, setColumns] = useState<ColumnView[]>(initial?.columns ?? []);
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set(initial?.info.runners));
  const [lost, setLost] = useState(false);
  const [notice, setNotice] = useState("");

  useEffect(() => {
    const events = new EventSource("/api/events");
    events.onopen = () => setLost(false);
    events.onerror = () => setLost(true);
    events.onmessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as PlaygroundEvent;
      if (event.type === "snapshot") {
        setInfo(event.info);
        setShown((current) => (current.size > 0 ? current : new Set(event.info.runners)));
      }
      setColumns((current) => applyEvent(current, event));
    };
    return () => events.close();
  }, []);

  // Tests and the benchmark wait for this: the state is on the page and its controls work.
  // A layout effect runs as the render commits, not a frame later.
  useLayoutEffect(() => {
    if (!info || document.body.dataset.ready) return;
    document.body.dataset.ready = "true";
    document.body.dataset.readyAtMs = String(Math.round(performance.now()));
  }, [info]);

  const visible = columns.filter((column) => shown.has(column.runner));
  const running = columns.some((column) => column.turns.at(-1)?.running === true);
  const report = (result: { ok: boolean; message?: string }) =>
    setNotice(result.ok ? "" : (result.message ?? ""));

  const toggle = (runner: string, on: boolean) => {
    const next = new Set(shown);
    if (on) next.add(runner);
    else next.delete(runner);
    setShown(next);
  };

  return (
    <div class="page">
      <header class="page-header">
        <h1>Celigo agents playground</h1>
        {info && <SessionLine info={info} lost={lost} />}
      </header>
      <PromptForm
        running={running}
        onSubmit={async (prompt) => {
          const result = await post("/api/prompt", { prompt, runners: [...shown] });
          report(result);
          return result.ok;
        }}
        onStop={async () => report(await post("/api/stop", {}))}
        onNewConversation={async () => report(await post("/api/new-conversation", {}))}
      />
      {info && (
        <fieldset class="runner-choice">
          <legend>Runners</legend>
          {info.runners.map((runner) => (
            <label key={runner}>
              <input
                type="checkbox"
                checked={shown.has(runner)}
                onChange={(event) => toggle(runner, event.currentTarget.checked)}
              />
              {runner}
            </label>
          ))}
        </fieldset>
      )}
      <p class="notice" role="alert">
        {notice}
      </p>
      <main class="columns">
        {visible.map((column) => (
          <ColumnPanel
            key={column.runner}
            column={column}
            changesAvailable={info?.changesAvailable ?? false}
            onNotice={setNotice}
          />
        ))}
        {info && visible.length === 0 && <p>Choose at least one runner above.</p>}
      </main>
    </div>
  );
}

function SessionLine({ info, lost }: { info: PlaygroundInfo; lost: boolean }) {
  return (
    <div class="session-line">
      <p>
        {info.source} · {info.exposure} exposure · model {info.model}
        {lost ? " · lost the server: is pnpm playground still running? Reconnecting…" : ""}
      </p>
      {info.offlineModel && (
        <p class="disclaimer">
          offline model: deterministic, for wiring and demos; use a real model to compare agents
        </p>
      )}
      <p>
        {info.sharedAccount
          ? "Real services: every column works on the same account, so a change made in one column shows in the others."
          : `Each column has its own fresh sandbox account (${info.scenario ?? "scenario"}, clock from ${info.now ?? "now"}): a change in one column never reaches another.`}
      </p>
    </div>
  );
}
