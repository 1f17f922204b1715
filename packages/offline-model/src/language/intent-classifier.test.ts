import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  confidenceThreshold,
  corpusDigest,
  corpusExamples,
  IntentClassifier,
  intentClassifier,
  type SavedIntentModel,
  savedModelUrl,
} from "./intent-classifier.ts";
import { conceptPhrases, tokenize } from "./normalize-text.ts";
import { paraphraseCorpus } from "./paraphrase-corpus.ts";
import { taskFamilies } from "./task-families.ts";

const decided = (text: string) => {
  const guess = intentClassifier().classify(text);
  return guess.confidence < confidenceThreshold ? "out-of-scope" : guess.family;
};

describe("the paraphrase corpus", () => {
  it("has at least 12 phrasings per family, at least 3 of them in the dev split", () => {
    for (const family of taskFamilies) {
      const { train, validation, dev } = paraphraseCorpus[family];
      expect(train.length + validation.length + dev.length, family).toBeGreaterThanOrEqual(12);
      expect(dev.length, family).toBeGreaterThanOrEqual(3);
    }
  });

  it("keeps the splits apart: no dev phrasing is also a train or validation one", () => {
    for (const family of taskFamilies) {
      const { train, validation, dev } = paraphraseCorpus[family];
      const seen = new Set([...train, ...validation].map((text) => text.toLowerCase()));
      for (const text of dev) expect(seen.has(text.toLowerCase()), text).toBe(false);
    }
  });

  it("takes every synonym from the train split, so none was added for a dev phrasing", () => {
    const trainWords = taskFamilies.flatMap((family) =>
      paraphraseCorpus[family].train.map((text) =>
        tokenize(text.replace(/\{\w+\}/g, "X")).flatMap((token) => [token.normal, token.lemma]),
      ),
    );
    const missing = conceptPhrases
      .map(([phrase]) => phrase)
      .filter((phrase) => {
        const words = phrase.split(" ");
        // In order, possibly apart ("turn the sync off" holds "turn off").
        return !trainWords.some((sentence) => {
          let at = 0;
          for (const word of words) {
            at = sentence.indexOf(word, at);
            if (at < 0) return false;
            at++;
          }
          return true;
        });
      });
    expect(missing).toEqual([]);
  });
});

describe("the intent classifier", () => {
  it("reads at least 90% of the dev split right (phrasings nothing was tuned on)", () => {
    const dev = corpusExamples("dev");
    const right = dev.filter((example) => decided(example.text) === example.family).length;
    const accuracy = right / dev.length;
    console.log(`dev split accuracy: ${right}/${dev.length} = ${(100 * accuracy).toFixed(1)}%`);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it("is loaded from a committed model that matches the corpus and the training code", () => {
    const saved = JSON.parse(readFileSync(savedModelUrl, "utf8")) as SavedIntentModel;
    // A changed corpus or setting needs `tsx scripts/train-intent-classifier.ts`.
    expect(saved.corpusDigest).toBe(corpusDigest());
    const fresh = new IntentClassifier(corpusExamples("train"));
    for (const example of [...corpusExamples("validation"), ...corpusExamples("dev")]) {
      expect(intentClassifier().classify(example.text).family, example.text).toBe(
        fresh.classify(example.text).family,
      );
    }
  }, 120_000);

  it("decides the same way every time, in a few milliseconds once a text was seen", () => {
    const texts = corpusExamples("dev").map((example) => example.text);
    const first = texts.map(decided);
    const started = performance.now();
    const second = texts.map(decided);
    const perRequest = (performance.now() - started) / texts.length;
    expect(second).toEqual(first);
    expect(perRequest).toBeLessThan(5);
  });

  it("sends a request with no task words to the honest fallback", () => {
    expect(decided("tell me a story about dragons")).toBe("out-of-scope");
    expect(decided("Which flows failed today?")).toBe("failed-runs");
  });
});
