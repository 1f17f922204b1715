import { describe, expect, it } from "vitest";
import { compareManifests, injectedFaults } from "./compare-manifests.ts";
import { modelProvenance } from "./run-manifest.ts";
import { manifestOf } from "./test-fixtures/results-folders.ts";

describe("comparing manifests", () => {
  it("warns when the offline model injected other faults, naming both sets", () => {
    const plain = manifestOf({ "offline-connection": "a" });
    const faulted = manifestOf(
      { "offline-connection": "a" },
      {
        models: [
          modelProvenance("offline", [
            { kind: "http-500", rate: 0.3 },
            { kind: "http-429", rate: 0.3 },
          ]),
        ],
      },
    );
    expect(injectedFaults(plain)).toBe("none");
    expect(injectedFaults(faulted)).toBe("http-500 at 30%, http-429 at 30%");
    expect(compareManifests(plain, faulted).warnings).toEqual([
      "The offline model's injected faults differ (none → http-500 at 30%, http-429 at 30%): pass rates and latency move with them.",
    ]);
    expect(compareManifests(faulted, faulted).warnings).toEqual([]);
  });
});
