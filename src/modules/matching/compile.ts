import { andInto, andNotInto, clearBit, hasBit, orInto, setBit, summarise, summaryWords, type Bits } from './bitset.ts';
import { industryPath } from '../enterprises/industry.ts';
import { normaliseIndustry } from './evaluate.ts';
import { isCondition, type Condition, type Rule } from './rule.ts';
import { lowerBound, upperBound } from './sorted-index.ts';
import { dayNumber, type CategoryKey, type ColumnStore, type NumericKey, NUMERIC_KEYS } from './store.ts';

/**
 * A rule answered for every row of the column store at once, three-valued like evaluate():
 * each node yields the rows where it passes (p) and where it is unknown (u); the rest fail.
 *   all: p = ∧p, u = ∧(p ∨ u) ∧ ¬p      any: p = ∨p, u = ∨u ∧ ¬p      not: p = ¬(p ∨ u), u = u
 * Leaves read precomputed bitsets (codes, tags, booleans, missing values) or a range of a sorted
 * index (numbers, dates). Shared bitsets are never written: a node copies before combining.
 * The batch matcher (batch.ts) answers the top `all` of a rule itself, word by word, and comes
 * here for its leaves and for the children that are trees (any, not, nested all).
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

/** A rule's passing and unknown rows, every row of the store (active or not). */
export function treeSets(store: ColumnStore, rule: Rule, cache: LeafCache | undefined): Sets {
  if (isCondition(rule)) {
    const hit = cache?.get(rule);
    if (hit) return hit;
    const s = leaf(store, rule);
    cache?.set(rule, s);
    return s;
  }
  if ('all' in rule) {
    const parts = rule.all.map((r) => treeSets(store, r, cache));
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
    const parts = rule.any.map((r) => treeSets(store, r, cache));
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
  const inner = treeSets(store, rule.not, cache);
  const p = new Int32Array(store.words);
  const ip = inner.p;
  const iu = inner.u;
  if (iu) for (let w = 0; w < p.length; w++) p[w] = ~(ip[w]! | iu[w]!);
  else for (let w = 0; w < p.length; w++) p[w] = ~ip[w]!;
  return { p, u: iu };
}

function union(store: ColumnStore, sets: readonly Bits[]): Bits {
  if (sets.length === 0) return empty(store);
  if (sets.length === 1) return sets[0]!;
  const out = new Int32Array(store.words);
  for (const s of sets) orInto(out, s);
  return out;
}

const EMPTY = new WeakMap<ColumnStore, Bits>();
/** No row; shared, never written. */
export function empty(store: ColumnStore): Bits {
  let e = EMPTY.get(store);
  if (!e) EMPTY.set(store, (e = new Int32Array(store.words)));
  return e;
}

const FULL = new WeakMap<ColumnStore, Bits>();
/** Every row (and the bits past the last); shared, never written. */
export function full(store: ColumnStore): Bits {
  let e = FULL.get(store);
  if (!e) FULL.set(store, (e = new Int32Array(store.words).fill(-1)));
  return e;
}

const SUMMARIES = new WeakMap<Bits, { version: number; sum: Int32Array; ones: number }>();
/**
 * The summary (bitset.ts) and row count of a bitset the store or a cache owns, remembered until
 * the store changes. Only for bitsets that are not rewritten in place between two changes.
 */
export function summaryOf(store: ColumnStore, b: Bits): { sum: Int32Array; ones: number } {
  const hit = SUMMARIES.get(b);
  if (hit && hit.version === store.version) return hit;
  const sum = new Int32Array(summaryWords(b.length));
  const entry = { version: store.version, sum, ones: summarise(b, sum) };
  SUMMARIES.set(b, entry);
  return entry;
}

function missingOf(store: ColumnStore, field: string): Bits | null {
  const m = store.missing.get(field as CategoryKey);
  return m && summaryOf(store, m).ones > 0 ? m : null;
}

/**
 * A code, codes or boolean condition that is a plain union: it passes on the union of `p` and is
 * unknown on the union of `u` less `p`; null for the other operators (has_all, has_none).
 * A listed industry code covers every code under it (the 'industry_section' bitsets, kept per
 * code at every level); it is unknown for rows filed at a coarser level on its path.
 */
export function categorySources(store: ColumnStore, c: Condition): { p: Bits[]; u: Bits[] } | null {
  if (isNumeric(c)) return null;
  const field = c.field as CategoryKey;
  const missing = missingOf(store, field);
  const u = missing ? [missing] : [];
  const byValue = store.categories.get(field);
  const present = (list: readonly string[], map = byValue): Bits[] =>
    list.map((v) => map?.get(v)).filter((b): b is Bits => b !== undefined);
  const values = c.value as readonly string[];
  if ((c.op === 'in' && field !== 'industry') || c.op === 'has_any') return { p: present(values), u };
  if (c.op === 'is') return { p: present([c.value === true ? 'true' : 'false']), u };
  if (c.op !== 'in') return null;
  const codes = values.map(normaliseIndustry).filter((x): x is string => x !== null);
  return {
    p: present(codes, store.categories.get('industry_section')),
    u: [...present(codes.flatMap((x) => industryPath(x).slice(0, -1))), ...u],
  };
}

export const isNumeric = (c: Condition): boolean => (NUMERIC_KEYS as readonly string[]).includes(c.field);

function leaf(store: ColumnStore, c: Condition): Sets {
  if (isNumeric(c)) return { p: numericPass(store, c), u: missingOf(store, c.field) };
  const field = c.field as CategoryKey;
  const values = c.value as readonly string[];
  const bitsOf = (v: string): Bits => store.categories.get(field)?.get(v) ?? empty(store);
  const sources = categorySources(store, c);
  if (sources) {
    const p = union(store, sources.p);
    if (sources.u.length === 0) return { p, u: null };
    const u = new Int32Array(union(store, sources.u));
    andNotInto(u, p);
    return { p, u };
  }
  const u = missingOf(store, field);
  switch (c.op) {
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
    default:
      return { p: empty(store), u: null };
  }
}

/**
 * The rows where a number or date condition passes (missing values fail here; they are the
 * field's missing bitset), written into `out` when given: the range of the sorted index that
 * passes, rows changed since it was sorted decided by value.
 */
export function numericPass(store: ColumnStore, c: Condition, out?: Int32Array): Bits {
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
      return out ? out.fill(0) : empty(store);
  }
  const p = rangeBits(ix, a, b, out ?? new Int32Array(store.words));
  // Rows changed since the index was sorted: their position may be stale, so decide them by value.
  if (store.dirty.size) {
    const col = store.numbers.get(key)!;
    for (const row of store.dirty) {
      const y = col[row]!;
      if (!Number.isNaN(y) && test(y)) setBit(p, row);
      else if (hasBit(p, row)) clearBit(p, row);
    }
  }
  return p;
}

/** The rows at sorted positions [a, b) into `out`: the nearest prefix bitsets, then the few rows between them and the ends. */
function rangeBits(ix: { rows: Uint32Array; stride: number; prefix: Bits[] }, a: number, b: number, out: Int32Array): Bits {
  const rows = ix.rows;
  const words = out.length;
  if (b - a <= ix.stride) {
    out.fill(0);
    for (let j = a; j < b; j++) setBit(out, rows[j]!);
    return out;
  }
  const m = rows.length;
  const last = ix.prefix.length - 1;
  const pos = (k: number): number => Math.min(k * ix.stride, m);
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
