import { bitCount, type Bits } from './bitset.ts';

/**
 * The inner loop of the batch matcher (batch.ts): one rule's terms ANDed over the words that can
 * hold an answer — those whose bit is set in every term's summary — counting the rows that pass
 * every term (eligible) and those that pass or are unknown for every term, less the eligible
 * (unknown). Typed-array reads are what it costs (a few ns each, more than the ANDs and the
 * counts), so each bitset is read once a word, from a local: one loop per width, the absent
 * terms read as all rows, the pass-or-unknown chain over every term and the pass chain only over
 * the terms with unknown rows. No branch depends on the data but "is the word empty".
 */
export interface Term {
  /** Rows where the term passes. */
  p: Bits;
  /** Rows where it passes or is unknown; the same bitset as `p` when none is unknown. */
  pu: Bits;
  /** pu's summary (bitset.ts). */
  sum: Int32Array;
  /** pu's rows (or a bound): the sparsest terms are kept apart when a wide rule is folded. */
  ones: number;
}

export interface Counts {
  eligible: number;
  unknown: number;
}

/** The most terms the loops take, and the most of them with unknown rows. */
const WIDE = 6;
const WIDE_UNKNOWN = 3;
/** A rule wider than that keeps its sparsest terms and has the rest folded into one. */
const KEPT = 2;

/** The loop's working arrays, reused from rule to rule. */
export class Scratch {
  /** The terms of the rule at hand. One array, kept: V8 compiles the loops for the arrays they see. */
  readonly terms: Term[] = [];
  /** The passing rows of the terms with unknown rows. */
  readonly unknownTerms: Bits[] = [];
  /** The rule's candidate words: a summary. */
  readonly cand: Int32Array;
  private folded: Term | undefined;
  private sink: { p: Int32Array; u: Int32Array } | undefined;
  constructor(
    private readonly words: number,
    summaryWords: number,
    /** Every row: stands in for the absent terms. */
    readonly all: Int32Array,
  ) {
    this.cand = new Int32Array(summaryWords);
  }
  /** Where a wide rule's surplus terms go (its summary is not read again: the candidates are known by then). */
  get fold(): Term {
    return (this.folded ??= { p: new Int32Array(this.words), pu: new Int32Array(this.words), sum: this.cand, ones: 0 });
  }
  /** Where the widest loop writes when its caller wants counts only. */
  get discard(): { p: Int32Array; u: Int32Array } {
    return (this.sink ??= { p: new Int32Array(this.words), u: new Int32Array(this.words) });
  }
}

/** Ascending by rows. Insertion sort: a rule has a handful of terms. */
function sortTerms(terms: Term[]): void {
  for (let i = 1; i < terms.length; i++) {
    const t = terms[i]!;
    let j = i - 1;
    for (; j >= 0 && terms[j]!.ones > t.ones; j--) terms[j + 1] = terms[j]!;
    terms[j + 1] = t;
  }
}

/**
 * Counts the active rows of the rule whose terms are `sc.terms` (reordered, and folded when the
 * rule is wide); with `out`, also writes its eligible (p) and unknown (u) rows, the rest zero.
 * `activeSum` is the summary of `active`.
 */
export function kernel(active: Bits, activeSum: Int32Array, sc: Scratch, out?: { p: Int32Array; u: Int32Array }): Counts {
  const t = sc.terms;
  const cand = sc.cand;
  cand.set(activeSum);
  let unknowns = 0;
  for (const x of t) {
    const s = x.sum;
    for (let k = 0; k < cand.length; k++) cand[k]! &= s[k]!;
    if (x.p !== x.pu) unknowns++;
  }
  if (t.length > WIDE || unknowns > WIDE_UNKNOWN) fold(sc);
  const q = sc.unknownTerms;
  q.length = 0;
  for (const x of t) if (x.p !== x.pu) q.push(x.p);
  const all = sc.all;
  const u = (j: number): Bits => t[j]?.pu ?? all;
  const p = (j: number): Bits => q[j] ?? all;
  const c: Counts = { eligible: 0, unknown: 0 };
  if (out) {
    out.p.fill(0);
    out.u.fill(0);
    wide6(cand, c, active, u(0), u(1), u(2), u(3), u(4), u(5), p(0), p(1), p(2), out.p, out.u);
  } else if (t.length <= 2 && q.length <= 1) wide2(cand, c, active, u(0), u(1), p(0));
  else if (t.length <= 4 && q.length <= 2) wide4(cand, c, active, u(0), u(1), u(2), u(3), p(0), p(1));
  else wide6(cand, c, active, u(0), u(1), u(2), u(3), u(4), u(5), p(0), p(1), p(2), sc.discard.p, sc.discard.u);
  return c;
}

