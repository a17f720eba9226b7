/**
 * Fixed-size bitsets over the rows of the column store: one bit per enterprise, 32 to a word.
 * Plain loops over Int32Array: V8 compiles them to tight machine code, and a million rows are
 * 31,250 words — a few tens of microseconds per operation.
 */
export type Bits = Int32Array;

export const wordsFor = (rows: number): number => (rows + 31) >>> 5;

export function setBit(b: Bits, i: number): void {
  b[i >>> 5]! |= 1 << (i & 31);
}

export function clearBit(b: Bits, i: number): void {
  b[i >>> 5]! &= ~(1 << (i & 31));
}

export function hasBit(b: Bits, i: number): boolean {
  return (b[i >>> 5]! & (1 << (i & 31))) !== 0;
}

export function putBit(b: Bits, i: number, on: boolean): void {
  if (on) setBit(b, i);
  else clearBit(b, i);
}

/** The set bits of one word. */
export function bitCount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

export function popcount(b: Bits): number {
  let n = 0;
  for (let w = 0; w < b.length; w++) n += bitCount(b[w]!);
  return n;
}

/**
 * A bitset's summary: one bit per word of `b`, set when that word is non-zero. Intersecting the
 * summaries of a rule's terms (a thirty-second of the words) leaves only the words worth a visit.
 */
export const summaryWords = (words: number): number => (words + 31) >>> 5;

/** Fills `sum` with the summary of `b`; returns how many rows `b` holds. */
export function summarise(b: Bits, sum: Int32Array): number {
  let ones = 0;
  const words = b.length;
  for (let s = 0, w = 0; s < sum.length; s++) {
    let m = 0;
    const end = Math.min(w + 32, words);
    for (let j = 0; w < end; w++, j++) {
      const v = b[w]!;
      if (v !== 0) {
        m |= 1 << j;
        ones += bitCount(v);
      }
    }
    sum[s] = m;
  }
  return ones;
}

/** dst |= src */
export function orInto(dst: Bits, src: Bits): void {
  for (let w = 0; w < dst.length; w++) dst[w]! |= src[w]!;
}

/** dst &= src */
export function andInto(dst: Bits, src: Bits): void {
  for (let w = 0; w < dst.length; w++) dst[w]! &= src[w]!;
}

/** dst &= ~src */
export function andNotInto(dst: Bits, src: Bits): void {
  for (let w = 0; w < dst.length; w++) dst[w]! &= ~src[w]!;
}

/** Calls `f` with the index of every set bit, in ascending order. */
export function forEachBit(b: Bits, f: (i: number) => void): void {
  for (let w = 0; w < b.length; w++) {
    let v = b[w]!;
    while (v !== 0) {
      const t = v & -v;
      f((w << 5) + (31 - Math.clz32(t)));
      v ^= t;
    }
  }
}
