import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../seed/taxonomy-data.ts';
import { appealTextFor, paraphrase } from '../../seed/appeal-texts.ts';
import { Rng, mixSeed } from '../../seed/random.ts';
import { SimilarityIndex, clusterSimilar, findSimilar, similarity, vectorize, type SimilarityCandidate } from './similarity.ts';

const OUTAGE = '沙井街道新沙路工业区从昨晚开始停电，跳闸好几次，我司三条产线停工，请供电局尽快抢修。';
const OUTAGE_AGAIN = '再次反映：新沙路工业区又停电了，跳闸好几次，三条产线停工，恳请供电局尽早抢修。';
const OUTAGE_NEIGHBOUR = '新沙路工业区停电，跳闸，我们厂产线也停工了，请尽快抢修。';
const HIRING = '公司订单增加，招工难，普工缺口有两百人，希望对接招聘会。';
const HIRING_AGAIN = '订单增加以后招工难，普工还缺两百人，想对接招聘会。';
const PERMIT = '环评批复一直没下来，排污许可也办不了，影响新项目投产。';

/** A pool of generated appeals with the ids of their service items, deterministic for the salt. */
function demoPool(size: number, salt: number): (SimilarityCandidate & { itemId: number })[] {
  const items = CATEGORIES.flatMap((c) => c.items.map(([name, , keywords]) => ({ name, keywords, categoryName: c.name })));
  const rng = new Rng(mixSeed(salt));
  return Array.from({ length: size }, (_, i) => {
    const itemId = rng.int(0, items.length - 1);
    const t = appealTextFor(items[itemId] ?? { name: '', keywords: '', categoryName: '' }, rng);
    return { id: i + 1, itemId, text: `${t.title}。${t.description}`, enterpriseId: rng.int(1, 300) };
  });
}

describe('vectorize and similarity', () => {
  it('gives unit vectors, 1 for the same text and 0 for nothing in common', () => {
    const v = vectorize(OUTAGE);
    let norm = 0;
    for (const w of v.values()) norm += w * w;
    expect(norm).toBeCloseTo(1, 9);
    expect(similarity(OUTAGE, OUTAGE)).toBeCloseTo(1, 9);
    expect(similarity('停电抢修', '招聘普工')).toBe(0);
    expect(similarity('', OUTAGE)).toBe(0);
  });

  it('scores a re-worded repeat high and a different problem low', () => {
    expect(similarity(OUTAGE, OUTAGE_AGAIN)).toBeGreaterThan(0.5);
    expect(similarity(HIRING, HIRING_AGAIN)).toBeGreaterThan(0.5);
    expect(similarity(OUTAGE, HIRING)).toBeLessThan(0.15);
    expect(similarity(OUTAGE, PERMIT)).toBeLessThan(0.15);
  });

  it('finds generated paraphrases above the default threshold', () => {
    const pool = demoPool(200, 1);
    const rng = new Rng(2);
    const scores = pool.map((c) => similarity(c.text, paraphrase(c.text, rng)));
    expect(scores.filter((s) => s >= 0.5).length / scores.length).toBeGreaterThan(0.9);
  });
});

