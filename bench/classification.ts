import { CATEGORIES } from '../src/seed/taxonomy-data.ts';
import { appealTextFor, paraphrase } from '../src/seed/appeal-texts.ts';
import { Rng, mixSeed } from '../src/seed/random.ts';
import { createClassifier, type Classifier, type ClassifierItem, type TrainingExample } from '../src/modules/classification/classifier.ts';
import {
  CLUSTER_THRESHOLD,
  DEFAULT_THRESHOLD,
  SimilarityIndex,
  clusterSimilar,
  similarity,
  type SimilarityCandidate,
} from '../src/modules/classification/similarity.ts';

/**
 * Appeal classification and the problem pool's duplicate search, on generated demo appeals.
 * 1. Suggestion accuracy on held-out texts (4 of 20 per item): (a) keyword prior only, as on
 *    day one; a learning curve; (b) trained on the other 16 per item. "category" counts a top
 *    suggestion in the right category; mean top-1 confidence set against top-1 accuracy shows
 *    whether the confidence can be read as a probability.
 * 2. Suggestion latency, segmentation included.
 * 3. Near-duplicate search over 10,000 appeals with the inverted index against the naive
 *    baseline that compares the query with every candidate, in the same run; then clustering.
 * The texts come from our own generator, whose wording the training texts share with the
 * held-out ones: the figures measure the mechanism; accuracy on real appeals will be lower.
 */
const SEED = 20240501;
const PER_ITEM = 20;
const TRAIN_PER_ITEM = 16;
const POOL = 10_000;
const QUERIES = 300;

function textOf(t: { title: string; description: string }): string {
  return `${t.title}。${t.description}`;
}

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const p99 = s[Math.min(s.length - 1, Math.floor(0.99 * s.length))] ?? 0;
  return `mean ${mean.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms`;
}

function evaluate(
  label: string,
  classifier: Classifier,
  heldOut: readonly TrainingExample[],
  categoryOf: ReadonlyMap<number, string>,
): void {
  let top1 = 0;
  let top3 = 0;
  let category = 0;
  let confidence = 0;
  for (const ex of heldOut) {
    const s = classifier.suggest(ex.text, 3);
    if (s[0]?.serviceItemId === ex.serviceItemId) top1++;
    if (s.some((x) => x.serviceItemId === ex.serviceItemId)) top3++;
    if (s[0] && categoryOf.get(s[0].serviceItemId) === categoryOf.get(ex.serviceItemId)) category++;
    confidence += s[0]?.confidence ?? 0;
  }
  const pct = (x: number) => `${((100 * x) / heldOut.length).toFixed(1)} %`;
  console.log(
    `${label.padEnd(34)} top-1 ${pct(top1)}  top-3 ${pct(top3)}  category ${pct(category)}  mean top-1 confidence ${pct(confidence)}`,
  );
}

