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

export function popcount(b: Bits): number {
  let n = 0;
  for (let w = 0; w < b.length; w++) {
    let v = b[w]!;
    v = v - ((v >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
  }
  return n;
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
