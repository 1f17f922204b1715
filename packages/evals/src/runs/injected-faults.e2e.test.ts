import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { injectedFaultsNotice } from "../reports/report-format.ts";
import { evalsPackageDirectory, runEvalCli } from "../test-fixtures/eval-cli.ts";
import { readResults } from "./results-file.ts";
import { readRunMetadata } from "./run-metadata.ts";

const _packageDirectory = evalsPackageDirectory;
const evalCli = (args: string[]) => runEvalCli(args);

describe("pnpm eval --fault", () => {
  let out: string;
  let finished: Awaited<ReturnType<typeof evalCli>>;
  beforeAll(async () => {
    out = path.join(await mkdtemp(path.join(tmpdir(), "evals-faults-")), "run");
    // Every attempt fails: no retry can save a run, so each one shows the fault got through.
    finished = await evalCli([
      "--cases",
      "cases/offline-connection.yaml",
      "--frameworks",
      "ai-sdk",
      "--fault",
      "http-500:1",
      "--retries",
      "0",
      "--no-profile",
      "--out",
      out,
    ]);
  }, 120_000);
  afterAll(async () => {
    await rm(path.dirname(out), { recursive: true, force: true });
  });

  it("makes the offline model fail as asked, and says so in the terminal and report.md", async () => {
    expect(finished.code, finished.stderr).toBe(0);
    const { records } = await readResults(out);
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record?.status).toBe("infrastructure-error");
    expect(record?.error?.message).toMatch(
      /The offline model at http:\/\/127\.0\.0\.1:\d+\/v1 failed \(HTTP 500/,
    );
    const notice = injectedFaultsNotice([{ kind: "http-500", rate: 1 }]);
    expect(finished.stdout).toContain(notice);
    expect(await readFile(path.join(out, "report.md"), "utf8")).toContain(notice);
  });

  it("records the faults in run.json and on the offline model in its manifest", async () => {
    const metadata = await readRunMetadata(out);
    expect(metadata.faults).toEqual([{ kind: "http-500", rate: 1 }]);
    expect(metadata.manifest?.models).toEqual([
      expect.objectContaining({ name: "offline", faults: [{ kind: "http-500", rate: 1 }] }),
    ]);
  });

  it("refuses other faults on --resume, and a fault with no offline model to inject it", async () => {
    const resumed = await evalCli(["--resume", out, "--fault", "http-429:0.3"]);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain(
      `--fault http-429:0.3 conflicts with the run in ${out}, which was measured with --fault http-500:1.`,
    );
    const real = await evalCli(["--model", "openai/gpt-5", "--fault", "http-500:0.3"]);
    expect(real.code).toBe(2);
    expect(real.stderr).toContain("--fault injects faults into the eval's offline model");
    const wrong = await evalCli(["--fault", "http-500"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("--fault takes kind:rate with kind one of");
  }, 60_000);
});
