import { describe, expect, it } from 'vitest';
import { tokenize } from './segmenter.ts';

describe('tokenize', () => {
  it('keeps enterprise-service terms whole that the default dictionary would split', () => {
    const tokens = tokenize('我司申请专精特新小巨人认定，营业执照和统一社会信用代码已更新，用电报装和留工培训补贴还没办');
    for (const word of ['专精特新', '小巨人', '营业执照', '统一社会信用代码', '用电报装', '留工培训']) expect(tokens).toContain(word);
  });

  it('keeps taxonomy keywords whole in running text', () => {
    expect(tokenize('厂房租约到期后被清退，想申请人才房和产业用房')).toEqual(
      expect.arrayContaining(['厂房', '清退', '人才房', '产业用房']),
    );
    expect(tokenize('排污许可、消防验收、施工许可都卡住了')).toEqual(expect.arrayContaining(['排污许可', '消防验收', '施工许可']));
  });

  it('drops stop words, punctuation, numbers and their units, and lower-cases Latin', () => {
    const tokens = tokenize('我们的厂房有3000平方米，员工230人！计划2025年IPO。');
    expect(tokens).toContain('ipo');
    expect(tokens).toContain('厂房');
    for (const gone of ['我们', '的', '，', '！', '3000', '230', '人', '2025', '年', 'IPO']) expect(tokens).not.toContain(gone);
  });

  it('drops codes but keeps short alphanumerics such as 5G', () => {
    const tokens = tokenize('信用代码91440300MA5DXXXX12，厂区5G信号差');
    expect(tokens).toContain('5g');
    expect(tokens.some((t) => /\d{4}/.test(t))).toBe(false);
  });

  it('keeps repeated words (term frequency matters) and is deterministic', () => {
    const text = '停电停电，又停电了';
    expect(tokenize(text).filter((t) => t === '停电')).toHaveLength(3);
    expect(tokenize(text)).toEqual(tokenize(text));
  });

  it('returns nothing for empty or content-free text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('。。。！？ 123')).toEqual([]);
  });
});
