/**
 * Phone numbers in one normal form, wherever they are compared: digits only, without the
 * country code (`+86 138-0000-0001` → `13800000001`, `0755-2345 6789` → `075523456789`).
 */
export function normalizePhone(v: string | null | undefined): string {
  return (v ?? '').replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
}

/** The normal form when it is a mainland mobile number (one an SMS can reach), else null. */
export function normalizeMobile(v: string | null | undefined): string | null {
  const n = normalizePhone(v);
  return /^1[3-9]\d{9}$/.test(n) ? n : null;
}
