import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../seed/taxonomy-data.ts';
import { appealTextFor } from '../../seed/appeal-texts.ts';
import { Rng, mixSeed } from '../../seed/random.ts';
import { createClassifier, type ClassifierItem, type TrainingExample } from './classifier.ts';

const ITEMS: (ClassifierItem & { categoryName: string })[] = CATEGORIES.flatMap((c) =>
  c.items.map(([name, , keywords]) => ({ name, keywords, categoryName: c.name })),
).map((item, i) => ({ id: i + 1, ...item }));
const idOf = (name: string): number => ITEMS.find((i) => i.name === name)?.id ?? -1;

function demoTexts(perItem: number, salt: number): TrainingExample[] {
  return ITEMS.flatMap((item) =>
    Array.from({ length: perItem }, (_, j) => {
      const t = appealTextFor(item, new Rng(mixSeed(salt, item.id, j)));
      return { text: `${t.title}。${t.description}`, serviceItemId: item.id };
    }),
  );
}

function topAccuracy(classifier: ReturnType<typeof createClassifier>, examples: readonly TrainingExample[], k: number): number {
  const hits = examples.filter((ex) => classifier.suggest(ex.text, k).some((s) => s.serviceItemId === ex.serviceItemId));
  return hits.length / examples.length;
}

describe('classifier with keywords only (no classified appeals yet)', () => {
  const classifier = createClassifier(ITEMS);

  it('suggests the item whose keywords the text uses', () => {
    expect(classifier.suggest('我们厂从昨晚开始停电，一天跳闸好几次')[0]?.serviceItemId).toBe(idOf('停电抢修'));
    expect(classifier.suggest('想申报专精特新小巨人，需要什么条件')[0]?.serviceItemId).toBe(idOf('专精特新企业培育'));
    expect(classifier.suggest('出口退税进度太慢了')[0]?.serviceItemId).toBe(idOf('出口退税办理'));
  });

  it('returns at most k suggestions, best first, with confidences that are shares of one', () => {
    const s = classifier.suggest('厂房租金太贵，想申请租金补贴', 5);
    expect(s).toHaveLength(5);
    expect(s[0]?.serviceItemId).toBe(idOf('租金补贴申请'));
    for (let i = 1; i < s.length; i++) expect(s[i]?.confidence ?? 1).toBeLessThanOrEqual(s[i - 1]?.confidence ?? 0);
    const total = s.reduce((a, x) => a + x.confidence, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(1 + 1e-9);
    expect(classifier.suggest('厂房租金太贵')).toHaveLength(3);
  });

  it('names the words that drove a suggestion', () => {
    const [top] = classifier.suggest('园区附近经常停电，还有跳闸');
    expect(top?.terms).toEqual(expect.arrayContaining(['停电', '跳闸']));
    expect(top?.terms).not.toContain('园区');
  });

  it('suggests nothing when the text has no word it knows', () => {
    expect(classifier.suggest('你好，谢谢')).toEqual([]);
    expect(classifier.suggest('')).toEqual([]);
  });
});

describe('classifier trained on classified appeals', () => {
  it('learns words that are not keywords', () => {
    const classifier = createClassifier(ITEMS);
    const before = classifier.suggest('车间没电了，机器都停了')[0]?.serviceItemId;
    expect(before).not.toBe(idOf('停电抢修'));
    const used = classifier.train([
      { text: '厂里没电，生产停了', serviceItemId: idOf('停电抢修') },
      { text: '整个园区没电两个小时', serviceItemId: idOf('停电抢修') },
      { text: '又没电了，请供电局来看看', serviceItemId: idOf('停电抢修') },
    ]);
    expect(used).toBe(3);
    expect(classifier.suggest('车间没电了，机器都停了')[0]?.serviceItemId).toBe(idOf('停电抢修'));
  });

  it('beats the keyword prior on held-out demo appeals', () => {
    const train = demoTexts(8, 1);
    const heldOut = demoTexts(2, 2);
    const keywordOnly = createClassifier(ITEMS);
    const trained = createClassifier(ITEMS);
    trained.train(train);
    expect(trained.exampleCount).toBe(train.length);
    expect(topAccuracy(trained, heldOut, 1)).toBeGreaterThan(topAccuracy(keywordOnly, heldOut, 1));
    expect(topAccuracy(trained, heldOut, 3)).toBeGreaterThan(0.8);
  });

  it('is incremental and order-independent: batches in any order give the same model', () => {
    const examples = demoTexts(2, 3);
    const whole = createClassifier(ITEMS);
    whole.train(examples);
    const pieces = createClassifier(ITEMS);
    pieces.train(examples.slice(100).reverse());
    pieces.train(examples.slice(0, 100));
    for (const text of ['厂房到期要搬迁', '招不到普工', '想申请高新技术企业认定']) {
      expect(pieces.suggest(text).map((s) => s.serviceItemId)).toEqual(whole.suggest(text).map((s) => s.serviceItemId));
    }
    expect(pieces.toJSON()).toEqual(whole.toJSON());
  });

  it('skips examples for items it does not know', () => {
    const classifier = createClassifier(ITEMS);
    expect(classifier.train([{ text: '停电', serviceItemId: 99_999 }])).toBe(0);
    expect(classifier.exampleCount).toBe(0);
  });

  it('serialises its learned state and restores it exactly', () => {
    const classifier = createClassifier(ITEMS);
    classifier.train(demoTexts(2, 4));
    const state = JSON.parse(JSON.stringify(classifier.toJSON())) as ReturnType<typeof classifier.toJSON>;
    const restored = createClassifier(ITEMS, state);
    expect(restored.exampleCount).toBe(classifier.exampleCount);
    const text = '员工宿舍不够住，想找保障性租赁住房';
    expect(restored.suggest(text)).toEqual(classifier.suggest(text));
  });

  it('suggests in well under 2 ms for 137 items', () => {
    const classifier = createClassifier(ITEMS);
    classifier.train(demoTexts(4, 5));
    const texts = demoTexts(1, 6).map((e) => e.text);
    for (const t of texts.slice(0, 20)) classifier.suggest(t);
    const t0 = performance.now();
    for (const t of texts) classifier.suggest(t);
    expect((performance.now() - t0) / texts.length).toBeLessThan(2);
  });
});

describe('demo appeal texts', () => {
  it('are deterministic for a seed and do not simply repeat the item name', () => {
    const item = ITEMS[0] ?? { name: '', keywords: '', categoryName: '' };
    expect(appealTextFor(item, new Rng(7))).toEqual(appealTextFor(item, new Rng(7)));
    const texts = demoTexts(10, 8);
    const naming = texts.filter((e) => e.text.includes(ITEMS[e.serviceItemId - 1]?.name ?? '—')).length;
    expect(naming / texts.length).toBeLessThan(0.35);
  });
});
