/**
 * Which task family a request belongs to: naive Bayes and a softmax regression over the request's
 * normalized unigrams, bigrams and question-word pairs (`normalize-text.ts`), trained on the
 * train split of the paraphrase corpus the first time it is needed. Same corpus, same model: no
 * randomness.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { conceptPhrases, conceptSequence, withBigrams } from "./normalize-text.ts";
import { paraphraseCorpus, placeholderNames } from "./paraphrase-corpus.ts";
import { type TaskFamily, taskFamilies } from "./task-families.ts";

const conceptNames = new Set(conceptPhrases.map(([, concept]) => concept));

export interface LabelledText {
  text: string;
  family: TaskFamily;
}

export interface IntentGuess {
  family: TaskFamily;
  /** Posterior probability of `family`. */
  confidence: number;
  /** Every family, most likely first. */
  ranking: Array<{ family: TaskFamily; probability: number }>;
}

/**
 * The probability below which a request counts as not understood; chosen on the validation split
 * (`pnpm --filter @celigo-agents/offline-model exec tsx scripts/measure-intent-accuracy.ts`), never
 * on dev.
 */
export const confidenceThreshold = 0.3;

/** Fills `{flow}` and the like with names, rotating through them so no family owns a name. */
export function fillPlaceholders(text: string, turn: number): string {
  let count = 0;
  return text.replace(/\{(flow|integration|connection|user)\}/g, (_whole, kind: string) => {
    const names = placeholderNames[kind] ?? [kind];
    return names[(turn + count++) % names.length] ?? kind;
  });
}

/** The corpus's examples of one split, placeholders filled. */
export function corpusExamples(split: "train" | "validation" | "dev"): LabelledText[] {
  const examples: LabelledText[] = [];
  let turn = split === "dev" ? 7 : split === "validation" ? 3 : 0;
  for (const family of taskFamilies) {
    for (const text of paraphraseCorpus[family][split]) {
      examples.push({ text: fillPlaceholders(text, turn++), family });
    }
  }
  return examples;
}

/**
 * Words of the names that fill the placeholders and of no phrasing around them: they say which
 * record, not what to do, so they are no evidence for a family ("Amazon Orders" is no likelier a
 * retry than a read).
 */
/** Nouns that name a kind of record, not a record: they stay evidence ("list the flows"). */
const kindNouns = new Set(["flow", "integration", "connection", "job", "run", "record", "user"]);
let nameWordSet: Set<string> | undefined;
function nameWords(): Set<string> {
  nameWordSet ??= new Set(
    Object.values(placeholderNames)
      .flat()
      .flatMap((name) => conceptSequence(name))
      .filter((word) => !kindNouns.has(word) && !conceptNames.has(word)),
  );
  return nameWordSet;
}

/** The words of a request that may say what to do: concepts and lemmas, names left out. */
export function intentWords(text: string): string[] {
  const names = nameWords();
  return conceptSequence(text.replace(/\b[0-9a-f]{24}\b/gi, " identifier ")).filter(
    (word) => !names.has(word),
  );
}

const questionWords = new Set(["who", "why", "when", "what", "which", "how"]);

/**
 * Features of a request's words: unigrams, bigrams, the first word (a request's verb or question
 * word says most) and each question word paired with the words after it ("who ... change").
 */
export function intentFeatures(words: readonly string[]): string[] {
  const found = withBigrams(words);
  if (words[0]) found.push(`first:${words[0]}`);
  const question = words.findIndex((word) => questionWords.has(word));
  if (question >= 0) {
    for (const word of words.slice(question + 1)) found.push(`${words[question]}+${word}`);
  }
  return found;
}

interface SavedRegression {
  features: string[];
  weights: number[];
  bias: number[];
}

/** A trained classifier as data: what `intent-model.json` holds. */
export interface SavedIntentModel {
  /** Digest of the corpus it was trained on, so a stale model is noticed. */
  corpusDigest: string;
  families: string[];
  known: string[];
  regression: SavedRegression;
  bayes: Record<string, number[]>;
}

/** Six significant digits keep the saved model small and its decisions unchanged. */
const rounded = (value: number) => Number(value.toPrecision(6));

export interface TrainingOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty on the regression's weights. */
  regularization: number;
  /** Laplace smoothing of naive Bayes. */
  smoothing: number;
}

/**
 * Chosen on the validation split (`scripts/measure-intent-accuracy.ts`), never on dev.
 */
export const defaultTraining: TrainingOptions = {
  epochs: 400,
  learningRate: 2,
  regularization: 0.0005,
  smoothing: 0.3,
};

