import { useI18n, type MessageKey } from '../i18n';

/**
 * A held, declared or required value in words: 500 万元, 12.5%, 2024-01-01, C39、C40, 是.
 * A missing value (no data) and an empty list (data saying "none", e.g. no tags) read differently,
 * because a rule treats them differently: the first leaves the outcome unknown, the second fails has_any.
 */
export function useShowValue(): (v: unknown, unit?: string | null, op?: string, field?: string) => string {
  const { t } = useI18n();
  // Scales are codes in the file (small, micro): shown by their names.
  const word = (x: unknown, field?: string) => (field === 'scale' && typeof x === 'string' ? t(`scale.${x}` as MessageKey) : String(x));
  return (v, unit, op, field) => {
    if (v === null || v === undefined) return t('elig.missing');
    if (typeof v === 'boolean') return t(v ? 'elig.yes' : 'elig.no');
    const u = unit ? (unit === '%' ? '%' : ` ${unit}`) : '';
    if (Array.isArray(v)) {
      if (op === 'between') return `${String(v[0])}${u} ~ ${String(v[1])}${u}`;
      return v.length ? v.map((x) => word(x, field)).join('、') : t('elig.none');
    }
    return `${word(v, field)}${u}`;
  };
}
