/**
 * Trains the intent classifier on the corpus's train split and writes
 * `src/language/intent-model.json`, which the offline model loads at start-up. Run it after
 * changing the corpus, the normalization or the training settings; a test fails until you do.
 */
import { writeFileSync } from "node:fs";
import {
  corpusDigest,
  corpusExamples,
  IntentClassifier,
  savedModelUrl,
} from "../src/language/intent-classifier.ts";

const started = performance.now();
const model = new IntentClassifier(corpusExamples("train")).save(corpusDigest());
writeFileSync(savedModelUrl, `${JSON.stringify(model)}\n`);
console.log(
  `trained in ${Math.round(performance.now() - started)} ms: ${model.regression.features.length} features, ${model.known.length} words; wrote ${savedModelUrl.pathname}`,
);