/**
 * Replaces all but the KEPT sparsest terms by their AND, written only on the candidate words
 * (the only ones the loops read). Few rules are that wide; a plain loop does.
 */
function fold(sc: Scratch): void {
  const t = sc.terms;
  sortTerms(t);
  const f = sc.fold;
  const fp = f.p;
  const fpu = f.pu;
  const ps: Bits[] = [];
  const pus: Bits[] = [];
  for (let j = KEPT; j < t.length; j++) {
    ps.push(t[j]!.p);
    pus.push(t[j]!.pu);
  }
  const cand = sc.cand;
  for (let k = 0; k < cand.length; k++) {
    let live = cand[k]!;
    while (live !== 0) {
      const low = live & -live;
      live ^= low;
      const w = (k << 5) | (31 - Math.clz32(low));
      let x = -1;
      let y = -1;
      for (let j = 0; j < pus.length; j++) {
        x &= pus[j]![w]!;
        y &= ps[j]![w]!;
      }
      fpu[w] = x;
      fp[w] = y;
    }
  }
  t.length = KEPT;
  t.push(f);
}

/*
 * The loops, one for each width: over the candidate words (the set bits of `cand`, 32 words each),
 * x = the rows passing or unknown for every term, y = those passing.
 */

function wide2(cand: Int32Array, c: Counts, a: Bits, u0: Bits, u1: Bits, q0: Bits): void {
  let eligible = 0;
  let either = 0;
  for (let k = 0; k < cand.length; k++) {
    let live = cand[k]!;
    while (live !== 0) {
      const low = live & -live;
      live ^= low;
      const w = (k << 5) | (31 - Math.clz32(low));
      const x = a[w]! & u0[w]! & u1[w]!;
      if (x === 0) continue;
      eligible += bitCount(x & q0[w]!);
      either += bitCount(x);
    }
  }
  c.eligible = eligible;
  c.unknown = either - eligible;
}

function wide4(cand: Int32Array, c: Counts, a: Bits, u0: Bits, u1: Bits, u2: Bits, u3: Bits, q0: Bits, q1: Bits): void {
  let eligible = 0;
  let either = 0;
  for (let k = 0; k < cand.length; k++) {
    let live = cand[k]!;
    while (live !== 0) {
      const low = live & -live;
      live ^= low;
      const w = (k << 5) | (31 - Math.clz32(low));
      const x = a[w]! & u0[w]! & u1[w]! & u2[w]! & u3[w]!;
      if (x === 0) continue;
      eligible += bitCount(x & q0[w]! & q1[w]!);
      either += bitCount(x);
    }
  }
  c.eligible = eligible;
  c.unknown = either - eligible;
}

/** The widest, also writing the eligible (op) and unknown (ou) rows. */
function wide6(
  cand: Int32Array,
  c: Counts,
  a: Bits,
  u0: Bits,
  u1: Bits,
  u2: Bits,
  u3: Bits,
  u4: Bits,
  u5: Bits,
  q0: Bits,
  q1: Bits,
  q2: Bits,
  op: Int32Array,
  ou: Int32Array,
): void {
  let eligible = 0;
  let either = 0;
  for (let k = 0; k < cand.length; k++) {
    let live = cand[k]!;
    while (live !== 0) {
      const low = live & -live;
      live ^= low;
      const w = (k << 5) | (31 - Math.clz32(low));
      const x = a[w]! & u0[w]! & u1[w]! & u2[w]! & u3[w]! & u4[w]! & u5[w]!;
      if (x === 0) continue;
      const y = x & q0[w]! & q1[w]! & q2[w]!;
      eligible += bitCount(y);
      either += bitCount(x);
      op[w] = y;
      ou[w] = x & ~y;
    }
  }
  c.eligible = eligible;
  c.unknown = either - eligible;
}
