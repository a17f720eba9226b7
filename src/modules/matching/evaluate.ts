import { validateIndustryCode } from '../enterprises/industry.ts';
import type { Profile, ProfileValue } from './fields.ts';
import { isCondition, type Condition, type ConditionResult, type Eligibility, type Evaluation, type Outcome, type Rule } from './rule.ts';

/**
 * One enterprise against one rule, three-valued: a condition whose data the file lacks is
 * "unknown", never silently failed. all → fail if any fails, else unknown if any is unknown;
 * any → pass if any passes, else unknown if any is unknown; not swaps pass and fail.
 * Pure: the batch engine (compile.ts) must give the same answer, which the differential test checks.
 */
export function evaluate(rule: Rule, profile: Profile): Evaluation {
  const conditions: ConditionResult[] = [];
  const outcome = walk(rule, profile, conditions);
  return { eligibility: eligibilityOf(outcome), conditions };
}

/** Only the outcome, without building the explanation (test cases, instant approval checks). */
export function outcomeOf(rule: Rule, profile: Profile): Outcome {
  return walk(rule, profile, undefined);
}

export function eligibilityOf(outcome: Outcome): Eligibility {
  return outcome === 'pass' ? 'eligible' : outcome === 'fail' ? 'ineligible' : 'unknown';
}

function walk(rule: Rule, profile: Profile, out: ConditionResult[] | undefined): Outcome {
  if (isCondition(rule)) {
    const held = profile[rule.field] ?? null;
    const outcome = conditionOutcome(rule, held);
    out?.push({ id: rule.id, field: rule.field, op: rule.op, required: rule.value, held, outcome, clause: rule.clause });
    return outcome;
  }
  if ('all' in rule) {
    // Every child is walked (no short cut) so that the explanation covers every condition.
    let result: Outcome = 'pass';
    for (const child of rule.all) {
      const o = walk(child, profile, out);
      if (o === 'fail') result = 'fail';
      else if (o === 'unknown' && result === 'pass') result = 'unknown';
    }
    return result;
  }
  if ('any' in rule) {
    let result: Outcome = 'fail';
    for (const child of rule.any) {
      const o = walk(child, profile, out);
      if (o === 'pass') result = 'pass';
      else if (o === 'unknown' && result === 'fail') result = 'unknown';
    }
    return result;
  }
  const o = walk(rule.not, profile, out);
  return o === 'pass' ? 'fail' : o === 'fail' ? 'pass' : 'unknown';
}

const bool = (b: boolean): Outcome => (b ? 'pass' : 'fail');

/** One leaf condition against the value the file holds (null: missing → unknown). */
export function conditionOutcome(c: Condition, held: ProfileValue): Outcome {
  if (held === null || held === undefined) return 'unknown';
  const v = c.value;
  switch (c.op) {
    case 'gte':
      return bool(typeof held === 'number' && typeof v === 'number' && held >= v);
    case 'gt':
      return bool(typeof held === 'number' && typeof v === 'number' && held > v);
    case 'lte':
      return bool(typeof held === 'number' && typeof v === 'number' && held <= v);
    case 'lt':
      return bool(typeof held === 'number' && typeof v === 'number' && held < v);
    case 'eq':
      return bool(typeof held === 'number' && held === v);
    case 'between':
      if (!Array.isArray(v) || v.length !== 2) return 'fail';
      if (typeof held === 'number' && typeof v[0] === 'number' && typeof v[1] === 'number') return bool(held >= v[0] && held <= v[1]);
      if (typeof held === 'string' && typeof v[0] === 'string' && typeof v[1] === 'string') return bool(held >= v[0] && held <= v[1]);
      return 'fail';
    case 'before':
      return bool(typeof held === 'string' && typeof v === 'string' && held < v);
    case 'after':
      return bool(typeof held === 'string' && typeof v === 'string' && held > v);
    case 'in':
      if (typeof held !== 'string' || !Array.isArray(v)) return 'fail';
      return c.field === 'industry' ? industryIn(held, v as readonly string[]) : bool((v as readonly string[]).includes(held));
    case 'has_any':
      return bool(Array.isArray(held) && Array.isArray(v) && (v as readonly string[]).some((x) => (held as readonly string[]).includes(x)));
    case 'has_all':
      return bool(
        Array.isArray(held) && Array.isArray(v) && (v as readonly string[]).every((x) => (held as readonly string[]).includes(x)),
      );
    case 'has_none':
      return bool(
        Array.isArray(held) && Array.isArray(v) && !(v as readonly string[]).some((x) => (held as readonly string[]).includes(x)),
      );
    case 'is':
      return bool(typeof held === 'boolean' && held === v);
    default:
      return 'fail';
  }
}

const normalised = new Map<string, string | null>();

/** A listed industry code in our stored form ('C', 'C39', 'C391', 'C3911'), null when it is not a code of the standard. */
export function normaliseIndustry(code: string): string | null {
  let n = normalised.get(code);
  if (n === undefined) {
    const r = validateIndustryCode(code);
    n = r.valid ? r.code : null;
    normalised.set(code, n);
  }
  return n;
}

/**
 * GB/T 4754 at any level: a listed code covers every code under it, and our codes are prefixes of
 * the codes under them ('C' covers C39 and C3911, 'C391' covers C3911). An enterprise filed at a
 * coarser level than a listed code (held 'C39', listed 'C3911') cannot be placed: unknown rather
 * than fail.
 */
export function industryIn(held: string, listed: readonly string[]): Outcome {
  let unknown = false;
  for (const raw of listed) {
    const code = normaliseIndustry(raw);
    if (code === null) continue;
    if (held.startsWith(code)) return 'pass';
    if (code.startsWith(held)) unknown = true;
  }
  return unknown ? 'unknown' : 'fail';
}
