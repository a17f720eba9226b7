/**
 * Bad inputs for one operation of the OpenAPI document: a base value for each declared input, then
 * cases that change exactly one place of it (a path param, a query param, one field of the body).
 * Nearly every case is invalid somewhere, so none makes a real change by accident; the few valid
 * ones (an empty patch, control characters, text where the schema sets no bound) are meant to pass
 * and must not fail either. Seeded: the same document gives the same cases on every run.
 */

import type { JsonSchema } from '../support/openapi.ts';

export type { JsonSchema };

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: Record<string, unknown>[];
}

export interface FuzzCase {
  /** What was changed, for the failure list. */
  what: string;
  /** The URL with its query string. */
  url: string;
  /** The raw JSON text of the body, when the operation takes one. */
  body?: string;
  /** When set, the answer must be a 400 naming this field (NUL or lone surrogate in it). */
  expectField?: string;
}

export const NUL = 'ab\u0000cd';
export const LONE_HIGH = 'ab\ud800cd';
export const LONE_LOW = 'ab\udc00cd';
/** Levels of nesting in a deep value: far past any recursion a schema or the guard could walk. */
const DEEP = 10_000;
/** Stands for a value spliced into the JSON text after stringify (a 10,000-level value would overflow it). */
const DEEP_TOKEN = '__fuzz_deep__';
const deepArray = '['.repeat(DEEP) + ']'.repeat(DEEP);
// Shaped as the policy rule's recursion ({not: …}, {all: […]}), so a recursive schema walks all of it.
const deepNot = '{"not":'.repeat(DEEP) + '{}' + '}'.repeat(DEEP);
const deepAll = '{"all":['.repeat(DEEP) + '{}' + ']}'.repeat(DEEP);
const DEEP_VALUES = [deepArray, deepNot, deepAll];

type Path = (string | number)[];

interface Slot {
  path: Path;
  schema: JsonSchema;
  /** A reference or a union (a rule): it may recurse, so it gets every deep form. */
  anyShape: boolean;
}

export class Generator {
  constructor(
    private readonly components: Record<string, JsonSchema>,
    readonly random: () => number,
  ) {}

  resolve(s: JsonSchema | undefined): JsonSchema {
    let cur = s ?? {};
    for (let i = 0; cur.$ref && i < 10; i++) cur = this.components[cur.$ref.replace('#/components/schemas/', '')] ?? {};
    if (cur.allOf) return Object.assign({}, ...cur.allOf.map((x) => this.resolve(x))) as JsonSchema;
    const options = cur.anyOf ?? cur.oneOf;
    if (options) return this.resolve(options.find((o) => this.resolve(o).type !== 'null') ?? options[0]);
    return cur;
  }

  /** A value the schema probably accepts; only a starting point, never sent unchanged. */
  base(schema: JsonSchema | undefined, depth = 0): unknown {
    const s = this.resolve(schema);
    if (s.enum && s.enum.length > 0) return s.enum[0];
    if (s.default !== undefined) return s.default;
    switch (s.type) {
      case 'string':
        return baseString(s);
      case 'integer':
      case 'number':
        return Math.max(1, s.minimum ?? 1);
      case 'boolean':
        return false;
      case 'array':
        return depth > 4 ? [] : Array.from({ length: s.minItems ?? 0 }, () => this.base(s.items, depth + 1));
      case 'object': {
        if (depth > 4) return {};
        const out: Record<string, unknown> = {};
        for (const k of s.required ?? []) out[k] = this.base(s.properties?.[k], depth + 1);
        return out;
      }
      default:
        return null;
    }
  }

  /** Every field reachable in a body schema, with its schema (array items as index 0). */
  slots(schema: JsonSchema | undefined, path: Path = [], depth = 0): Slot[] {
    const s = this.resolve(schema);
    if (depth > 4) return [];
    const slot = (p: Path, raw: JsonSchema): Slot => {
      const resolved = this.resolve(raw);
      return { path: p, schema: resolved, anyShape: !resolved.type || Boolean(raw.$ref ?? raw.anyOf ?? raw.oneOf) };
    };
    const out: Slot[] = [];
    if (s.type === 'object' && s.properties) {
      for (const [k, v] of Object.entries(s.properties)) out.push(slot([...path, k], v), ...this.slots(v, [...path, k], depth + 1));
    } else if (s.type === 'array' && s.items) {
      out.push(slot([...path, 0], s.items), ...this.slots(s.items, [...path, 0], depth + 1));
    }
    return out;
  }

