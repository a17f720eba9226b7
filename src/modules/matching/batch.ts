import { bitCount, summarise, summaryWords, type Bits } from './bitset.ts';
import { categorySources, empty, isNumeric, LeafCache, numericPass, summaryOf, treeSets, type Sets } from './compile.ts';
import { isCondition, type Rule } from './rule.ts';
import type { ColumnStore } from './store.ts';

/**
 * Many rules over the whole column store, the way a full match asks them. A policy is nearly
 * always an `all` at the top; each of its children (a term) comes down to two bitsets — the rows
 * where it passes (p) and where it passes or is unknown (pu) — and then
 *   eligible = active ∧ ⋀p,   unknown = (active ∧ ⋀pu) ∧ ¬eligible
 * (the `all` rule of compile.ts, since p ⊆ pu). One loop visits only the words left by ANDing the
 * terms' summaries (one bit per non-zero word, bitset.ts), ANDs the terms word by word from the
 * sparsest and leaves a word as soon as it is empty.
 * Districts' policies repeat themselves (the same industries, tags, thresholds): a term that
 * several rules of the batch share is built once and kept until its last use; one used once is
 * built into a reused buffer. Nothing is allocated per rule beyond the first few.
 */
export interface Counts {
  eligible: number;
  unknown: number;
}

/** A term as the loop reads it. `pu === p` when no row is unknown. */
interface Term {
  p: Bits;
  pu: Bits;
  sum: Int32Array;
  ones: number;
}

/** Buffers for one term, reused from rule to rule: allocated on first need. */
class Slot {
  private pBuf: Int32Array | undefined;
  private puBuf: Int32Array | undefined;
  private sumBuf: Int32Array | undefined;
  constructor(private readonly words: number) {}
  get p(): Int32Array {
    return (this.pBuf ??= new Int32Array(this.words));
  }
  get pu(): Int32Array {
    return (this.puBuf ??= new Int32Array(this.words));
  }
  get sum(): Int32Array {
    return (this.sumBuf ??= new Int32Array(summaryWords(this.words)));
  }
  owns(b: Bits): boolean {
    return b === this.pBuf || b === this.puBuf;
  }
}

/** Shared terms kept at once at most (two bitsets each: 250 kB at a million rows). */
const MAX_SHARED = 256;
const SET_OPS = new Set(['in', 'has_any', 'has_all', 'has_none']);

/** The same key for the same question, whatever the condition ids, clauses and the order of a list. */
export function termKey(r: Rule): string {
  if (isCondition(r)) {
    const v = Array.isArray(r.value) && SET_OPS.has(r.op) ? [...(r.value as string[])].sort() : r.value;
    return `${r.field}|${r.op}|${JSON.stringify(v)}`;
  }
  if ('all' in r) return `all(${r.all.map(termKey).join(',')})`;
  if ('any' in r) return `any(${r.any.map(termKey).join(',')})`;
  return `not(${termKey(r.not)})`;
}

const topTerms = (r: Rule): readonly Rule[] => (!isCondition(r) && 'all' in r ? r.all : [r]);

export class BatchMatcher {
  private readonly cache = new LeafCache();
  private readonly plans: { rule: Rule; key: string }[][];
  /** Uses left in the batch, per term key. */
  private readonly uses = new Map<string, number>();
  private readonly shared = new Map<string, { term: Term; slot: Slot }>();
  private readonly spare: Slot[] = [];
  private readonly scratch: Slot[] = [];
  private readonly cand: Int32Array;

  constructor(
    private readonly store: ColumnStore,
    readonly rules: readonly Rule[],
  ) {
    this.plans = rules.map((r) => topTerms(r).map((t) => ({ rule: t, key: termKey(t) })));
    for (const plan of this.plans) for (const { key } of plan) this.uses.set(key, (this.uses.get(key) ?? 0) + 1);
    this.cand = new Int32Array(summaryWords(store.words));
  }

  /** Rule `i`'s counts over the active rows; with `out`, also its eligible rows (p) and unknown rows (u), overwritten. */
  run(i: number, out?: { p: Int32Array; u: Int32Array }): Counts {
    const plan = this.plans[i]!;
    const terms = plan.map(({ rule, key }, j) => this.termFor(rule, key, j));
    const counts = kernel(this.store, terms, this.cand, out);
    for (const { key } of plan) this.release(key);
    return counts;
  }