/**
 * A softmax (multinomial logistic) regression over binary features, trained by full-batch
 * gradient descent from zero weights: the same corpus always gives the same weights.
 */
class SoftmaxRegression {
  readonly #featureIndex = new Map<string, number>();
  #weights: Float64Array;
  #bias: Float64Array;

  static load(saved: SavedRegression): SoftmaxRegression {
    const regression = new SoftmaxRegression([], { ...defaultTraining, epochs: 0 });
    for (const [index, feature] of saved.features.entries()) {
      regression.#featureIndex.set(feature, index);
    }
    regression.#weights = Float64Array.from(saved.weights);
    regression.#bias = Float64Array.from(saved.bias);
    return regression;
  }

  save(): SavedRegression {
    return {
      features: [...this.#featureIndex.keys()],
      weights: [...this.#weights].map(rounded),
      bias: [...this.#bias].map(rounded),
    };
  }

  constructor(
    examples: ReadonlyArray<{ label: number; words: readonly string[] }>,
    options: TrainingOptions,
  ) {
    const classes = taskFamilies.length;
    const rows = examples.map((example) => ({
      label: example.label,
      features: this.#indexes(example.words, true),
    }));
    const width = this.#featureIndex.size;
    this.#weights = new Float64Array(classes * width);
    this.#bias = new Float64Array(classes);
    const gradient = new Float64Array(classes * width);
    const biasGradient = new Float64Array(classes);
    const probabilities = new Float64Array(classes);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      gradient.fill(0);
      biasGradient.fill(0);
      for (const row of rows) {
        this.#probabilities(row.features, probabilities);
        for (let label = 0; label < classes; label++) {
          const error = (probabilities[label] ?? 0) - (label === row.label ? 1 : 0);
          biasGradient[label] = (biasGradient[label] ?? 0) + error;
          for (const feature of row.features) {
            const at = label * width + feature;
            gradient[at] = (gradient[at] ?? 0) + error;
          }
        }
      }
      const step = options.learningRate / Math.max(1, rows.length);
      for (let at = 0; at < this.#weights.length; at++) {
        const weight = this.#weights[at] ?? 0;
        this.#weights[at] =
          weight -
          step * (gradient[at] ?? 0) -
          options.learningRate * options.regularization * weight;
      }
      for (let label = 0; label < classes; label++) {
        this.#bias[label] = (this.#bias[label] ?? 0) - step * (biasGradient[label] ?? 0);
      }
    }
  }

  #indexes(words: readonly string[], grow: boolean): number[] {
    const found = new Set<number>();
    for (const feature of intentFeatures(words)) {
      let index = this.#featureIndex.get(feature);
      if (index === undefined && grow) {
        index = this.#featureIndex.size;
        this.#featureIndex.set(feature, index);
      }
      if (index !== undefined) found.add(index);
    }
    return [...found];
  }

  #probabilities(features: readonly number[], into: Float64Array): void {
    const width = this.#featureIndex.size;
    let best = Number.NEGATIVE_INFINITY;
    for (let label = 0; label < into.length; label++) {
      let score = this.#bias[label] ?? 0;
      for (const feature of features) score += this.#weights[label * width + feature] ?? 0;
      into[label] = score;
      if (score > best) best = score;
    }
    let sum = 0;
    for (let label = 0; label < into.length; label++) {
      const weight = Math.exp((into[label] ?? 0) - best);
      into[label] = weight;
      sum += weight;
    }
    for (let label = 0; label < into.length; label++) into[label] = (into[label] ?? 0) / sum;
  }

  probabilities(words: readonly string[]): Float64Array {
    const probabilities = new Float64Array(taskFamilies.length);
    this.#probabilities(this.#indexes(words, false), probabilities);
    return probabilities;
  }
}

/** Multinomial naive Bayes with Laplace smoothing and a uniform prior over families. */
class NaiveBayes {
  readonly #logLikelihood = new Map<string, Float64Array>();

  static load(saved: Record<string, number[]>): NaiveBayes {
    const bayes = new NaiveBayes([], 1);
    for (const [feature, row] of Object.entries(saved))
      bayes.#logLikelihood.set(feature, Float64Array.from(row));
    return bayes;
  }