  /** The base body with the value at `path` replaced (containers on the way made from their schemas). */
  withValue(root: JsonSchema, path: Path, value: unknown): unknown {
    const top = structuredClone(this.base(root));
    let cur = top as Record<string | number, unknown>;
    let s = this.resolve(root);
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i]!;
      s = this.resolve(typeof key === 'number' ? s.items : s.properties?.[key]);
      const next = cur[key];
      if (next === undefined || next === null || typeof next !== 'object') cur[key] = s.type === 'array' ? [] : {};
      cur = cur[key] as Record<string | number, unknown>;
    }
    cur[path[path.length - 1]!] = value;
    return top;
  }

  pick<T>(items: readonly T[], n: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (pool.length > 0 && out.length < n) out.push(pool.splice(Math.floor(this.random() * pool.length), 1)[0]!);
    return out;
  }

  /**
   * Values of the wrong type or out of range for a schema: the first always (huge text, a number
   * past the column's range, a long list — what a schema without a bound lets through to the
   * database), and one more picked.
   */
  badValues(s: JsonSchema): unknown[] {
    // Past the schema's bound when it has one (cheap to refuse); 300,000 characters when it has none.
    const huge = '长'.repeat(s.maxLength === undefined ? 300_000 : s.maxLength + 1);
    const long = s.maxItems === undefined ? 5_000 : s.maxItems + 1;
    const byType: Record<string, unknown[]> = {
      string: [huge, 123, true, {}, ['a'], '\u202e\u0007\u001b[31m'],
      integer: [2_147_483_648, '1', 1.5, -1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, {}, [1]],
      number: [1e308, '1', -1e308, -0.000001, {}, [1]],
      boolean: ['true', 1, null, {}],
      array: [Array.from({ length: long }, () => this.base(s.items)), {}, 'a', [null], ['长'.repeat(300_000)]],
      object: [[], 'a', 1, null],
    };
    const [first, ...rest] = byType[s.type ?? ''] ?? [{}, [], 'a', 1, null];
    return [first, ...this.pick(rest, 1)];
  }
}

/** Strings that pass the document's patterns (dates, codes, mobiles …), tried in order. */
const PATTERNED = [
  '2026-03-02',
  '2026-03-02T08:00:00.000Z',
  '13900000000',
  'fuzz@example.com',
  'fuzzer',
  'C13',
  '123456',
  '08:30',
  '2026-03',
  '1',
];

function baseString(s: JsonSchema): string {
  if (s.format === 'date') return '2026-03-02';
  if (s.format === 'date-time') return '2026-03-02T08:00:00.000Z';
  if (s.format === 'email') return 'fuzz@example.com';
  if (s.format === 'uri' || s.format === 'url') return 'https://example.com/hook';
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    const fits = PATTERNED.find((v) => re.test(v));
    if (fits) return fits;
  }
  const n = Math.min(Math.max(s.minLength ?? 4, 4), s.maxLength ?? 4);
  return '测'.repeat(n);
}

const json = (v: unknown, deep = deepArray) => JSON.stringify(v).replace(`"${DEEP_TOKEN}"`, deep);

function isStringish(s: JsonSchema): boolean {
  return s.type === 'string' || (s.enum?.every((e) => typeof e === 'string') ?? false);
}

