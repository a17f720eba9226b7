/**
 * Near-duplicate appeals for the problem pool (问题池): the same enterprise filing the same thing
 * again, and several enterprises describing one problem (共性问题).
 *
 * Cosine similarity of TF-IDF weighted jieba tokens, not Jaccard on token shingles: a repeated
 * appeal is re-worded rather than copied (sentences reordered, 希望 → 恳请, a "再次反映" in
 * front), which breaks shingles but keeps the content words; and IDF lets two outage reports
 * match on 停电/跳闸 while what every appeal says (协调, 部门, 街道, 员工) counts for little,
 * which Jaccard, weighting every word alike, cannot do.
 *
 * Where the IDF comes from: jieba's general-language table knows that 问题 is common but not
 * that 协调 or 街道 is boilerplate in appeals, so the pool's own document frequencies take over
 * as it grows (see SimilarityIndex). Stand-alone vectorize() uses the general table.
 */
import { idf as generalIdfTable } from '@node-rs/jieba/dict.js';
import { tokenize } from './segmenter.ts';

/** Token → weight, L2-normalised, so that the dot product of two vectors is their cosine. */
export type TermVector = ReadonlyMap<string, number>;

export interface SimilarityCandidate {
  id: number;
  text: string;
  enterpriseId: number;
}

export interface SimilarMatch {
  id: number;
  score: number; // cosine, 0..1
  sameEnterprise: boolean; // filed by opts.enterpriseId: a repeat rather than a shared problem
}

export interface FindOptions {
  threshold?: number; // minimum cosine, default DEFAULT_THRESHOLD
  limit?: number; // default 10
  enterpriseId?: number; // the querying appeal's enterprise, to mark repeats
  excludeId?: number; // the querying appeal's own id, when it is already in the pool
}

export interface SimilarCluster {
  ids: number[]; // ascending
  enterpriseIds: number[]; // distinct, ascending: more than one makes it a common problem
  representativeId: number; // the centre, similar to every other member: the cluster's title
  terms: string[]; // the heaviest words, for a label
}

/**
 * Thresholds, from the demo data (bench/classification.ts): at 0.5, 99 % of re-worded repeats
 * are found and 0.02 % of pairs about different service items pass. A suggested duplicate is
 * confirmed by a person before merging, so findSimilar leans to recall; a cluster is reported
 * as a common problem as it stands, so clusters use 0.6, where 99.4 % of members share the
 * centre's category (98.4 % at 0.5) and 88 % its service item (the rest are vague appeals).
 */
export const DEFAULT_THRESHOLD = 0.5;
export const CLUSTER_THRESHOLD = 0.6;
/** Words rarer than this in general Chinese (domain terms, place names) all get it; keeps the table at ~20k entries. */
const GENERAL_IDF_CAP = 9;
/** Pool size at which the pool's own IDF and the general one weigh the same. */
const CORPUS_IDF_HALF_WEIGHT = 300;
/** The pool IDF is recomputed (and every vector re-weighted) when the pool has grown by this factor. */
const REFRESH_FACTOR = 1.25;

let generalIdfs: Map<string, number> | undefined;

/** Loaded on first use: parsing the 270k-line table takes ~0.1 s that most processes never need. */
function generalIdf(word: string): number {
  if (!generalIdfs) {
    generalIdfs = new Map();
    for (const line of new TextDecoder().decode(generalIdfTable).split('\n')) {
      const space = line.lastIndexOf(' ');
      const value = Number(line.slice(space + 1));
      if (space > 0 && value < GENERAL_IDF_CAP) generalIdfs.set(line.slice(0, space), value);
    }
  }
  return generalIdfs.get(word) ?? GENERAL_IDF_CAP;
}

