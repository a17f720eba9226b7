import { industryPath } from '../enterprises/industry.ts';
import { clearBit, popcount, putBit, setBit, wordsFor, type Bits } from './bitset.ts';
import { FIELDS, type FieldKey, type Profile, type ProfileValue } from './fields.ts';
import { buildIndex, type SortedIndex } from './sorted-index.ts';

export { lowerBound, upperBound, type SortedIndex } from './sorted-index.ts';

/**
 * The column store: every enterprise's profile held column by column, so that a rule is
 * answered for all of them with a few bitset operations instead of a loop over profiles.
 * - number and date fields: a Float64Array (NaN = missing; dates as day numbers), a bitset of
 *   missing rows, and (built on first use) the rows sorted by value with prefix bitsets every
 *   `stride` positions, so that a threshold is one word-wise AND NOT plus a short fix-up;
 * - code, codes and boolean fields: one bitset per value (industry also per code on its path: C, C39, C391) and a
 *   bitset of missing rows.
 * A changed enterprise is updated in place: its bits directly, and its numbers through the
 * "dirty" rows, which a range query re-checks one by one until the sorted indexes are rebuilt.
 */
export type NumericKey = Extract<(typeof FIELDS)[number], { kind: 'number' | 'date' }>['key'];
export type CategoryKey = Extract<(typeof FIELDS)[number], { kind: 'code' | 'codes' | 'boolean' }>['key'];

export const NUMERIC_KEYS = FIELDS.filter((f) => f.kind === 'number' || f.kind === 'date').map((f) => f.key) as NumericKey[];
export const CATEGORY_KEYS = FIELDS.filter((f) => f.kind === 'code' || f.kind === 'codes' || f.kind === 'boolean').map(
  (f) => f.key,
) as CategoryKey[];
const DATE_KEYS = new Set<string>(FIELDS.filter((f) => f.kind === 'date').map((f) => f.key));
const IS_DATE = NUMERIC_KEYS.map((k) => DATE_KEYS.has(k));

const DAY_MS = 86_400_000;
/** 'YYYY-MM-DD' → days since 1970-01-01 (exact: dates are UTC midnights). */
export const dayNumber = (iso: string): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;

/** The category values a profile holds for a field: codes as listed, booleans as 'true' / 'false'; null when missing. */
export function categoryValues(v: ProfileValue): readonly string[] | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return [v ? 'true' : 'false'];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v as readonly string[];
  return null;
}

export class ColumnStore {
  readonly words: number;
  readonly rowOf = new Map<number, number>();
  /** Rows of active enterprises; every answer is masked with it. */
  readonly active: Bits;
  readonly numbers = new Map<NumericKey, Float64Array>();
  readonly missing = new Map<FieldKey, Bits>();
  /**
   * field → value → rows holding it. Under 'industry_section': industry code → rows holding it or a
   * code below it, for codes at every level ('C', 'C39', 'C391'), since a listed code covers its subtree.
   */
  readonly categories = new Map<string, Map<string, Bits>>();
  /**
   * What each row holds for each category field, to clear its bits when it changes: the number of
   * the list of values in `lists` (0 = missing). A few hundred distinct lists at most, so a
   * million rows are a typed array rather than millions of small arrays for the collector to walk.
   */
  private readonly held = new Map<string, Uint32Array>();
  private readonly indexes = new Map<NumericKey, SortedIndex>();
  /** The same columns by field position, for the hot loop of put(). */
  private readonly cols: {
    numbers: Float64Array[];
    numMissing: Bits[];
    held: Uint32Array[];
    lists: ValueLists[];
    byValue: Map<string, Bits>[];
    catMissing: Bits[];
    sections: Map<string, Bits>;
  };
  /** Rows changed since the sorted indexes were built. */
  readonly dirty = new Set<number>();
  /** Bumped by every change, so that what was derived from the bitsets knows when it is stale. */
  version = 0;
  private counted = { version: -1, n: 0 };

  constructor(
    readonly ids: Int32Array,
    readonly n: number,
  ) {
    this.words = wordsFor(n);
    this.active = new Int32Array(this.words);
    ids.forEach((id, row) => this.rowOf.set(id, row));
    for (const key of NUMERIC_KEYS) {
      this.numbers.set(key, new Float64Array(n).fill(NaN));
      this.missing.set(key, new Int32Array(this.words));
    }
    for (const key of CATEGORY_KEYS) {
      this.categories.set(key, new Map());
      this.missing.set(key, new Int32Array(this.words));
      this.held.set(key, new Uint32Array(n));
    }
    this.categories.set('industry_section', new Map());
    this.cols = {
      numbers: NUMERIC_KEYS.map((k) => this.numbers.get(k)!),
      numMissing: NUMERIC_KEYS.map((k) => this.missing.get(k)!),
      held: CATEGORY_KEYS.map((k) => this.held.get(k)!),
      lists: CATEGORY_KEYS.map(() => new ValueLists()),
      byValue: CATEGORY_KEYS.map((k) => this.categories.get(k)!),
      catMissing: CATEGORY_KEYS.map((k) => this.missing.get(k)!),
      sections: this.categories.get('industry_section')!,
    };
  }

  private bitsIn(byValue: Map<string, Bits>, value: string): Bits {
    let b = byValue.get(value);
    if (!b) byValue.set(value, (b = new Int32Array(this.words)));
    return b;
  }