/** The cases for one operation; `urlOf(params)` fills the path. */
export function casesFor(g: Generator, method: string, op: Operation, urlOf: (params: Record<string, string>) => string): FuzzCase[] {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const query = params.filter((p) => p.in === 'query');
  const basePath = Object.fromEntries(pathParams.map((p) => [p.name, encodeURIComponent(String(g.base(p.schema)))]));
  const baseQuery = new URLSearchParams();
  for (const p of query) if (p.required) baseQuery.set(p.name, String(g.base(p.schema)));
  const bodySchema = op.requestBody?.content['application/json']?.schema;
  const baseBody = bodySchema ? json(g.base(bodySchema)) : undefined;
  const url = (pp: Record<string, string>, q: string) => `${urlOf({ ...basePath, ...pp })}${q ? `?${q}` : ''}`;
  const withQuery = (name: string, raw: string) => {
    const rest = new URLSearchParams(baseQuery);
    rest.delete(name);
    const others = rest.toString();
    return `${others ? `${others}&` : ''}${raw}`;
  };
  const cases: FuzzCase[] = [];
  const add = (c: Omit<FuzzCase, 'body'> & { body?: string }) => cases.push({ body: baseBody, ...c });

  // An undeclared query parameter holding NUL: refused on every route, whatever it declares.
  add({ what: 'query fuzz=NUL', url: url({}, withQuery('fuzz', 'fuzz=a%00b')), expectField: 'fuzz' });

  for (const p of pathParams) {
    const s = g.resolve(p.schema);
    add({ what: `path ${p.name}=NUL`, url: url({ [p.name]: 'a%00b' }, baseQuery.toString()), expectField: p.name });
    const bad =
      s.type === 'integer' || s.type === 'number'
        ? ['99999999999999999999', '-1', '0', '1e400', '2147483648', '1.5', 'abc', '%E2%80%AE']
        : ['x'.repeat(5_000), '%E2%80%AE%07', '-1', '99999999999999999999'];
    for (const v of g.pick(bad, 2)) add({ what: `path ${p.name}=${v.slice(0, 24)}`, url: url({ [p.name]: v }, baseQuery.toString()) });
  }

  for (const p of query) {
    const s = g.resolve(p.schema);
    add({ what: `query ${p.name}=NUL`, url: url({}, withQuery(p.name, `${p.name}=a%00b`)), expectField: p.name });
    const bad =
      s.type === 'integer' || s.type === 'number'
        ? ['99999999999999999999', '-1', '1e400', '2147483648', 'abc', 'NaN', '']
        : s.type === 'boolean'
          ? ['maybe', '2', '']
          : ['zzz', 'x'.repeat(10_000), '%E2%80%AE%07%1B', '%25%5F%5C'];
    // A repeated parameter arrives as an array.
    for (const v of g.pick([...bad, `1&${p.name}=2`], 2)) {
      add({ what: `query ${p.name}=${v.slice(0, 24)}`, url: url({}, withQuery(p.name, `${p.name}=${v}`)) });
    }
  }

  if (bodySchema) {
    const u = url({}, baseQuery.toString());
    const root = g.resolve(bodySchema);
    const whole = ['[]', '"a"', '123', 'null', '{"a":', ...DEEP_VALUES];
    for (const b of g.pick(whole, 3)) add({ what: `body ${b.slice(0, 12)}`, url: u, body: b });
    // A patch of nothing (unknown fields are dropped): valid, and must change nothing rather than fail.
    if (method === 'patch' && !root.required?.length) add({ what: 'body {} (empty patch)', url: u, body: '{"fuzz":1}' });
    if (root.type === 'object') {
      const key = g.random() < 0.5 ? 'k\u0000' : 'k\ud800';
      add({
        what: `body key ${JSON.stringify(key)}`,
        url: u,
        body: json({ ...(g.base(bodySchema) as object), [key]: 1 }),
        expectField: 'body',
      });
    }
    for (const slot of g.slots(bodySchema)) {
      const field = slot.path.join('.');
      const set = (v: unknown) => json(g.withValue(bodySchema, slot.path, v));
      if (isStringish(slot.schema) || !slot.schema.type) {
        add({ what: `body ${field}=NUL`, url: u, body: set(NUL), expectField: field });
        add({ what: `body ${field}=surrogate`, url: u, body: set(g.random() < 0.5 ? LONE_HIGH : LONE_LOW), expectField: field });
      }
      for (const v of g.badValues(slot.schema)) add({ what: `body ${field}=${JSON.stringify(v).slice(0, 24)}`, url: u, body: set(v) });
      // A field of any shape (a rule) gets every deep form; the others one of them.
      const deeps = slot.anyShape ? DEEP_VALUES : g.pick(DEEP_VALUES, 1);
      for (const d of deeps)
        add({ what: `body ${field}=deep ${d.slice(0, 8)}`, url: u, body: json(g.withValue(bodySchema, slot.path, DEEP_TOKEN), d) });
    }
  }
  return cases;
}
