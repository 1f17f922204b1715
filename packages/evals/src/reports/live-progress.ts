/**
 * Live progress: a cli-progress bar (runs done, passing, ETA) on a terminal, one plain line per
 * finished run otherwise (CI logs stay readable).
 */
import { Presets, SingleBar } from "cli-progress";
import pc from "picocolors";
import type { RunRecord } from "../runs/run-record.ts";
import { formatMilliseconds } from "./report-format.ts";

export interface Progress {
  runFinished(record: RunRecord): void;
  stop(): void;
}

export function createProgress(
  total: number,
  stream: NodeJS.WriteStream = process.stdout,
): Progress {
  let done = 0;
  let passing = 0;
  if (stream.isTTY) {
    const bar = new SingleBar(
      {
        format: "{bar} {value}/{total} runs | {passing} passing | ETA {eta_formatted} | {last}",
        stream,
        hideCursor: true,
        etaBuffer: 8,
      },
      Presets.shades_classic,
    );
    bar.start(total, 0, { passing: 0, last: "" });
    return {
      runFinished(record) {
        if (record.passed) passing++;
        bar.increment({ passing, last: `${record.framework} ${record.caseId}` });
      },
      stop: () => bar.stop(),
    };
  }
  const started = Date.now();
  return {
    runFinished(record) {
      done++;
      if (record.passed) passing++;
      const elapsed = Date.now() - started;
      const eta =
        done < total ? ` · ETA ${formatMilliseconds((elapsed / done) * (total - done))}` : "";
      const mark = record.passed
        ? pc.green("pass")
        : pc.red(record.status === "failed" ? "fail" : record.status);
      stream.write(
        `[${done}/${total}] ${mark} ${record.framework} · ${record.model} · ${record.exposure} · ${record.caseId} #${record.repeat} (${formatMilliseconds(record.durationMs)}) · ${passing} passing${eta}\n`,
      );
    },
    stop() {},
  };
}
