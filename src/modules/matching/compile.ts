import { andInto, andNotInto, clearBit, hasBit, orInto, setBit, type Bits } from './bitset.ts';
import { normaliseIndustry } from './evaluate.ts';
import { isCondition, type Condition, type Rule } from './rule.ts';
import { dayNumber, lowerBound, upperBound, type CategoryKey, type ColumnStore, type NumericKey, NUMERIC_KEYS } from './store.ts';

/**
 * A rule answered for every row of the column store at once, three-valued like evaluate():
 * each node yields the rows where it passes (p) and where it is unknown (u); the rest fail.
 *   all: p = ∧p, u = ∧(p ∨ u) ∧ ¬p      any: p = ∨p, u = ∨u ∧ ¬p      not: p = ¬(p ∨ u), u = u
 * Leaves read precomputed bitsets (codes, tags, booleans, missing values) or a range of a sorted
 * index (numbers, dates). Shared bitsets are never written: a node copies before combining.
 */
export interface Sets {
  p: Bits;
  /** null = no row is unknown. */
  u: Bits | null;
}

/** Leaf answers shared by the rules of one run (many policies ask the same thing). */
export class LeafCache {
  private readonly map = new Map<string, Sets>();
  constructor(private readonly max = 1024) {}
  get(c: Condition): Sets | undefined {
    return this.map.get(keyOf(c));
  }
  set(c: Condition, s: Sets): void {
    if (this.map.size < this.max) this.map.set(keyOf(c), s);
  }
}

const keyOf = (c: Condition): string => `${c.field}|${c.op}|${JSON.stringify(c.value)}`;

export function evaluateAll(store: ColumnStore, rule: Rule, cache?: LeafCache): Sets {
  const s = node(store, rule, cache);
  const p = new Int32Array(s.p);
  andInto(p, store.active);
  let u: Bits | null = null;
  if (s.u) {
    u = new Int32Array(s.u);
    andInto(u, store.active);
  }
  return { p, u };
}

/**
 * Counts without materialising the answer. The usual policy is an `all` at the top: each child
 * becomes a term — a few bitsets whose union passes and a few whose union is unknown (a list of
 * codes needs no union built) — and one loop ANDs the terms word by word and counts, visiting only
 * the non-zero words of the sparsest single-bitset term and leaving a word as soon as it is empty.
 */
export function countAll(store: ColumnStore, rule: Rule, cache?: LeafCache): { eligible: number; unknown: number; total: number } {
  const total = store.activeCount();
  const terms = (!isCondition(rule) && 'all' in rule ? rule.all : [rule]).map((r) => termOf(store, r, cache));
  // The term with the fewest non-zero words leads: only its words can hold an answer.
  const ranked = terms.map((t) => ({ t, n: [...t.p, ...t.u].reduce((sum, b) => sum + nonZeroWords(store, b).length, 0) }));
  ranked.sort((a, b) => a.n - b.n);
  const ps = ranked.map((x) => x.t.p);
  const us = ranked.map((x) => x.t.u);
  const lead = [...ps[0]!, ...us[0]!];
  const words = ranked[0]!.n >= store.words ? allWords(store) : lead.length === 1 ? nonZeroWords(store, lead[0]!) : mergedWords(store, lead);
  const active = store.active;
  const k = ranked.length;
  let eligible = 0;
  let unknown = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    let p = active[w]!;
    let pu = p;
    for (let j = 0; j < k && pu !== 0; j++) {
      const tp = ps[j]!;
      const tu = us[j]!;
      let cp = 0;
      for (let x = 0; x < tp.length; x++) cp |= tp[x]![w]!;
      let cu = cp;
      for (let x = 0; x < tu.length; x++) cu |= tu[x]![w]!;
      p &= cp;
      pu &= cu;
    }
    if (pu === 0) continue;
    eligible += bitCount(p);
    unknown += bitCount(pu & ~p);
  }
  return { eligible, unknown, total };
}

/** A child of the top `all`: passes on the union of `p`, passes or is unknown on the union of `p` and `u`. */
interface Term {
  p: Bits[];
  u: Bits[];
}

function termOf(store: ColumnStore, rule: Rule, cache: LeafCache | undefined): Term {
  if (isCondition(rule) && !(NUMERIC_KEYS as readonly string[]).includes(rule.field)) {
    const field = rule.field as CategoryKey;
    const missing = missingOf(store, field);
    const u = missing ? [missing] : [];
    const values = rule.value as readonly string[];
    const byValue = store.categories.get(field);
    const present = (list: readonly string[], map = byValue): Bits[] => list.map((v) => map?.get(v)).filter((b): b is Bits => b !== undefined);
    if ((rule.op === 'in' && field !== 'industry') || rule.op === 'has_any') return { p: present(values), u };
    if (rule.op === 'is') return { p: present([rule.value === true ? 'true' : 'false']), u };
    if (rule.op === 'in') {
      const codes = values.map(normaliseIndustry).filter((c): c is string => c !== null);
      const sectionsMap = store.categories.get('industry_section');
      return {
        p: [...present(codes.filter((c) => c.length === 1), sectionsMap), ...present(codes.filter((c) => c.length > 1))],
        u: [...present(codes.filter((c) => c.length > 1).map((c) => c.charAt(0))), ...u],
      };
    }
  }
  const s = node(store, rule, cache);
  return { p: [s.p], u: s.u ? [s.u] : [] };
}

