import { describe, expect, it } from 'vitest';
import { evaluate, industryIn, outcomeOf } from './evaluate.ts';
import { FIELD_KEYS, type Profile } from './fields.ts';
import { ruleSchema, type Condition, type Rule } from './rule.ts';

const base: Profile = {
  ...(Object.fromEntries(FIELD_KEYS.map((k) => [k, null])) as Profile),
  industry: 'C39',
  street: 'XX',
  scale: 'medium',
  tags: ['四上', '国家高新'],
  is_key: true,
  founded_on: '2015-06-18',
  age_years: 10,
  revenue_last_year: 5000,
  rd_share: 4.5,
};

let n = 0;
const c = (field: Condition['field'], op: string, value: Condition['value']): Condition =>
  ruleSchema.parse({ id: `c${++n}`, field, op, value, clause: `第${n}条` }) as Condition;
const o = (rule: Rule, p: Partial<Profile> = {}) => outcomeOf(rule, { ...base, ...p });

describe('evaluate: operators', () => {
  it('compares numbers', () => {
    expect(o(c('revenue_last_year', 'gte', 5000))).toBe('pass');
    expect(o(c('revenue_last_year', 'gte', 5000.01))).toBe('fail');
    expect(o(c('revenue_last_year', 'gt', 5000))).toBe('fail');
    expect(o(c('revenue_last_year', 'gt', 4999))).toBe('pass');
    expect(o(c('revenue_last_year', 'lte', 5000))).toBe('pass');
    expect(o(c('revenue_last_year', 'lt', 5000))).toBe('fail');
    expect(o(c('revenue_last_year', 'lt', 5001))).toBe('pass');
    expect(o(c('revenue_last_year', 'eq', 5000))).toBe('pass');
    expect(o(c('revenue_last_year', 'eq', 5001))).toBe('fail');
    expect(o(c('rd_share', 'between', [3, 4.5]))).toBe('pass');
    expect(o(c('rd_share', 'between', [4.6, 9]))).toBe('fail');
  });

  it('compares dates: before and after exclusive, between inclusive', () => {
    expect(o(c('founded_on', 'before', '2015-06-18'))).toBe('fail');
    expect(o(c('founded_on', 'before', '2015-06-19'))).toBe('pass');
    expect(o(c('founded_on', 'after', '2015-06-18'))).toBe('fail');
    expect(o(c('founded_on', 'after', '2015-06-17'))).toBe('pass');
    expect(o(c('founded_on', 'between', ['2015-06-18', '2015-06-18']))).toBe('pass');
    expect(o(c('founded_on', 'between', ['2016-01-01', '2020-01-01']))).toBe('fail');
  });

  it('tests membership of codes, tags and booleans', () => {
    expect(o(c('scale', 'in', ['small', 'medium']))).toBe('pass');
    expect(o(c('scale', 'in', ['large']))).toBe('fail');
    expect(o(c('street', 'in', ['XX', 'YY']))).toBe('pass');
    expect(o(c('tags', 'has_any', ['专精特新', '国家高新']))).toBe('pass');
    expect(o(c('tags', 'has_any', ['专精特新']))).toBe('fail');
    expect(o(c('tags', 'has_all', ['四上', '国家高新']))).toBe('pass');
    expect(o(c('tags', 'has_all', ['四上', '专精特新']))).toBe('fail');
    expect(o(c('tags', 'has_none', ['专精特新']))).toBe('pass');
    expect(o(c('tags', 'has_none', ['四上']))).toBe('fail');
    expect(o(c('tags', 'has_any', ['四上']), { tags: [] })).toBe('fail');
    expect(o(c('is_key', 'is', true))).toBe('pass');
    expect(o(c('is_key', 'is', false))).toBe('fail');
  });

  it('matches industry codes at any level of GB/T 4754', () => {
    expect(o(c('industry', 'in', ['C']))).toBe('pass');
    expect(o(c('industry', 'in', ['C39']))).toBe('pass');
    expect(o(c('industry', 'in', ['39']))).toBe('pass');
    expect(o(c('industry', 'in', ['C38', 'I']))).toBe('fail');
    expect(o(c('industry', 'in', ['I65']), { industry: 'I' })).toBe('unknown');
    expect(o(c('industry', 'in', ['I']), { industry: 'I' })).toBe('pass');
    expect(industryIn('C39', ['I65', 'C'])).toBe('pass');
  });

  it('refuses a condition the catalogue does not allow', () => {
    expect(ruleSchema.safeParse({ id: 'x', field: 'tags', op: 'gte', value: 3 }).success).toBe(false);
    expect(ruleSchema.safeParse({ id: 'x', field: 'industry', op: 'in', value: ['Z99'] }).success).toBe(false);
    expect(ruleSchema.safeParse({ id: 'x', field: 'founded_on', op: 'before', value: '2020-02-30' }).success).toBe(false);
    expect(ruleSchema.safeParse({ id: 'x', field: 'revenue_last_year', op: 'between', value: [5, 1] }).success).toBe(false);
  });
});

describe('evaluate: three values', () => {
  it('is unknown when the data is missing, for every kind', () => {
    expect(o(c('revenue_growth', 'gte', 10))).toBe('unknown');
    expect(o(c('founded_on', 'before', '2020-01-01'), { founded_on: null })).toBe('unknown');
    expect(o(c('street', 'in', ['XX']), { street: null })).toBe('unknown');
    expect(o(c('tags', 'has_none', ['四上']), { tags: null })).toBe('unknown');
    expect(o(c('is_key', 'is', true), { is_key: null })).toBe('unknown');
  });

  const P = c('revenue_last_year', 'gte', 1);
  const F = c('revenue_last_year', 'lt', 1);
  const U = c('revenue_growth', 'gte', 1);

  it('all: fail beats unknown beats pass', () => {
    expect(o({ all: [P, P] })).toBe('pass');
    expect(o({ all: [P, U] })).toBe('unknown');
    expect(o({ all: [U, F] })).toBe('fail');
    expect(o({ all: [F, P] })).toBe('fail');
  });

  it('any: pass beats unknown beats fail', () => {
    expect(o({ any: [F, F] })).toBe('fail');
    expect(o({ any: [F, U] })).toBe('unknown');
    expect(o({ any: [U, P] })).toBe('pass');
  });

  it('not swaps pass and fail and keeps unknown', () => {
    expect(o({ not: P })).toBe('fail');
    expect(o({ not: F })).toBe('pass');
    expect(o({ not: U })).toBe('unknown');
    expect(o({ not: { all: [P, U] } })).toBe('unknown');
    expect(o({ not: { any: [F, { not: U }] } })).toBe('unknown');
  });

  it('explains every condition with the value held and required', () => {
    const e = evaluate({ all: [P, { any: [U, F] }] }, base);
    expect(e.eligibility).toBe('unknown');
    expect(e.conditions.map((x) => [x.id, x.outcome])).toEqual([
      [P.id, 'pass'],
      [U.id, 'unknown'],
      [F.id, 'fail'],
    ]);
    expect(e.conditions[0]).toMatchObject({ field: 'revenue_last_year', op: 'gte', required: 1, held: 5000, clause: P.clause });
    expect(e.conditions[1]?.held).toBeNull();
    expect(evaluate(F, base).eligibility).toBe('ineligible');
    expect(evaluate(P, base).eligibility).toBe('eligible');
  });
});