describe('findSimilar', () => {
  const candidates: SimilarityCandidate[] = [
    { id: 1, text: OUTAGE, enterpriseId: 10 },
    { id: 2, text: OUTAGE_NEIGHBOUR, enterpriseId: 11 },
    { id: 3, text: HIRING, enterpriseId: 10 },
    { id: 4, text: PERMIT, enterpriseId: 12 },
  ];

  it('ranks near-duplicates by score and marks the same enterprise', () => {
    const hits = findSimilar(OUTAGE_AGAIN, candidates, { enterpriseId: 10 });
    expect(hits.map((h) => h.id)).toEqual([1, 2]);
    expect(hits[0]?.sameEnterprise).toBe(true);
    expect(hits[1]?.sameEnterprise).toBe(false);
    expect(hits[0]?.score ?? 0).toBeGreaterThanOrEqual(hits[1]?.score ?? 0);
  });

  it('honours threshold, limit and excludeId', () => {
    expect(findSimilar(OUTAGE_AGAIN, candidates, { limit: 1 }).map((h) => h.id)).toEqual([1]);
    expect(findSimilar(OUTAGE, candidates, { excludeId: 1 }).map((h) => h.id)).toEqual([2]);
    expect(findSimilar(OUTAGE_AGAIN, candidates, { threshold: 0.99 })).toEqual([]);
  });

  it('keeps the index current as appeals are added, edited and removed', () => {
    const index = new SimilarityIndex(candidates);
    index.add({ id: 5, text: HIRING_AGAIN, enterpriseId: 13 });
    expect(index.size).toBe(5);
    expect(index.findSimilar(HIRING).map((h) => h.id)).toEqual([3, 5]);
    index.add({ id: 5, text: PERMIT, enterpriseId: 13 });
    expect(index.findSimilar(HIRING).map((h) => h.id)).toEqual([3]);
    expect(index.remove(3)).toBe(true);
    expect(index.remove(3)).toBe(false);
    expect(index.findSimilar(HIRING)).toEqual([]);
    expect(index.size).toBe(4);
  });

  it('returns exactly what comparing with every candidate returns, despite pruning', () => {
    const pool = demoPool(600, 3);
    const index = new SimilarityIndex(pool);
    const rng = new Rng(4);
    for (let i = 0; i < 40; i++) {
      const source = pool[rng.int(0, pool.length - 1)];
      const query = index.vectorize(paraphrase(source?.text ?? '', rng));
      const threshold = rng.pick([0.3, 0.5, 0.7]);
      const expected = pool.filter((c) => similarity(query, index.vectorize(c.text)) >= threshold).map((c) => c.id);
      const got = index.findSimilar(query, { threshold, limit: pool.length }).map((h) => h.id);
      expect([...got].sort((a, b) => a - b)).toEqual(expected);
    }
  });

  it('searches 10,000 appeals in well under 100 ms', () => {
    const pool = demoPool(10_000, 5);
    const index = new SimilarityIndex(pool);
    const rng = new Rng(6);
    const queries = Array.from({ length: 30 }, () => paraphrase(pool[rng.int(0, pool.length - 1)]?.text ?? '', rng));
    index.findSimilar(queries[0] ?? '');
    const t0 = performance.now();
    for (const q of queries) index.findSimilar(q);
    expect((performance.now() - t0) / queries.length).toBeLessThan(20);
  });
});

describe('clusterSimilar', () => {
  it('groups one problem reported by several enterprises and leaves unrelated appeals out', () => {
    const clusters = clusterSimilar(
      [
        { id: 1, text: OUTAGE, enterpriseId: 10 },
        { id: 2, text: OUTAGE_NEIGHBOUR, enterpriseId: 11 },
        { id: 3, text: OUTAGE_AGAIN, enterpriseId: 12 },
        { id: 4, text: HIRING, enterpriseId: 13 },
        { id: 5, text: HIRING_AGAIN, enterpriseId: 13 },
        { id: 6, text: PERMIT, enterpriseId: 14 },
      ],
      0.5,
    );
    expect(clusters.map((c) => c.ids)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(clusters[0]?.enterpriseIds).toEqual([10, 11, 12]);
    expect(clusters[0]?.ids).toContain(clusters[0]?.representativeId);
    expect(clusters[0]?.terms).toEqual(expect.arrayContaining(['停电', '跳闸']));
    expect(clusters[1]?.enterpriseIds).toEqual([13]);
  });

  it('puts mostly appeals about the same service item together, each appeal in one group at most', () => {
    const pool = demoPool(2_000, 7);
    const itemOf = new Map(pool.map((c) => [c.id, c.itemId]));
    const clusters = clusterSimilar(pool);
    const sameItem = clusters.flatMap((c) => c.ids.map((id) => itemOf.get(id) === itemOf.get(c.representativeId)));
    expect(sameItem.length).toBeGreaterThan(100);
    // Vague appeals ("资金方面的事") group by their shared wording across items: about one in ten members.
    expect(sameItem.filter(Boolean).length / sameItem.length).toBeGreaterThan(0.8);
    expect(new Set(clusters.flatMap((c) => c.ids)).size).toBe(sameItem.length);
  });
});