  /** The bitset of `field` = `value`, created empty on first mention (values appear as rows change). */
  valueBits(field: string, value: string): Bits {
    const byValue = this.categories.get(field);
    if (!byValue) throw new Error(`not a category field: ${field}`);
    let b = byValue.get(value);
    if (!b) byValue.set(value, (b = new Int32Array(this.words)));
    return b;
  }

  /** Writes one row: a new enterprise while building, or a changed one later. */
  put(row: number, active: boolean, profile: Profile, building = false): void {
    putBit(this.active, row, active);
    const cols = this.cols;
    for (let k = 0; k < NUMERIC_KEYS.length; k++) {
      const key = NUMERIC_KEYS[k]!;
      const v = profile[key];
      const x =
        v === null || v === undefined ? NaN : IS_DATE[k] ? (typeof v === 'string' ? dayNumber(v) : NaN) : typeof v === 'number' ? v : NaN;
      cols.numbers[k]![row] = x;
      putBit(cols.numMissing[k]!, row, Number.isNaN(x));
    }
    for (let k = 0; k < CATEGORY_KEYS.length; k++) {
      const key = CATEGORY_KEYS[k]!;
      const held = cols.held[k]!;
      const byValue = cols.byValue[k]!;
      const lists = cols.lists[k]!;
      const before = lists.values[held[row]!] ?? null;
      if (before) {
        for (const v of before) clearBit(this.bitsIn(byValue, v), row);
        if (key === 'industry') for (const v of before) for (const c of industryPath(v)) clearBit(this.bitsIn(cols.sections, c), row);
      }
      const now = categoryValues(profile[key]);
      held[row] = lists.numberOf(now);
      putBit(cols.catMissing[k]!, row, now === null);
      if (now) {
        for (const v of now) setBit(this.bitsIn(byValue, v), row);
        if (key === 'industry') for (const v of now) for (const c of industryPath(v)) setBit(this.bitsIn(cols.sections, c), row);
      }
    }
    if (!building) {
      this.version++;
      this.dirty.add(row);
      // Past a point the one-by-one re-checks cost more than sorting again.
      if (this.dirty.size > Math.max(256, this.n >>> 8)) this.reindex();
    }
  }

  /** How many rows are active. */
  activeCount(): number {
    if (this.counted.version !== this.version) this.counted = { version: this.version, n: popcount(this.active) };
    return this.counted.n;
  }

  /** Drops the sorted indexes; each is rebuilt from the current values on its next use. */
  reindex(): void {
    this.indexes.clear();
    this.dirty.clear();
  }

  index(key: NumericKey): SortedIndex {
    let ix = this.indexes.get(key);
    if (!ix) this.indexes.set(key, (ix = buildIndex(this.numbers.get(key)!, this.words)));
    return ix;
  }
}

/** The distinct lists of values rows hold for one field, numbered from 1 (0 = missing). */
class ValueLists {
  readonly values: (readonly string[] | null)[] = [null];
  private readonly numbers = new Map<string, number>();
  numberOf(list: readonly string[] | null): number {
    if (list === null) return 0;
    // A single code is its own key; a list is joined with a separator no code contains.
    const key = list.length === 1 ? list[0]! : `\u0001${list.join('\u0001')}`;
    let k = this.numbers.get(key);
    if (k === undefined) {
      k = this.values.length;
      this.values.push([...list]);
      this.numbers.set(key, k);
    }
    return k;
  }
}

/**
 * The order in which to lay out rows: by industry, then street, then scale. Rows of one division
 * then sit together, so a condition on industries (the commonest in policies) covers a few runs
 * of words instead of some bits in every word, and the matching loop skips the rest.
 */
export function clusterOrder(keys: readonly { industry: ProfileValue; street: ProfileValue; scale: ProfileValue }[]): number[] {
  const text = (v: ProfileValue): string => (typeof v === 'string' ? v : '');
  // A few thousand distinct keys at most: sort those, then place the rows by counting (stable, linear).
  const rankOf = new Map<string, number>();
  const keyOf = keys.map((p) => {
    const k = `${text(p.industry)}|${text(p.street)}|${text(p.scale)}`;
    if (!rankOf.has(k)) rankOf.set(k, 0);
    return k;
  });
  [...rankOf.keys()].sort().forEach((k, r) => rankOf.set(k, r));
  const ranks = Int32Array.from(keyOf, (k) => rankOf.get(k)!);
  const start = new Int32Array(rankOf.size + 1);
  for (const r of ranks) start[r + 1]!++;
  for (let r = 0; r < rankOf.size; r++) start[r + 1]! += start[r]!;
  const order = new Array<number>(keys.length);
  ranks.forEach((r, i) => {
    order[start[r]!++] = i;
  });
  return order;
}

/** Builds a store from profiles added one at a time, so that a million need never exist at once. */
export class StoreBuilder {
  private readonly store: ColumnStore;
  private row = 0;

  constructor(ids: readonly number[] | Int32Array) {
    const arr = ids instanceof Int32Array ? ids : Int32Array.from(ids);
    this.store = new ColumnStore(arr, arr.length);
  }

  /** Profiles must come in the order of the ids given to the constructor. */
  add(active: boolean, profile: Profile): void {
    this.store.put(this.row++, active, profile, true);
  }

  finish(): ColumnStore {
    if (this.row !== this.store.n) throw new Error(`store built with ${this.row} of ${this.store.n} profiles`);
    return this.store;
  }
}
