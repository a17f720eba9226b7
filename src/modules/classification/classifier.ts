/**
 * Suggests the service items an appeal's text most likely belongs to.
 *
 * Multinomial naive Bayes over jieba tokens, Dirichlet-smoothed (see MU). Naive Bayes rather
 * than a TF-IDF centroid because it is incremental by construction (training adds counts,
 * nothing is recomputed) and needs no corpus-wide IDF that would shift every centroid as
 * appeals arrive.
 *
 * The keyword/name prior is a pseudo-document per item: its keywords and name counted as if
 * seen in KEYWORD_WEIGHT and NAME_WEIGHT appeals. With no examples the model is then a
 * keyword matcher; as classified appeals accumulate their counts outweigh the pseudo-counts, so
 * the prior fades without any switch-over rule, and items that are rarely used keep it longest.
 *
 * Deterministic: the counts are integers, so the same items and examples in any order, or a
 * state restored from JSON, give bit-identical suggestions.
 */
import { tokenize } from './segmenter.ts';

/**
 * A service item as the taxonomy holds it. Its category is not used: giving the category's name
 * any weight in the prior lowered accuracy on the demo data, because ten broad names (人才服务,
 * 企业经营) pull texts towards whichever item of the category has the fewest own words.
 */
export interface ClassifierItem {
  id: number;
  name: string;
  keywords: string;
}

export interface TrainingExample {
  text: string;
  serviceItemId: number;
}

export interface Suggestion {
  serviceItemId: number;
  /** Share of the probability mass among all items, 0..1. */
  confidence: number;
  /** The text's words that pointed to this item most, strongest first. */
  terms: string[];
}

/** What toJSON() returns: the learned counts, not the prior, which is rebuilt from the items. */
export interface ClassifierState {
  version: 1;
  /** serviceItemId → number of examples and token counts learned from them. */
  learned: Record<string, { examples: number; counts: Record<string, number> }>;
}

export interface Classifier {
  /** Adds examples; those naming an item the classifier does not know are skipped. Returns how many were used. */
  train(examples: readonly TrainingExample[]): number;
  /** Up to `k` items, best first; empty when the text has no word the model knows. */
  suggest(text: string, k?: number): Suggestion[];
  /** Serialisable learned state; restore with createClassifier(items, state). */
  toJSON(): ClassifierState;
  readonly exampleCount: number;
}

// Pseudo-counts of the prior: keywords are the taxonomy owner's explicit signal, the name is
// partly boilerplate (申请, 服务, 办理). Tuned on a validation split of the training texts.
const KEYWORD_WEIGHT = 8;
const NAME_WEIGHT = 2;
/**
 * Dirichlet smoothing towards the word's frequency over all items, rather than add-α: a word
 * every appeal uses (协调, 员工, 街道) then scores about the same for every item, however few
 * examples an item has, instead of one lucky occurrence counting as strong evidence. With add-α,
 * two examples per item made the model worse than keywords alone. MU is large next to an item's
 * counts until it has a few hundred examples, so the words' evidence is damped while data is
 * scarce and the model tends to plain naive Bayes as it grows.
 *
 * PRIOR: there is no item-frequency prior. With the likelihoods damped like this, a frequency
 * prior outvotes the text for rarely used items (in a test with 12 examples for half the items
 * and 2 for the others, it cost the rare ones 13 points of top-1 accuracy).
 */
const MU = 3000;
/**
 * Scales the log-scores before the softmax so that, once a few examples per item are in, the
 * top suggestion's confidence tracks how often it is right (tuned on a validation split of the
 * training texts, reported on held-out ones by bench/classification.ts). Keyword-only
 * confidences come out at about half the real hit rate: under-confident, the safe side.
 */
const TEMPERATURE = 0.75;
const MAX_TERMS = 5;

