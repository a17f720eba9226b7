import { setBit, type Bits } from './bitset.ts';

/**
 * A number or date column sorted, for thresholds: the rows holding a value by ascending value,
 * and prefix bitsets every `stride` positions, so that "value ≥ x" is one word-wise AND NOT of two
 * prefixes plus a short fix-up at each end (compile.ts).
 */
export interface SortedIndex {
  /** Rows with a value, by ascending value. */
  rows: Uint32Array;
  /** Their values, parallel to `rows`, for binary search. */
  values: Float64Array;
  stride: number;
  /** prefix[k] = the rows at sorted positions [0, min(k·stride, m)). */
  prefix: Bits[];
}

/** The index of a column (NaN = missing, left out) over a store of `words` words. */
export function buildIndex(col: Float64Array, words: number): SortedIndex {
  let m = 0;
  for (let i = 0; i < col.length; i++) if (!Number.isNaN(col[i]!)) m++;
  const rows = new Uint32Array(m);
  const values = new Float64Array(m);
  for (let i = 0, j = 0; i < col.length; i++) {
    const x = col[i]!;
    if (Number.isNaN(x)) continue;
    rows[j] = i;
    values[j++] = x;
  }
  const order = radixOrder(values);
  const sortedRows = new Uint32Array(m);
  const sortedValues = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const o = order[j]!;
    sortedRows[j] = rows[o]!;
    sortedValues[j] = values[o]!;
  }
  // About 64 checkpoints: a threshold then needs one pass over the words plus at most stride/2 bit fixes per end.
  const stride = Math.max(1024, Math.ceil(m / 64));
  const prefix: Bits[] = [new Int32Array(words)];
  for (let k = 1; (k - 1) * stride < m; k++) {
    const b = new Int32Array(prefix[k - 1]!);
    const end = Math.min(k * stride, m);
    for (let j = (k - 1) * stride; j < end; j++) setBit(b, sortedRows[j]!);
    prefix.push(b);
  }
  return { rows: sortedRows, values: sortedValues, stride, prefix };
}

/**
 * The positions of `values` in ascending order, ties in position order: an LSD radix sort on the
 * IEEE-754 bits (flipped so that unsigned order is numeric order), 16 bits at a time, skipping
 * the digits every value shares (small integers need one or two passes). Several times faster
 * than a comparator sort on a million values.
 */
function radixOrder(values: Float64Array): Uint32Array {
  const m = values.length;
  const bits = new Uint32Array(values.buffer, values.byteOffset, m * 2);
  const lo = new Uint32Array(m);
  const hi = new Uint32Array(m);
  // Little-endian: the low word of value j is bits[2j].
  for (let j = 0; j < m; j++) {
    const h = bits[2 * j + 1]!;
    const l = bits[2 * j]!;
    if (h & 0x80000000) {
      hi[j] = ~h >>> 0;
      lo[j] = ~l >>> 0;
    } else {
      hi[j] = (h | 0x80000000) >>> 0;
      lo[j] = l;
    }
  }
  let order = new Uint32Array(m);
  for (let j = 0; j < m; j++) order[j] = j;
  let next = new Uint32Array(m);
  const count = new Uint32Array(65_536);
  for (const [key, shift] of [
    [lo, 0],
    [lo, 16],
    [hi, 0],
    [hi, 16],
  ] as const) {
    count.fill(0);
    for (let j = 0; j < m; j++) count[(key[j]! >>> shift) & 0xffff]!++;
    if (m === 0 || count[(key[0]! >>> shift) & 0xffff] === m) continue;
    let sum = 0;
    for (let d = 0; d < 65_536; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let j = 0; j < m; j++) {
      const o = order[j]!;
      next[count[(key[o]! >>> shift) & 0xffff]!++] = o;
    }
    [order, next] = [next, order];
  }
  return order;
}

/** The first position whose value is >= x (m when none). */
export function lowerBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position whose value is > x (m when none). */
export function upperBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
