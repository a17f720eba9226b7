import { bitCount, summarise, summaryWords, type Bits } from './bitset.ts';
import { categorySources, empty, full, isNumeric, LeafCache, numericPass, summaryOf, treeSets, type Sets } from './compile.ts';
import { kernel, Scratch, type Counts, type Term } from './kernel.ts';
import { isCondition, type Rule } from './rule.ts';
import type { ColumnStore } from './store.ts';

/**
 * Many rules over the whole column store, the way a full match asks them. A policy is nearly
 * always an `all` at the top; each of its children (a term) comes down to two bitsets — the rows
 * where it passes (p) and where it passes or is unknown (pu) — and then
 *   eligible = active ∧ ⋀p,   unknown = (active ∧ ⋀pu) ∧ ¬eligible
 * (the `all` rule of compile.ts, since p ⊆ pu), by the loop of kernel.ts over only the words left
 * by ANDing the terms' summaries (one bit per non-zero word, bitset.ts).
 * A term is one bitset of the store when it can be (a code, a tag), else written into buffers: a
 * union only over the words its parts hold, a number range from the sorted index. Districts'
 * policies repeat themselves (the same thresholds, tags, streets): a term that several rules of the
 * batch share is built once and kept until its last use; one used once is built into buffers
 * reused by the next rule.
 */
export type { Counts } from './kernel.ts';

/** A bitset with its summary and row count. */
interface Part {
  bits: Bits;
  sum: Int32Array;
  ones: number;
}

/**
 * Buffers for one term (passing rows, passing or unknown rows, each with its summary), reused
 * from rule to rule; made on first need, as most terms are bitsets of the store and need none.
 * A part's summary always describes its bitset (union() relies on it to clear only what it wrote).
 */
class Slot {
  private pPart: Part | undefined;
  private puPart: Part | undefined;
  constructor(private readonly words: number) {}
  get p(): Part {
    return (this.pPart ??= { bits: new Int32Array(this.words), sum: new Int32Array(summaryWords(this.words)), ones: 0 });
  }
  get pu(): Part {
    return (this.puPart ??= { bits: new Int32Array(this.words), sum: new Int32Array(summaryWords(this.words)), ones: 0 });
  }
}

/** Shared terms kept at once at most (two bitsets each: 250 kB at a million rows). */
const MAX_SHARED = 256;
const SET_OPS = new Set(['in', 'has_any', 'has_all', 'has_none']);

/** The same key for the same question, whatever the condition ids, clauses and the order of a list. */
function termKey(r: Rule): string {
  return JSON.stringify(canonical(r));
}

type Canonical = (string | number | boolean | readonly unknown[])[];
function canonical(r: Rule): Canonical {
  if (isCondition(r)) return [r.field, r.op, Array.isArray(r.value) && SET_OPS.has(r.op) ? [...(r.value as string[])].sort() : r.value];
  if ('all' in r) return ['all', ...r.all.map(canonical)];
  if ('any' in r) return ['any', ...r.any.map(canonical)];
  return ['not', canonical(r.not)];
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
  private readonly loop: Scratch;

  constructor(
    private readonly store: ColumnStore,
    rules: readonly Rule[],
  ) {
    this.plans = rules.map((r) => topTerms(r).map((t) => ({ rule: t, key: termKey(t) })));
    for (const plan of this.plans) for (const { key } of plan) this.uses.set(key, (this.uses.get(key) ?? 0) + 1);
    this.loop = new Scratch(store.words, summaryWords(store.words), full(store));
  }

  /** Rule `i`'s counts over the active rows; with `out`, also its eligible rows (p) and unknown rows (u), overwritten. */
  run(i: number, out?: { p: Int32Array; u: Int32Array }): Counts {
    const plan = this.plans[i]!;
    const terms = this.loop.terms;
    terms.length = 0;
    for (let j = 0; j < plan.length; j++) terms.push(this.termFor(plan[j]!.rule, plan[j]!.key, j));
    const counts = kernel(this.store.active, summaryOf(this.store, this.store.active).sum, this.loop, out);
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
export function forEachRuleSets(
  store: ColumnStore,
  rules: readonly Rule[],
  f: (i: number, sets: { p: Bits; u: Bits }, counts: Counts) => void,
): void {
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

/** A term's bitsets: the store's (or the leaf cache's) own when one answers it, else written into the slot. */
function build(store: ColumnStore, rule: Rule, slot: Slot, cache: LeafCache): Term {
  const part = (b: Bits): Part => ({ bits: b, ...summaryOf(store, b) });
  let p: Part;
  let u: Bits[];
  const sources = isCondition(rule) ? categorySources(store, rule) : null;
  if (sources) {
    p =
      sources.p.length === 0
        ? part(empty(store))
        : sources.p.length === 1
          ? part(sources.p[0]!)
          : union(store, slot.p, sources.p.map(part));
    u = sources.u;
  } else if (isCondition(rule) && isNumeric(rule)) {
    p = slot.p;
    numericPass(store, rule, p.bits);
    p.ones = summarise(p.bits, p.sum);
    const missing = store.missing.get(rule.field)!;
    u = summaryOf(store, missing).ones > 0 ? [missing] : [];
  } else {
    const s = treeSets(store, rule, cache);
    p = part(s.p);
    u = s.u ? [s.u] : [];
  }
  const pu = u.length ? union(store, slot.pu, [p, ...u.map(part)]) : p;
  return { p: p.bits, pu: pu.bits, sum: pu.sum, ones: pu.ones };
}

/**
 * out = the union of `parts`, by blocks of 32 words (a bit of a summary): only the blocks some
 * part holds — a few runs for a list of industries, every block for a number range and its
 * missing rows. The commonest unions (two or three parts) read them from locals.
 */
function union(store: ColumnStore, out: Part, parts: readonly Part[]): Part {
  const { bits, sum } = out;
  // The summary says which words hold rows from the slot's last use: only those need clearing.
  for (let k = 0; k < sum.length; k++) {
    let held = sum[k]!;
    while (held !== 0) {
      const low = held & -held;
      held ^= low;
      bits[(k << 5) | (31 - Math.clz32(low))] = 0;
    }
  }
  // Then it marks the blocks to visit, and ends as the summary of the union.
  sum.fill(0);
  for (const x of parts) {
    const xs = x.sum;
    for (let k = 0; k < sum.length; k++) sum[k]! |= xs[k]!;
  }
  const a = parts[0]!.bits;
  const b = parts[1]?.bits ?? empty(store);
  const c = parts[2]?.bits ?? empty(store);
  const more: Bits[] = [];
  for (let j = 3; j < parts.length; j++) more.push(parts[j]!.bits);
  const words = bits.length;
  let ones = 0;
  for (let k = 0; k < sum.length; k++) {
    if (sum[k] === 0) continue;
    const w0 = k << 5;
    const end = Math.min(words, w0 + 32);
    let live = 0;
    for (let w = w0; w < end; w++) {
      let v = a[w]! | b[w]! | c[w]!;
      for (let j = 0; j < more.length; j++) v |= more[j]![w]!;
      bits[w] = v;
      live |= ((v | -v) >>> 31) << (w - w0);
      ones += bitCount(v);
    }
    sum[k] = live;
  }
  out.ones = ones;
  return out;
}
