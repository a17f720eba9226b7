import { describe, expect, it } from 'vitest';
import { industryIn } from './evaluate.ts';
import { ruleSchema } from './rule.ts';

/** Issue 13: rules and files at the 中类 (group) and 小类 (class) levels of GB/T 4754. */
describe('industry conditions at every level', () => {
  it('lets a listed code cover exactly its subtree', () => {
    expect(industryIn('C3911', ['C'])).toBe('pass');
    expect(industryIn('C3911', ['C39'])).toBe('pass');
    expect(industryIn('C3911', ['C391'])).toBe('pass');
    expect(industryIn('C3911', ['3911'])).toBe('pass');
    expect(industryIn('C3911', ['C3912', 'C392', 'C38'])).toBe('fail');
  });

  it('cannot place a file that is coarser than the listed code', () => {
    expect(industryIn('C39', ['C3911'])).toBe('unknown');
    expect(industryIn('C391', ['C3911'])).toBe('unknown');
    expect(industryIn('C', ['C391'])).toBe('unknown');
    expect(industryIn('C392', ['C3911'])).toBe('fail');
  });

  it('accepts a real class in a rule and refuses one the standard lacks, naming the value', () => {
    expect(ruleSchema.safeParse({ id: 'c', field: 'industry', op: 'in', value: ['C3911'] }).success).toBe(true);
    const bad = ruleSchema.safeParse({ id: 'c', field: 'industry', op: 'in', value: ['C39', 'C3999'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['value', 1], message: expect.stringContaining('3999') });
  });
});