  save(): Record<string, number[]> {
    return Object.fromEntries(
      [...this.#logLikelihood].map(([feature, row]) => [feature, [...row].map(rounded)]),
    );
  }

  constructor(rows: ReadonlyArray<{ label: number; words: readonly string[] }>, smoothing: number) {
    const counts = new Map<string, Float64Array>();
    const totals = new Float64Array(taskFamilies.length);
    for (const row of rows) {
      for (const feature of intentFeatures(row.words)) {
        let counted = counts.get(feature);
        if (!counted) {
          counted = new Float64Array(taskFamilies.length);
          counts.set(feature, counted);
        }
        counted[row.label] = (counted[row.label] ?? 0) + 1;
        totals[row.label] = (totals[row.label] ?? 0) + 1;
      }
    }
    const denominators = totals.map((total) => total + smoothing * counts.size);
    for (const [feature, counted] of counts) {
      this.#logLikelihood.set(
        feature,
        counted.map((count, label) => Math.log((count + smoothing) / (denominators[label] ?? 1))),
      );
    }
  }

  probabilities(words: readonly string[]): Float64Array {
    const scores = new Float64Array(taskFamilies.length);
    for (const feature of intentFeatures(words)) {
      const row = this.#logLikelihood.get(feature);
      if (!row) continue;
      for (let label = 0; label < scores.length; label++)
        scores[label] = (scores[label] ?? 0) + (row[label] ?? 0);
    }
    const best = Math.max(...scores);
    const weights = scores.map((score) => Math.exp(score - best));
    const sum = weights.reduce((total, weight) => total + weight, 0);
    return weights.map((weight) => weight / sum);
  }
}

/**
 * The two models' probabilities averaged: naive Bayes adds up the evidence of every word, which
 * carries over to phrasings unlike the corpus's; the regression weighs features against each
 * other. On the validation split the average beats either alone.
 */
export class IntentClassifier {
  readonly #known: Set<string>;
  readonly #regression: SoftmaxRegression;
  readonly #bayes: NaiveBayes;

  /** Trains on labelled examples, or loads a model saved by `save`. */
  constructor(
    source: readonly LabelledText[] | SavedIntentModel,
    options: TrainingOptions = defaultTraining,
  ) {
    if (!Array.isArray(source)) {
      const saved = source as SavedIntentModel;
      this.#known = new Set(saved.known);
      this.#regression = SoftmaxRegression.load(saved.regression);
      this.#bayes = NaiveBayes.load(saved.bayes);
      return;
    }
    const rows = (source as readonly LabelledText[]).map((example) => ({
      label: taskFamilies.indexOf(example.family),
      words: intentWords(example.text),
    }));
    this.#known = new Set(rows.flatMap((row) => row.words));
    this.#regression = new SoftmaxRegression(rows, options);
    this.#bayes = new NaiveBayes(rows, options.smoothing);
  }

  /** The trained model as JSON-ready data (`scripts/train-intent-classifier.ts` commits it). */
  save(corpusDigest: string): SavedIntentModel {
    return {
      corpusDigest,
      families: [...taskFamilies],
      known: [...this.#known].sort(),
      regression: this.#regression.save(),
      bayes: this.#bayes.save(),
    };
  }

  /** Families ranked by probability. */
  classify(text: string): IntentGuess {
    // Words the model never saw carry no evidence; leaving them out keeps the bigrams of the
    // words around them ("pause the Magento flow" reads like "pause the flow").
    const words = intentWords(text).filter((word) => this.#known.has(word));
    const regression = this.#regression.probabilities(words);
    const bayes = this.#bayes.probabilities(words);
    const ranking = taskFamilies
      .map((family, index) => ({
        family,
        probability: ((regression[index] ?? 0) + (bayes[index] ?? 0)) / 2,
      }))
      .sort((left, right) => right.probability - left.probability);
    const top = ranking[0] ?? { family: "out-of-scope" as TaskFamily, probability: 1 };
    return { family: top.family, confidence: top.probability, ranking };
  }

  /** True when some word of the request is one the model knows. */
  knowsAny(text: string): boolean {
    return intentWords(text).some((word) => this.#known.has(word));
  }
}

/** A digest of what training reads: the train split (names filled) and the settings. */
export function corpusDigest(): string {
  return createHash("sha256")
    .update(JSON.stringify({ examples: corpusExamples("train"), defaultTraining }))
    .digest("hex")
    .slice(0, 16);
}

export const savedModelUrl = new URL("./intent-model.json", import.meta.url);

let trained: IntentClassifier | undefined;

/**
 * The classifier of the corpus's train split: the committed `intent-model.json` (a test checks
 * it matches the corpus), so a process does not spend seconds training before its first answer.
 */
export function intentClassifier(): IntentClassifier {
  if (!trained) {
    const saved = JSON.parse(readFileSync(savedModelUrl, "utf8")) as SavedIntentModel;
    trained = new IntentClassifier(saved);
  }
  return trained;
}