  private termFor(rule: Rule, key: string, position: number): Term {
    const hit = this.shared.get(key);
    if (hit) return hit.term;
    if ((this.uses.get(key) ?? 0) > 1 && this.shared.size < MAX_SHARED) {
      const slot = this.spare.pop() ?? new Slot(this.store.words);
      const term = build(this.store, rule, slot, this.cache);
      this.shared.set(key, { term, slot });
      return term;
    }
    while (this.scratch.length <= position) this.scratch.push(new Slot(this.store.words));
    return build(this.store, rule, this.scratch[position]!, this.cache);
  }

  private release(key: string): void {
    const left = this.uses.get(key)! - 1;
    this.uses.set(key, left);
    if (left > 0) return;
    const entry = this.shared.get(key);
    if (!entry) return;
    this.shared.delete(key);
    this.spare.push(entry.slot);
  }
}

/** Counts of every rule over the active rows of the store. */
export function countMany(store: ColumnStore, rules: readonly Rule[]): Counts[] {
  const m = new BatchMatcher(store, rules);
  return rules.map((_, i) => m.run(i));
}

/** One rule's counts, and the number of active rows (the rule editor's live count). */
export function countAll(store: ColumnStore, rule: Rule): Counts & { total: number } {
  return { ...new BatchMatcher(store, [rule]).run(0), total: store.activeCount() };
}

/**
 * Every rule's eligible (p) and unknown (u) active rows, one rule at a time: `f` sees bitsets
 * that the next rule overwrites (list what it needs before returning).
 */
export function forEachRuleSets(store: ColumnStore, rules: readonly Rule[], f: (i: number, sets: { p: Bits; u: Bits }, counts: Counts) => void): void {
  const m = new BatchMatcher(store, rules);
  const out = { p: new Int32Array(store.words), u: new Int32Array(store.words) };
  rules.forEach((_, i) => f(i, out, m.run(i, out)));
}

/** One rule's eligible and unknown active rows, in bitsets of their own (u null when none). */
export function evaluateAll(store: ColumnStore, rule: Rule): Sets {
  const out = { p: new Int32Array(store.words), u: new Int32Array(store.words) };
  const counts = new BatchMatcher(store, [rule]).run(0, out);
  return { p: out.p, u: counts.unknown > 0 ? out.u : null };
}

/** A term's bitsets: the store's (or the leaf cache's) own, or a number range written into the slot. */
function build(store: ColumnStore, rule: Rule, slot: Slot, cache: LeafCache): Term {
  let p: Bits[];
  let u: Bits[];
  const sources = isCondition(rule) ? categorySources(store, rule) : null;
  if (sources) {
    p = sources.p.length ? sources.p : [empty(store)];
    u = sources.u;
  } else if (isCondition(rule) && isNumeric(rule)) {
    p = [numericPass(store, rule, slot.p)];
    const missing = store.missing.get(rule.field)!;
    u = summaryOf(store, missing).ones > 0 ? [missing] : [];
  } else {
    const s = treeSets(store, rule, cache);
    p = [s.p];
    u = s.u ? [s.u] : [];
  }
  const pu = u.length ? [...p, ...u] : p;
  if (pu.length === 1 && !slot.owns(pu[0]!)) {
    const s = summaryOf(store, pu[0]!);
    return { pu, p: null, sum: s.sum, ones: s.ones };
  }
  // The union's summary is the union of the summaries; its row count at most their sum (an estimate is enough for the order).
  const sum = slot.sum;
  sum.fill(0);
  let ones = 0;
  for (const b of pu) {
    if (slot.owns(b)) {
      ones += summarise(b, slot.scratchSum);
      orWords(sum, slot.scratchSum);
    } else {
      const s = summaryOf(store, b);
      ones += s.ones;
      orWords(sum, s.sum);
    }
  }
  return { pu, p: u.length ? p : null, sum, ones };
}

function orWords(dst: Int32Array, src: Int32Array): void {
  for (let k = 0; k < dst.length; k++) dst[k]! |= src[k]!;
}
