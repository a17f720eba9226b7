/**
 * Exact arithmetic for the profile's ratios and for display rounding. File figures are decimals
 * (万元 to the fen) held as binary doubles: 8.32 is really 8.3200000000000002842…, and a ratio
 * computed in doubles can land on the wrong side of a threshold (57 / 100 * 100 = 56.99999999999999).
 * So each figure is taken as the decimal it stands for, the ratio is formed from integers and
 * converted to the nearest double once. Thresholds are compared with that value unrounded; rounding
 * is for display only, half-up on the decimal.
 */

const FENS = 1e6;

/**
 * A money figure (万元) at the file's resolution, one fen (six decimals): imports convert 元 with a
 * factor of 1e-4 and sums of doubles carry noise (0.1 + 0.2 = 0.30000000000000004); both are far
 * below a fen, so this gives back the decimal that was meant. Not a rounding of the figure.
 */
export function money(x: number | null): number | null {
  if (x === null) return null;
  const f = Math.round(x * FENS);
  // An integer over an exact power of ten: the double nearest to the decimal.
  return Math.abs(f) <= Number.MAX_SAFE_INTEGER ? f / FENS : x;
}

interface Decimal {
  /** value = digits / 10^scale */
  digits: bigint;
  scale: number;
}

/** The decimal a double was written as: its shortest round-trip form (String(8.32) = '8.32'). */
function decimalOf(x: number): Decimal {
  const [mantissa = '0', exp = '0'] = String(x).split('e');
  const [whole = '0', frac = ''] = mantissa.split('.');
  const scale = frac.length - Number(exp);
  const digits = BigInt(whole + frac);
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/**
 * n / d (d > 0) as the double nearest to the exact quotient: 24 significant digits of the quotient
 * plus a sticky digit when it does not end there, parsed once (parsing is correctly rounded).
 */
function quotient(n: bigint, d: bigint): number {
  const shift = 24 + Math.max(0, d.toString().length - abs(n).toString().length);
  const scaled = abs(n) * 10n ** BigInt(shift);
  const q = scaled / d;
  const sticky = scaled % d === 0n ? '' : '1';
  return (n < 0n ? -1 : 1) * Number(`${q}${sticky}e-${shift + sticky.length}`);
}

/** Aligns two decimals to one scale. */
function aligned(a: Decimal, b: Decimal): [bigint, bigint] {
  const s = Math.max(a.scale, b.scale);
  return [a.digits * 10n ** BigInt(s - a.scale), b.digits * 10n ** BigInt(s - b.scale)];
}

/** A money figure in fens (integer), when it and a hundred times it are exact in a double; else null. */
function fens(x: number): number | null {
  const f = Math.round(x * FENS);
  return Math.abs(f) * 100 <= Number.MAX_SAFE_INTEGER ? f : null;
}

/**
 * part / whole × 100 (whole > 0), the double nearest to the exact ratio of the two figures: in fens
 * both are integers, so one division, which IEEE rounds correctly, gives it; beyond 2^53 fens
 * (9 × 10^7 万元) the quotient is taken in BigInt.
 */
export function percentOf(part: number, whole: number): number {
  const p = fens(part);
  const w = fens(whole);
  if (p !== null && w !== null) return (p * 100) / w;
  const [bp, bw] = aligned(decimalOf(part), decimalOf(whole));
  return quotient(bp * 100n, bw);
}

/** (current − previous) / previous × 100 (previous > 0), exactly as percentOf. */
export function growthPercent(current: number, previous: number): number {
  const c = fens(current);
  const p = fens(previous);
  if (c !== null && p !== null && Math.abs(c - p) * 100 <= Number.MAX_SAFE_INTEGER) return ((c - p) * 100) / p;
  const [bc, bp] = aligned(decimalOf(current), decimalOf(previous));
  return quotient((bc - bp) * 100n, bp);
}

/**
 * Rounded half-up (away from zero on a half: 21.875 → 21.88, −21.875 → −21.88) to `places`
 * decimals, on the decimal the double stands for, so 1.005 gives 1.01, not 1.00.
 */
export function roundHalfUp(x: number, places: number): number {
  if (!Number.isFinite(x)) return x;
  const { digits, scale } = decimalOf(x);
  if (scale <= places) return x;
  const unit = 10n ** BigInt(scale - places);
  const a = abs(digits);
  const q = a / unit + ((a % unit) * 2n >= unit ? 1n : 0n);
  return (digits < 0n ? -1 : 1) * Number(`${q}e-${places}`);
}

/**
 * A number as shown next to a threshold: two decimals, half-up; more (up to six) when two would
 * make it look equal to a bound it is not equal to (2.9967 shown as 3.00 beside "≥ 3" would not
 * explain why it fails).
 */
export function displayNumber(x: number, bounds: readonly number[]): number {
  for (const places of [2, 4, 6]) {
    const shown = roundHalfUp(x, places);
    if (!bounds.some((b) => shown === b && x !== b)) return shown;
  }
  return x;
}
