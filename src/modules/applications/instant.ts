/**
 * 秒批, pure: whether an application can be decided at once from the data already held, and
 * where the applicant's declared values differ from those held (shown to the reviewer).
 */
import { fieldDef, type Profile, type ProfileValue } from '../matching/fields.ts';
import type { Evaluation } from '../matching/rule.ts';

export interface Difference {
  field: string;
  label: string;
  labelEn: string;
  declared: ProfileValue;
  held: ProfileValue;
}

/** Numbers are compared to 4 decimals: 123.45 万元 typed by hand equals the stored 123.450000001. */
export function sameValue(a: ProfileValue, b: ProfileValue): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-4;
  if (Array.isArray(a) && Array.isArray(b)) {
    const x = [...(a as string[])].sort();
    const y = [...(b as string[])].sort();
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return a === b;
}

/** The held value of each declared field. */
export function heldValues(fields: readonly string[], profile: Profile): Record<string, ProfileValue> {
  const held: Record<string, ProfileValue> = {};
  for (const f of fields) held[f] = (profile as Record<string, ProfileValue>)[f] ?? null;
  return held;
}

export function differencesOf(
  fields: readonly string[],
  declared: Record<string, ProfileValue>,
  held: Record<string, ProfileValue>,
): Difference[] {
  return fields
    .filter((f) => !sameValue(declared[f] ?? null, held[f] ?? null))
    .map((f) => ({
      field: f,
      label: fieldDef(f)?.label ?? f,
      labelEn: fieldDef(f)?.labelEn ?? f,
      declared: declared[f] ?? null,
      held: held[f] ?? null,
    }));
}

/** Why an application went to manual review rather than 秒批. */
export type ReviewFlag = 'no_rule' | 'unknown' | 'ineligible' | 'differences';

export type InstantOutcome = { instant: true } | { instant: false; flag: ReviewFlag };

/**
 * Instant approval when the policy's rule, evaluated on held data, is decided in every
 * condition and passes, and the applicant declared exactly what is held. An application
 * that fails on held data is never refused automatically: the enterprise may hold newer
 * facts than the file, so it goes to a reviewer flagged.
 */
export function instantOutcome(evaluation: Evaluation | undefined, differences: readonly Difference[]): InstantOutcome {
  if (!evaluation) return { instant: false, flag: 'no_rule' };
  if (evaluation.conditions.some((c) => c.outcome === 'unknown') || evaluation.eligibility === 'unknown')
    return { instant: false, flag: 'unknown' };
  if (evaluation.eligibility !== 'eligible') return { instant: false, flag: 'ineligible' };
  if (differences.length > 0) return { instant: false, flag: 'differences' };
  return { instant: true };
}