/** The words non-zero in any of `sets`, ascending. */
function mergedWords(store: ColumnStore, sets: readonly Bits[]): Int32Array {
  const seen = new Uint8Array(store.words);
  let n = 0;
  for (const b of sets) {
    const list = nonZeroWords(store, b);
    for (let i = 0; i < list.length; i++) {
      const w = list[i]!;
      if (seen[w] === 0) {
        seen[w] = 1;
        n++;
      }
    }
  }
  const out = new Int32Array(n);
  for (let w = 0, j = 0; w < seen.length; w++) if (seen[w] === 1) out[j++] = w;
  return out;
}

const ALL_WORDS = new WeakMap<ColumnStore, Int32Array>();
function allWords(store: ColumnStore): Int32Array {
  let list = ALL_WORDS.get(store);
  if (!list) ALL_WORDS.set(store, (list = Int32Array.from({ length: store.words }, (_, w) => w)));
  return list;
}

function bitCount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

const NON_ZERO = new WeakMap<Bits, { version: number; list: Int32Array }>();
/** The indexes of a bitset's non-zero words, remembered per bitset until the store changes. */
function nonZeroWords(store: ColumnStore, b: Bits): Int32Array {
  const hit = NON_ZERO.get(b);
  if (hit && hit.version === store.version) return hit.list;
  let n = 0;
  for (let w = 0; w < b.length; w++) if (b[w] !== 0) n++;
  const list = new Int32Array(n);
  for (let w = 0, j = 0; w < b.length; w++) if (b[w] !== 0) list[j++] = w;
  NON_ZERO.set(b, { version: store.version, list });
  return list;
}

function node(store: ColumnStore, rule: Rule, cache: LeafCache | undefined): Sets {
  if (isCondition(rule)) {
    const hit = cache?.get(rule);
    if (hit) return hit;
    const s = leaf(store, rule);
    cache?.set(rule, s);
    return s;
  }
  if ('all' in rule) {
    const parts = rule.all.map((r) => node(store, r, cache));
    const p = new Int32Array(parts[0]!.p);
    // pu = rows not failed by any child so far.
    const pu = new Int32Array(store.words);
    pu.fill(-1);
    let anyUnknown = false;
    for (const part of parts) {
      const cp = part.p;
      const cu = part.u;
      if (part !== parts[0]) andInto(p, cp);
      if (cu) {
        anyUnknown = true;
        for (let w = 0; w < pu.length; w++) pu[w]! &= cp[w]! | cu[w]!;
      } else {
        andInto(pu, cp);
      }
    }
    if (!anyUnknown) return { p, u: null };
    andNotInto(pu, p);
    return { p, u: pu };
  }
  if ('any' in rule) {
    const parts = rule.any.map((r) => node(store, r, cache));
    const p = new Int32Array(parts[0]!.p);
    let u: Bits | null = null;
    for (const part of parts) {
      if (part !== parts[0]) orInto(p, part.p);
      if (part.u) {
        if (!u) u = new Int32Array(part.u);
        else orInto(u, part.u);
      }
    }
    if (u) andNotInto(u, p);
    return { p, u };
  }
  const inner = node(store, rule.not, cache);
  const p = new Int32Array(store.words);
  const ip = inner.p;
  const iu = inner.u;
  if (iu) for (let w = 0; w < p.length; w++) p[w] = ~(ip[w]! | iu[w]!);
  else for (let w = 0; w < p.length; w++) p[w] = ~ip[w]!;
  return { p, u: iu };
}

function union(store: ColumnStore, sets: Bits[]): Bits {
  if (sets.length === 1) return sets[0]!;
  const out = new Int32Array(store.words);
  for (const s of sets) orInto(out, s);
  return out;
}

const EMPTY = new WeakMap<ColumnStore, Bits>();
function empty(store: ColumnStore): Bits {
  let e = EMPTY.get(store);
  if (!e) EMPTY.set(store, (e = new Int32Array(store.words)));
  return e;
}

function missingOf(store: ColumnStore, field: string): Bits | null {
  const m = store.missing.get(field as CategoryKey);
  return m && nonZeroWords(store, m).length > 0 ? m : null;
}