export function createClassifier(items: readonly ClassifierItem[], state?: ClassifierState): Classifier {
  const ids = items.map((i) => i.id);
  const slotOf = new Map(ids.map((id, slot) => [id, slot]));
  const n = ids.length;
  /** token → (item slot → count): sparse, because most words belong to few items. */
  const counts = new Map<string, Map<number, number>>();
  const totals = new Float64Array(n);
  const tokenTotals = new Map<string, number>();
  let grandTotal = 0;
  const examples = new Float64Array(n);
  let exampleCount = 0;
  /** Learned counts only, kept apart from the prior for toJSON(). */
  const learned = new Map<number, Map<string, number>>();

  function add(slot: number, token: string, weight: number): void {
    let bySlot = counts.get(token);
    if (!bySlot) counts.set(token, (bySlot = new Map()));
    bySlot.set(slot, (bySlot.get(slot) ?? 0) + weight);
    totals[slot] = (totals[slot] ?? 0) + weight;
    tokenTotals.set(token, (tokenTotals.get(token) ?? 0) + weight);
    grandTotal += weight;
  }

  items.forEach((item, slot) => {
    for (const t of tokenize(item.keywords)) add(slot, t, KEYWORD_WEIGHT);
    for (const t of tokenize(item.name)) add(slot, t, NAME_WEIGHT);
  });

  function learn(slot: number, tokens: Iterable<[string, number]>, docs: number): void {
    const id = ids[slot] ?? 0;
    let mine = learned.get(id);
    if (!mine) learned.set(id, (mine = new Map()));
    for (const [t, c] of tokens) {
      add(slot, t, c);
      mine.set(t, (mine.get(t) ?? 0) + c);
    }
    examples[slot] = (examples[slot] ?? 0) + docs;
    exampleCount += docs;
  }

  if (state) {
    for (const [id, entry] of Object.entries(state.learned)) {
      const slot = slotOf.get(Number(id));
      if (slot !== undefined) learn(slot, Object.entries(entry.counts), entry.examples);
    }
  }

  function train(batch: readonly TrainingExample[]): number {
    let used = 0;
    for (const ex of batch) {
      const slot = slotOf.get(ex.serviceItemId);
      if (slot === undefined) continue;
      learn(slot, termFrequencies(tokenize(ex.text)), 1);
      used++;
    }
    return used;
  }

  /** P(word) over all items: the smoothing target. */
  const background = (token: string): number => (tokenTotals.get(token) ?? 0) / grandTotal;

  function suggest(text: string, k = 3): Suggestion[] {
    const query = [...termFrequencies(tokenize(text))].filter(([t]) => counts.has(t));
    if (query.length === 0 || n === 0) return [];
    let queryLength = 0;
    for (const [, tf] of query) queryLength += tf;
    // Σ tf·log P(word | item), minus what every item shares (Σ tf·log μP(word)), so that only
    // the items that have seen a word need touching for it: the cost follows the words'
    // postings, not items × words. No log P(item) term: see PRIOR above.
    const scores = new Float64Array(n);
    for (let s = 0; s < n; s++) scores[s] = -queryLength * Math.log((totals[s] ?? 0) + MU);
    for (const [t, tf] of query) {
      const smooth = MU * background(t);
      for (const [s, c] of counts.get(t) ?? []) scores[s] = (scores[s] ?? 0) + tf * Math.log((c + smooth) / smooth);
    }
    let max = -Infinity;
    for (const v of scores) if (v > max) max = v;
    let sum = 0;
    const probs = new Float64Array(n);
    for (let s = 0; s < n; s++) sum += probs[s] = Math.exp(((scores[s] ?? 0) - max) / TEMPERATURE);
    const order = [...Array(n).keys()].sort((a, b) => (probs[b] ?? 0) - (probs[a] ?? 0) || (ids[a] ?? 0) - (ids[b] ?? 0));
    return order.slice(0, k).map((s) => ({
      serviceItemId: ids[s] ?? 0,
      confidence: (probs[s] ?? 0) / sum,
      terms: drivingTerms(s, query),
    }));
  }

  /** The words most specific to item `slot`: those it makes likelier than items in general do, by log-lift. */
  function drivingTerms(slot: number, query: readonly [string, number][]): string[] {
    const lifts: [string, number][] = [];
    for (const [t, tf] of query) {
      const p = background(t);
      const lift = Math.log(((counts.get(t)?.get(slot) ?? 0) + MU * p) / ((totals[slot] ?? 0) + MU) / p);
      if (lift > 0) lifts.push([t, tf * lift]);
    }
    return lifts
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_TERMS)
      .map(([t]) => t);
  }

  function toJSON(): ClassifierState {
    const out: ClassifierState['learned'] = {};
    for (const [id, mine] of [...learned].sort((a, b) => a[0] - b[0])) {
      const slot = slotOf.get(id) ?? 0;
      out[String(id)] = { examples: examples[slot] ?? 0, counts: Object.fromEntries([...mine].sort((a, b) => (a[0] < b[0] ? -1 : 1))) };
    }
    return { version: 1, learned: out };
  }

  return {
    train,
    suggest,
    toJSON,
    get exampleCount() {
      return exampleCount;
    },
  };
}

function termFrequencies(tokens: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}