/** Sub-linear term frequencies: a word said three times is not three times the evidence. */
function termFrequencies(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokenize(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
  for (const [t, n] of counts) counts.set(t, 1 + Math.log(n));
  return counts;
}

function weigh(tf: ReadonlyMap<string, number>, idf: (word: string) => number): TermVector {
  const vector = new Map<string, number>();
  let norm = 0;
  for (const [t, f] of tf) {
    const w = f * idf(t);
    vector.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  for (const [t, w] of vector) vector.set(t, w / norm);
  return vector;
}

/** A text's vector with the general IDF; use SimilarityIndex.vectorize to compare against a pool. */
export function vectorize(text: string): TermVector {
  return weigh(termFrequencies(text), generalIdf);
}

export function similarity(a: string | TermVector, b: string | TermVector): number {
  const va = typeof a === 'string' ? vectorize(a) : a;
  const vb = typeof b === 'string' ? vectorize(b) : b;
  const [small, large] = va.size <= vb.size ? [va, vb] : [vb, va];
  let dot = 0;
  for (const [t, w] of small) dot += w * (large.get(t) ?? 0);
  return Math.min(1, dot);
}

/** The weighted vector is kept as parallel arrays over interned term ids: scoring reads numbers, not string keys. */
interface Doc {
  id: number;
  enterpriseId: number;
  tf: ReadonlyMap<string, number>;
  terms: Int32Array;
  weights: Float64Array;
}

/**
 * The pool's appeals, their vectors and an inverted index (term → appeals containing it), so
 * that a search touches only appeals sharing a rare word with the query.
 *
 * IDF blends the general table with the pool's document frequencies, weighted by pool size. It
 * is a snapshot, refreshed when the pool has grown by REFRESH_FACTOR: a live IDF would re-weight
 * every stored vector on every insert, a snapshot costs one re-weighting per 25 % of growth
 * (amortised O(1) per appeal). The refresh also drops the postings of removed appeals.
 */
export class SimilarityIndex {
  private docs: (Doc | undefined)[] = [];
  private readonly slotOf = new Map<number, number>();
  private termIds = new Map<string, number>();
  private termNames: string[] = [];
  private postings: { slots: number[]; weights: number[] }[] = [];
  private readonly df = new Map<string, number>();
  private snapshot = { size: 0, df: new Map<string, number>() };
  /** Scratch space reused by every search: a score and the query's remaining weight per slot/term. */
  private acc = new Float64Array(0);
  private queryWeights = new Float64Array(0);

  constructor(candidates: Iterable<SimilarityCandidate> = []) {
    for (const c of candidates) this.insert(c, false);
    this.refresh();
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** A text's vector under this pool's IDF, for searching the same text repeatedly. */
  vectorize(text: string): TermVector {
    return weigh(termFrequencies(text), this.idf);
  }

  /** Adds an appeal, or replaces it when its id is already indexed (its text was edited). */
  add(candidate: SimilarityCandidate): void {
    this.insert(candidate, true);
    if (this.size > this.snapshot.size * REFRESH_FACTOR || this.docs.length > 2 * this.size) this.refresh();
  }

  remove(id: number): boolean {
    const slot = this.slotOf.get(id) ?? -1;
    const doc = this.docs[slot];
    if (!doc) return false;
    for (const t of doc.tf.keys()) this.df.set(t, (this.df.get(t) ?? 1) - 1);
    this.docs[slot] = undefined;
    this.slotOf.delete(id);
    return true;
  }

  findSimilar(query: string | TermVector, opts: FindOptions = {}): SimilarMatch[] {
    const { threshold = DEFAULT_THRESHOLD, limit = 10, enterpriseId, excludeId } = opts;
    const vector = typeof query === 'string' ? this.vectorize(query) : query;
    // Words no indexed appeal has can add nothing; dropping them also tightens the pruning bound.
    const known = [...vector].flatMap(([t, w]): [number, number][] => (this.termIds.has(t) ? [[this.termIds.get(t) ?? 0, w]] : []));
    const matches: SimilarMatch[] = [];
    for (const [slot, score] of this.search(known, threshold, 0)) {
      const doc = this.docs[slot];
      if (doc && doc.id !== excludeId)
        matches.push({ id: doc.id, score: Math.min(1, score), sameEnterprise: doc.enterpriseId === enterpriseId });
    }
    return matches.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
  }

  /**
   * Star clustering: the appeal with the most near-duplicates becomes a centre and takes its
   * unclaimed neighbours, then the next, and so on. Unlike single linkage it cannot chain
   * "停电" to "停水" through a sequence of half-similar appeals: every member is similar to its
   * centre. Groups of two or more, those spanning the most enterprises first.
   */
  clusters(threshold = CLUSTER_THRESHOLD): SimilarCluster[] {
    const neighbours = this.docs.map((): number[] => []);
    this.docs.forEach((doc, i) => {
      if (!doc) return;
      const query = [...doc.terms].map((t, k): [number, number] => [t, doc.weights[k] ?? 0]);
      // Only later slots, so each pair is scored once.
      for (const [j] of this.search(query, threshold, i + 1)) {
        neighbours[i]?.push(j);
        neighbours[j]?.push(i);
      }
    });
    const degree = (i: number) => neighbours[i]?.length ?? 0;
    const order = [...neighbours.keys()].filter((i) => degree(i) > 0).sort((a, b) => degree(b) - degree(a) || a - b);
    const claimed = new Uint8Array(this.docs.length);
    const out: SimilarCluster[] = [];
    for (const centre of order) {
      if (claimed[centre]) continue;
      const members = [centre, ...(neighbours[centre] ?? []).filter((j) => !claimed[j])];
      if (members.length < 2) continue;
      for (const m of members) claimed[m] = 1;
      const docs = members.map((s) => this.docs[s]).filter((d): d is Doc => d !== undefined);
      const mass = new Map<number, number>();
      for (const d of docs) d.terms.forEach((t, k) => mass.set(t, (mass.get(t) ?? 0) + (d.weights[k] ?? 0)));
      out.push({
        ids: docs.map((d) => d.id).sort((a, b) => a - b),
        enterpriseIds: [...new Set(docs.map((d) => d.enterpriseId))].sort((a, b) => a - b),
        representativeId: this.docs[centre]?.id ?? 0,
        terms: [...mass]
          .sort((a, b) => b[1] - a[1] || a[0] - b[0])
          .slice(0, 5)
          .map(([t]) => this.termNames[t] ?? ''),
      });
    }
    return out.sort(
      (a, b) => b.enterpriseIds.length - a.enterpriseIds.length || b.ids.length - a.ids.length || (a.ids[0] ?? 0) - (b.ids[0] ?? 0),
    );
  }

  private readonly idf = (word: string): number => {
    const { size, df } = this.snapshot;
    const pool = Math.log((size + 1) / ((df.get(word) ?? 0) + 1)) + 1;
    return (size * pool + CORPUS_IDF_HALF_WEIGHT * generalIdf(word)) / (size + CORPUS_IDF_HALF_WEIGHT);
  };

  private insert(c: SimilarityCandidate, index: boolean): void {
    this.remove(c.id);
    const tf = termFrequencies(c.text);
    for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.slotOf.set(c.id, this.docs.length);
    this.docs.push({ id: c.id, enterpriseId: c.enterpriseId, tf, terms: new Int32Array(0), weights: new Float64Array(0) });
    if (index) this.post(this.docs.length - 1);
  }

  /** Weighs the doc in `slot` with the current snapshot and adds it to the postings. */
  private post(slot: number): void {
    const doc = this.docs[slot];
    if (!doc) return;
    const vector = weigh(doc.tf, this.idf);
    doc.terms = new Int32Array(vector.size);
    doc.weights = new Float64Array(vector.size);
    let k = 0;
    for (const [t, w] of vector) {
      let id = this.termIds.get(t);
      if (id === undefined) {
        id = this.termNames.push(t) - 1;
        this.termIds.set(t, id);
        this.postings.push({ slots: [], weights: [] });
      }
      doc.terms[k] = id;
      doc.weights[k++] = w;
      this.postings[id]?.slots.push(slot);
      this.postings[id]?.weights.push(w);
    }
  }

  private refresh(): void {
    for (const [t, n] of this.df) if (n <= 0) this.df.delete(t);
    this.snapshot = { size: this.size, df: new Map(this.df) };
    this.docs = this.docs.filter((d): d is Doc => d !== undefined);
    [this.termIds, this.termNames, this.postings] = [new Map(), [], []];
    this.slotOf.clear();
    this.docs.forEach((doc, slot) => {
      this.slotOf.set(doc?.id ?? 0, slot);
      this.post(slot);
    });
  }

  /**
   * Exact cosine ≥ threshold against slots ≥ fromSlot. Query terms are taken heaviest first;
   * once the terms left have a norm below the threshold, an appeal sharing none of the terms
   * taken so far cannot reach it (Cauchy–Schwarz on unit vectors), so the long postings of
   * common words are never walked: the candidates found so far are finished off from their own
   * (short) vectors instead.
   */
  private search(query: [number, number][], threshold: number, fromSlot: number): [number, number][] {
    if (this.acc.length < this.docs.length) this.acc = new Float64Array(this.docs.length * 2);
    if (this.queryWeights.length < this.postings.length) this.queryWeights = new Float64Array(this.postings.length * 2);
    const { acc, queryWeights } = this;
    const terms = [...query].sort((a, b) => b[1] - a[1]);
    let rest = 0;
    for (const [, q] of terms) rest += q * q;
    const touched: number[] = [];
    let k = 0;
    for (; k < terms.length && Math.sqrt(rest) >= threshold; k++) {
      const [t, q] = terms[k] ?? [0, 0];
      rest -= q * q;
      const list = this.postings[t];
      if (!list) continue;
      for (let p = fromSlot === 0 ? 0 : lowerBound(list.slots, fromSlot); p < list.slots.length; p++) {
        const slot = list.slots[p] ?? 0;
        if (acc[slot] === 0) touched.push(slot);
        acc[slot] = (acc[slot] ?? 0) + q * (list.weights[p] ?? 0);
      }
    }
    for (let r = k; r < terms.length; r++) queryWeights[terms[r]?.[0] ?? 0] = terms[r]?.[1] ?? 0;
    const out: [number, number][] = [];
    for (const slot of touched) {
      let score = acc[slot] ?? 0;
      acc[slot] = 0;
      const doc = this.docs[slot];
      if (!doc) continue;
      for (let d = 0; d < doc.terms.length; d++) score += (queryWeights[doc.terms[d] ?? 0] ?? 0) * (doc.weights[d] ?? 0);
      if (score >= threshold) out.push([slot, score]);
    }
    for (let r = k; r < terms.length; r++) queryWeights[terms[r]?.[0] ?? 0] = 0;
    return out;
  }
}

function lowerBound(sorted: readonly number[], value: number): number {
  let [lo, hi] = [0, sorted.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Near-duplicates of `text` among `candidates`; pass a SimilarityIndex when searching the same pool repeatedly. */
export function findSimilar(
  text: string,
  candidates: readonly SimilarityCandidate[] | SimilarityIndex,
  opts: FindOptions = {},
): SimilarMatch[] {
  const index = candidates instanceof SimilarityIndex ? candidates : new SimilarityIndex(candidates);
  return index.findSimilar(text, opts);
}

/** Groups of similar appeals (共性问题 candidates); see SimilarityIndex.clusters. */
export function clusterSimilar(items: readonly SimilarityCandidate[] | SimilarityIndex, threshold = CLUSTER_THRESHOLD): SimilarCluster[] {
  const index = items instanceof SimilarityIndex ? items : new SimilarityIndex(items);
  return index.clusters(threshold);
}
