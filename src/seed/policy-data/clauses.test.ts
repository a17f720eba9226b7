import { describe, expect, it } from 'vitest';
import { FIELD_KEYS, outcomeOf, type Profile, type Rule } from '../../modules/matching/index.ts';
import { POLICIES } from './index.ts';

/** The 免申即享 rules grant money without an application: each must say what its clauses say. */
const empty = Object.fromEntries(FIELD_KEYS.map((k) => [k, null])) as Profile;
const policy = (title: string) => {
  const p = POLICIES.find((x) => x.title.includes(title));
  if (!p) throw new Error(title);
  return p;
};
const outcome = (title: string, profile: Partial<Profile>) => outcomeOf(policy(title).rule as Rule, { ...empty, ...profile });

describe('demo 免申即享 rules follow their clauses', () => {
  it('研发费用加计扣除 (policy 13): the negative list of 财税〔2015〕119号 by GB/T 4754-2017, nothing else', () => {
    expect(POLICIES.indexOf(policy('研发费用税前加计扣除'))).toBe(12);
    const rd = { rd_expense_last_year: 50 };
    // 烟草制品业, 批发, 零售, 住宿, 餐饮, 房地产, 租赁, 商务服务, 娱乐业.
    for (const industry of ['C16', 'F51', 'F52', 'H61', 'H62', 'K70', 'L71', 'L72', 'R90'])
      expect(outcome('研发费用税前加计扣除', { ...rd, industry }), industry).toBe('fail');
    // 新闻和出版业 (R86) and manufacturing are not on the list.
    for (const industry of ['R86', 'C39']) expect(outcome('研发费用税前加计扣除', { ...rd, industry }), industry).toBe('pass');
    for (const c of policy('研发费用税前加计扣除').cases ?? [])
      expect(outcome('研发费用税前加计扣除', c.profile as Partial<Profile>), c.name).toBe(c.expected === 'eligible' ? 'pass' : 'fail');
  });

  it('失业保险稳岗返还 (policy 20): twelve months of unemployment insurance paid, not one employee today', () => {
    expect(POLICIES.indexOf(policy('失业保险稳岗返还'))).toBe(19);
    expect(outcome('失业保险稳岗返还', { employees: 30, insured_months: 8, age_years: 3 })).toBe('fail');
    expect(outcome('失业保险稳岗返还', { employees: 30, insured_months: 12, age_years: 3 })).toBe('pass');
    expect(outcome('失业保险稳岗返还', { employees: 30, age_years: 3 })).toBe('unknown');
    for (const c of policy('失业保险稳岗返还').cases ?? [])
      expect(outcome('失业保险稳岗返还', c.profile as Partial<Profile>), c.name).toBe(c.expected === 'eligible' ? 'pass' : 'fail');
  });
});