export async function run(): Promise<void> {
  const items: (ClassifierItem & { categoryName: string })[] = [];
  for (const c of CATEGORIES) {
    for (const [name, , keywords] of c.items) items.push({ id: items.length + 1, name, keywords, categoryName: c.name });
  }
  const categoryOf = new Map(items.map((i) => [i.id, i.categoryName]));
  const train: TrainingExample[] = [];
  const heldOut: TrainingExample[] = [];
  for (const item of items) {
    for (let j = 0; j < PER_ITEM; j++) {
      const text = textOf(appealTextFor(item, new Rng(mixSeed(SEED, item.id, j))));
      (j < TRAIN_PER_ITEM ? train : heldOut).push({ text, serviceItemId: item.id });
    }
  }
  console.log(`${items.length} service items, ${train.length} training and ${heldOut.length} held-out appeals (seed ${SEED})`);

  evaluate('(a) keyword prior only, 0 examples', createClassifier(items), heldOut, categoryOf);
  // The learning curve: the same held-out texts as classified appeals accumulate.
  for (const perItem of [2, 4, 8]) {
    const partial = createClassifier(items);
    partial.train(train.filter((_, i) => i % TRAIN_PER_ITEM < perItem));
    evaluate(`    trained, ${perItem} examples per item`, partial, heldOut, categoryOf);
  }
  const trained = createClassifier(items);
  let t0 = performance.now();
  trained.train(train);
  const trainMs = performance.now() - t0;
  evaluate(`(b) trained, ${TRAIN_PER_ITEM} per item (${train.length})`, trained, heldOut, categoryOf);
  console.log(`training: ${trainMs.toFixed(0)} ms for ${train.length} examples (incremental, counts only)`);

  const latencies: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const ex of heldOut) {
      t0 = performance.now();
      trained.suggest(ex.text, 3);
      latencies.push(performance.now() - t0);
    }
  }
  console.log(`suggest latency (segmentation included, ${latencies.length} calls): ${stats(latencies)}`);

  // The problem pool: 10,000 appeals from 3,000 enterprises; queries are paraphrases of pool members.
  const rng = new Rng(mixSeed(SEED, 1));
  const pool: (SimilarityCandidate & { itemId: number })[] = [];
  for (let id = 1; id <= POOL; id++) {
    const item = rng.pick(items);
    pool.push({ id, itemId: item.id, text: textOf(appealTextFor(item, rng)), enterpriseId: rng.int(1, 3000) });
  }
  t0 = performance.now();
  const index = new SimilarityIndex(pool);
  console.log(`problem pool: index of ${POOL} appeals built in ${(performance.now() - t0).toFixed(0)} ms (segmentation included)`);
  const queries = Array.from({ length: QUERIES }, () => {
    const source = rng.pick(pool);
    return { source, text: paraphrase(source.text, rng) };
  });
  const vectors = pool.map((c) => index.vectorize(c.text));
  const indexed: number[] = [];
  const naive: number[] = [];
  const withText: number[] = [];
  let found = 0;
  let same = 0;
  for (const q of queries) {
    const qv = index.vectorize(q.text);
    t0 = performance.now();
    const hits = index.findSimilar(qv, { limit: POOL, enterpriseId: q.source.enterpriseId });
    indexed.push(performance.now() - t0);
    t0 = performance.now();
    const scan: number[] = [];
    for (const [i, v] of vectors.entries()) if (similarity(qv, v) >= DEFAULT_THRESHOLD) scan.push(pool[i]?.id ?? 0);
    naive.push(performance.now() - t0);
    t0 = performance.now();
    index.findSimilar(q.text, { limit: 10 });
    withText.push(performance.now() - t0);
    if (hits.some((h) => h.id === q.source.id && h.sameEnterprise)) found++;
    if (
      hits
        .map((h) => h.id)
        .sort((a, b) => a - b)
        .join() === scan.join()
    )
      same++;
  }
  let unrelated = 0;
  let pairs = 0;
  for (let i = 0; i < 20_000; i++) {
    const a = rng.int(0, POOL - 1);
    const b = rng.int(0, POOL - 1);
    if (pool[a]?.itemId === pool[b]?.itemId) continue;
    pairs++;
    if (similarity(vectors[a] ?? new Map(), vectors[b] ?? new Map()) >= DEFAULT_THRESHOLD) unrelated++;
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`near-duplicate search over ${POOL} appeals, cosine ≥ ${DEFAULT_THRESHOLD}, ${QUERIES} queries (query vector precomputed):`);
  console.log(`  inverted index with pruning:      ${stats(indexed)}`);
  console.log(`  naive, query × every candidate:   ${stats(naive)}`);
  console.log(`  speed-up ×${(mean(naive) / mean(indexed)).toFixed(1)}; identical result sets in ${same}/${QUERIES} queries`);
  console.log(`  findSimilar(text) incl. segmentation: ${stats(withText)}`);
  console.log(
    `  re-worded repeat found and marked same-enterprise: ${found}/${QUERIES}; pairs about different items above threshold: ${unrelated}/${pairs}`,
  );

  t0 = performance.now();
  const clusters = clusterSimilar(index);
  const ms = performance.now() - t0;
  const itemOf = new Map(pool.map((c) => [c.id, c.itemId]));
  let members = 0;
  let sameItem = 0;
  let sameCategory = 0;
  for (const c of clusters) {
    for (const id of c.ids) {
      members++;
      if (itemOf.get(id) === itemOf.get(c.representativeId)) sameItem++;
      if (categoryOf.get(itemOf.get(id) ?? 0) === categoryOf.get(itemOf.get(c.representativeId) ?? 0)) sameCategory++;
    }
  }
  const pctOf = (x: number) => `${((100 * x) / members).toFixed(1)} %`;
  const largest = clusters[0];
  console.log(
    `clusterSimilar over ${POOL} at cosine ≥ ${CLUSTER_THRESHOLD}: ${ms.toFixed(0)} ms, ${clusters.length} groups of ${members} appeals; ` +
      `members sharing their centre's service item ${pctOf(sameItem)}, its category ${pctOf(sameCategory)}` +
      (largest
        ? `; largest: ${largest.ids.length} appeals from ${largest.enterpriseIds.length} enterprises, ${largest.terms.join(' ')}`
        : ''),
  );
}