function leaf(store: ColumnStore, c: Condition): Sets {
  if ((NUMERIC_KEYS as readonly string[]).includes(c.field)) return numericLeaf(store, c);
  const field = c.field as CategoryKey;
  const u = missingOf(store, field);
  const values = c.value as readonly string[];
  const bitsOf = (v: string): Bits => store.categories.get(field)?.get(v) ?? empty(store);
  switch (c.op) {
    case 'in':
      if (field === 'industry') return industryLeaf(store, values, u);
      return { p: union(store, values.map(bitsOf)), u };
    case 'has_any':
      return { p: union(store, values.map(bitsOf)), u };
    case 'has_all': {
      const p = new Int32Array(bitsOf(values[0]!));
      for (const v of values.slice(1)) andInto(p, bitsOf(v));
      return { p, u };
    }
    case 'has_none': {
      const p = new Int32Array(store.words).fill(-1);
      for (const v of values) andNotInto(p, bitsOf(v));
      if (u) andNotInto(p, u);
      return { p, u };
    }
    case 'is':
      return { p: bitsOf(c.value === true ? 'true' : 'false'), u };
    default:
      return { p: empty(store), u: null };
  }
}

/** Listed sections cover their divisions; a listed division is unknown for rows filed under its bare section. */
function industryLeaf(store: ColumnStore, listed: readonly string[], missing: Bits | null): Sets {
  const pass: Bits[] = [];
  const unsure: Bits[] = [];
  for (const raw of listed) {
    const code = normaliseIndustry(raw);
    if (code === null) continue;
    if (code.length === 1) {
      const b = store.categories.get('industry_section')?.get(code);
      if (b) pass.push(b);
    } else {
      const b = store.categories.get('industry')?.get(code);
      if (b) pass.push(b);
      const bare = store.categories.get('industry')?.get(code.charAt(0));
      if (bare) unsure.push(bare);
    }
  }
  const p = pass.length ? union(store, pass) : empty(store);
  let u: Bits | null = unsure.length ? new Int32Array(union(store, unsure)) : null;
  if (u) andNotInto(u, p);
  if (missing) {
    if (!u) u = missing;
    else orInto(u, missing);
  }
  return { p, u };
}

/** A numeric condition as a predicate on the column value and a range of sorted positions. */
function numericLeaf(store: ColumnStore, c: Condition): Sets {
  const key = c.field as NumericKey;
  const date = typeof c.value === 'string' || (Array.isArray(c.value) && typeof c.value[0] === 'string');
  const num = (v: unknown): number => (date ? dayNumber(String(v)) : Number(v));
  const ix = store.index(key);
  const vals = ix.values;
  const m = vals.length;
  let a = 0;
  let b = m;
  let test: (x: number) => boolean;
  const v = c.value;
  switch (c.op) {
    case 'gte': {
      const x = num(v);
      a = lowerBound(vals, x);
      test = (y) => y >= x;
      break;
    }
    case 'gt':
    case 'after': {
      const x = num(v);
      a = upperBound(vals, x);
      test = (y) => y > x;
      break;
    }
    case 'lte': {
      const x = num(v);
      b = upperBound(vals, x);
      test = (y) => y <= x;
      break;
    }
    case 'lt':
    case 'before': {
      const x = num(v);
      b = lowerBound(vals, x);
      test = (y) => y < x;
      break;
    }
    case 'eq': {
      const x = num(v);
      a = lowerBound(vals, x);
      b = upperBound(vals, x);
      test = (y) => y === x;
      break;
    }
    case 'between': {
      const [lo, hi] = (v as readonly unknown[]).map(num) as [number, number];
      a = lowerBound(vals, lo);
      b = Math.max(a, upperBound(vals, hi));
      test = (y) => y >= lo && y <= hi;
      break;
    }
    default:
      return { p: empty(store), u: null };
  }
  const p = rangeBits(store.words, ix, a, b);
  // Rows changed since the index was sorted: their position may be stale, so decide them by value.
  if (store.dirty.size) {
    const col = store.numbers.get(key)!;
    for (const row of store.dirty) {
      const y = col[row]!;
      if (!Number.isNaN(y) && test(y)) setBit(p, row);
      else if (hasBit(p, row)) clearBit(p, row);
    }
  }
  return { p, u: missingOf(store, key) };
}

/** The rows at sorted positions [a, b): the nearest prefix bitsets, then the few rows between them and the ends. */
function rangeBits(words: number, ix: { rows: Uint32Array; stride: number; prefix: Bits[] }, a: number, b: number): Bits {
  const out = new Int32Array(words);
  const rows = ix.rows;
  if (b <= a) return out;
  const m = rows.length;
  const last = ix.prefix.length - 1;
  const pos = (k: number): number => Math.min(k * ix.stride, m);
  if (b - a <= ix.stride) {
    for (let j = a; j < b; j++) setBit(out, rows[j]!);
    return out;
  }
  const kb = Math.min(last, Math.round(b / ix.stride));
  const ka = Math.min(last, Math.round(a / ix.stride));
  const hi = ix.prefix[kb]!;
  const lo = ix.prefix[ka]!;
  for (let w = 0; w < words; w++) out[w] = hi[w]! & ~lo[w]!;
  const pb = pos(kb);
  const pa = pos(ka);
  if (b > pb) for (let j = pb; j < b; j++) setBit(out, rows[j]!);
  else for (let j = b; j < pb; j++) clearBit(out, rows[j]!);
  if (a > pa) for (let j = pa; j < a; j++) clearBit(out, rows[j]!);
  else for (let j = a; j < pa; j++) setBit(out, rows[j]!);
  return out;
}
