/**
 * Prints the intent classifier's accuracy: on the validation split for a few settings and
 * thresholds (what `defaultTraining` and `confidenceThreshold` are chosen on), then on the dev
 * split once with the chosen values, and how long training and one request take.
 */
import {
  confidenceThreshold,
  corpusExamples,
  defaultTraining,
  IntentClassifier,
  type LabelledText,
  type TrainingOptions,
} from "../src/language/intent-classifier.ts";

const train = corpusExamples("train");
const validation = corpusExamples("validation");
const dev = corpusExamples("dev");
const decided = (family: string, confidence: number, limit: number) =>
  confidence < limit ? "out-of-scope" : family;
const percent = (right: number, all: number) => `${((100 * right) / all).toFixed(1)}%`;

function accuracy(model: IntentClassifier, examples: LabelledText[], limit: number) {
  const wrong: string[] = [];
  for (const example of examples) {
    const guess = model.classify(example.text);
    const family = decided(guess.family, guess.confidence, limit);
    if (family !== example.family)
      wrong.push(
        `  "${example.text}": ${example.family} read as ${family} (${guess.confidence.toFixed(2)})`,
      );
  }
  return { right: examples.length - wrong.length, wrong };
}

const settings: TrainingOptions[] = [
  defaultTraining,
  { ...defaultTraining, smoothing: 1 },
  { ...defaultTraining, epochs: 150, learningRate: 1 },
  { ...defaultTraining, regularization: 0.002 },
];
for (const options of settings) {
  const model = new IntentClassifier(train, options);
  const line = [0, 0.2, 0.3, 0.4, 0.5]
    .map(
      (limit) =>
        `threshold ${limit} ${percent(accuracy(model, validation, limit).right, validation.length)}`,
    )
    .join(", ");
  console.log(`validation, ${JSON.stringify(options)}: ${line}`);
}

const started = performance.now();
const model = new IntentClassifier(train);
console.log(
  `trained on ${train.length} train examples in ${Math.round(performance.now() - started)} ms`,
);
const devResult = accuracy(model, dev, confidenceThreshold);
console.log(
  `dev split (threshold ${confidenceThreshold}): ${devResult.right}/${dev.length} = ${percent(devResult.right, dev.length)}`,
);
if (process.argv.includes("--show-dev-errors")) console.log(devResult.wrong.join("\n"));
const timed = performance.now();
for (const example of dev) model.classify(`${example.text} please`);
console.log(
  `one request: ${((performance.now() - timed) / dev.length).toFixed(2)} ms (text not seen before)`,
);
