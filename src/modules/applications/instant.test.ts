import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../matching/rule.ts';
import { differencesOf, instantOutcome, sameValue } from './instant.ts';

const cond = (id: string, outcome: 'pass' | 'fail' | 'unknown') => ({
  id,
  field: 'employees',
  op: 'gte',
  required: 10,
  held: 20,
  outcome,
  clause: '',
});
const evaluation = (eligibility: Evaluation['eligibility'], ...outcomes: ('pass' | 'fail' | 'unknown')[]): Evaluation => ({
  eligibility,
  conditions: outcomes.map((o, i) => cond(`c${i}`, o)),
});

describe('秒批 rules', () => {
  it('compares values by kind: numbers to 4 decimals, code lists in any order, null only with null', () => {
    expect(sameValue(123.45, 123.4500001)).toBe(true);
    expect(sameValue(123.45, 123.46)).toBe(false);
    expect(sameValue(['专精特新', '四上'], ['四上', '专精特新'])).toBe(true);
    expect(sameValue(['四上'], ['四上', '专精特新'])).toBe(false);
    expect(sameValue(null, 0)).toBe(false);
    expect(sameValue(null, null)).toBe(true);
    expect(sameValue('2020-01-01', '2020-01-01')).toBe(true);
    expect(sameValue(true, false)).toBe(false);
  });

  it('lists each declared value that differs from the held one, with its label', () => {
    const d = differencesOf(
      ['employees', 'scale', 'tags'],
      { employees: 120, scale: 'small', tags: ['四上'] },
      { employees: 100, scale: 'small', tags: null },
    );
    expect(d).toEqual([
      { field: 'employees', label: '从业人数（最近一期）', labelEn: 'Employees (latest month)', declared: 120, held: 100 },
      { field: 'tags', label: '企业标签', labelEn: 'Tags', declared: ['四上'], held: null },
    ]);
  });

  it('approves instantly only when every condition is decided and passes and nothing declared differs', () => {
    expect(instantOutcome(evaluation('eligible', 'pass', 'pass'), [])).toEqual({ instant: true });
    expect(instantOutcome(undefined, [])).toEqual({ instant: false, flag: 'no_rule' });
    // An any-branch left unknown still means the data did not decide every condition.
    expect(instantOutcome(evaluation('eligible', 'pass', 'unknown'), [])).toEqual({ instant: false, flag: 'unknown' });
    expect(instantOutcome(evaluation('unknown', 'unknown'), [])).toEqual({ instant: false, flag: 'unknown' });
    // Never refused automatically: flagged for a reviewer.
    expect(instantOutcome(evaluation('ineligible', 'pass', 'fail'), [])).toEqual({ instant: false, flag: 'ineligible' });
    expect(instantOutcome(evaluation('eligible', 'pass'), [{ field: 'employees', label: '', labelEn: '', declared: 1, held: 2 }])).toEqual({
      instant: false,
      flag: 'differences',
    });
  });
});
