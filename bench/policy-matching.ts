import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { forEachBit } from '../src/modules/matching/bitset.ts';
import { countMany, evaluateAll } from '../src/modules/matching/batch.ts';
import { evaluate, normaliseIndustry, outcomeOf } from '../src/modules/matching/evaluate.ts';
import { FIELDS, type Profile } from '../src/modules/matching/fields.ts';
import { isCondition, ruleSchema, type Condition, type Rule } from '../src/modules/matching/rule.ts';
import { clusterOrder, NUMERIC_KEYS, StoreBuilder } from '../src/modules/matching/store.ts';
import { industryTree } from '../src/modules/enterprises/industry.ts';
import { mixSeed, Rng } from '../src/seed/random.ts';
import { BENCH_URL, admin } from './support.ts';

/**
 * 政策找企业 at district scale: N generated enterprise profiles × P generated policy rules.
 *   BENCH_MATCH_ENTERPRISES  enterprises (default 1,000,000)
 *   BENCH_MATCH_POLICIES     policies (default 2,000)
 *   BENCH_MATCH_SEED         random seed (default 20240822)
 *   BENCH_DATABASE_URL       PostgreSQL for the baseline (default postgres://postgres@127.0.0.1:5432/test),
 *                            in a schema of its own, dropped at the end
 *   BENCH_MATCH_SQL=off      skip the baseline (about 12 minutes at full size) and PostgreSQL altogether:
 *                            for iterating on the engine; the default run keeps it
 * Run: npm run bench -- policy-matching
 *
 * The engine (in this process, one thread): (a) building the column store from the profiles
 * (rows, value bitsets, sorted indexes with prefix bitsets) and then the full match: every policy's
 * eligible and unknown enterprises counted, all P rules as one batch (batch.ts: the conditions
 * policies share built once); (b) one enterprise changes: its row updated in place and all P rules
 * evaluated for it (what the queue drain does, without the database); (c) one policy changes: its
 * rule over the whole store, listing the enterprises; (d) one enterprise evaluated with its
 * explanation against one policy and against all P.
 * The baseline, in the same run: the same profiles as a flat table on PostgreSQL and each policy as
 * one plain SQL query (PostgreSQL's NULL logic is the same three-valued logic), all P run and timed;
 * each policy's SQL counts must equal the engine's.
 * Not measured here: loading the profiles from the enterprise file and writing policy_matches
 * (the differential test covers their correctness).
 */
const N = Number(process.env.BENCH_MATCH_ENTERPRISES ?? 1_000_000);
const P = Number(process.env.BENCH_MATCH_POLICIES ?? 2_000);
const SEED = Number(process.env.BENCH_MATCH_SEED ?? 20_240_822);
const SQL = process.env.BENCH_MATCH_SQL !== 'off';
const AS_OF = '2026-06-30';

const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`);

const STREETS = ['XX', 'XC', 'HH', 'FY', 'SY', 'SJ', 'FH', 'HT', 'YT', 'XQ'] as const;
const TAGS = ['四上', '国家高新', '专精特新', '小巨人', '龙头骨干', '上市企业', '外资企业'] as const;
const SCALES = [
  ['large', 2],
  ['medium', 10],
  ['small', 38],
  ['micro', 50],
] as const;
const sections = industryTree();
const manufacturing = sections.find((s) => s.code === 'C')!.divisions.map((d) => d.code);
const services = sections.filter((s) => s.code !== 'C').flatMap((s) => s.divisions.map((d) => d.code));

/** A plausible profile with holes: 5–20 % of the annual and monthly figures are missing. */
export function profileOf(i: number): Profile {
  const rng = new Rng(mixSeed(SEED, i));
  const scale = rng.weighted(SCALES);
  const size = { large: 50, medium: 8, small: 1.5, micro: 0.3 }[scale];
  const industry = rng.chance(0.01) ? rng.pick(sections).code : rng.chance(0.5) ? rng.pick(manufacturing) : rng.pick(services);
  const founded = new Date(Date.UTC(1985, 0, 1) + rng.float() * (Date.UTC(2026, 0, 1) - Date.UTC(1985, 0, 1))).toISOString().slice(0, 10);
  const revenue = rng.chance(0.12) ? null : Math.round(rng.logUniform(0.3, 3) * size * 1000);
  const rd = revenue === null || rng.chance(0.3) ? null : Math.round(revenue * rng.float() * 0.1);
  const output = rng.chance(0.08) ? null : Math.round((revenue ?? size * 1000) * rng.logUniform(0.7, 1.3));
  const tags = TAGS.filter((_, k) => rng.chance([0.35, 0.15, 0.06, 0.008, 0.01, 0.005, 0.08][k]!));
  const age = Number(AS_OF.slice(0, 4)) - Number(founded.slice(0, 4)) - (AS_OF.slice(5) < founded.slice(5) ? 1 : 0);
  return {
    industry,
    street: rng.chance(0.02) ? null : rng.pick(STREETS),
    scale,
    tags,
    is_key: rng.chance(0.3),
    founded_on: founded,
    age_years: age,
    registered_capital: rng.chance(0.05) ? null : Math.round(rng.logUniform(10, 10_000) * size),
    revenue_last_year: revenue,
    revenue_growth: revenue === null || rng.chance(0.1) ? null : Math.round(rng.normal(6, 15) * 100) / 100,
    rd_expense_last_year: rd,
    rd_share: rd === null || revenue === null || revenue === 0 ? null : Math.round((rd / revenue) * 10_000) / 100,
    patents: rng.chance(0.2) ? null : rng.int(0, 60),
    output_last_year: output,
    output_growth: output === null || rng.chance(0.15) ? null : Math.round(rng.normal(5, 12) * 100) / 100,
    tax_last_year: output === null ? null : Math.round(output * rng.float() * 0.06),
    tax_growth: output === null || rng.chance(0.15) ? null : Math.round(rng.normal(4, 15) * 100) / 100,
    fixed_investment_last_year: rng.chance(0.1) ? null : Math.round(rng.float() * size * 500),
    employees: rng.chance(0.05) ? null : Math.round(rng.logUniform(5, 50) * size * 10),
    insured_months: rng.chance(0.05) ? null : rng.int(0, 36),
  };
}

/** A policy as district policies are written: industries, tags, scales, thresholds on round numbers, some any / not. */
export function ruleOf(i: number): Rule {
  const rng = new Rng(mixSeed(SEED, i, 99));
  let n = 0;
  const c = (field: Condition['field'], op: string, value: Condition['value']): Condition => ({
    id: `c${++n}`,
    field,
    op,
    value,
    clause: '',
  });
  const parts: Rule[] = [];
  if (rng.chance(0.6))
    parts.push(
      c(
        'industry',
        'in',
        rng.chance(0.4)
          ? [rng.pick(['C', 'I', 'M', 'F', 'L'])]
          : [...new Set([rng.pick(manufacturing), rng.pick(manufacturing), rng.pick(services)])].slice(0, rng.int(1, 3)),
      ),
    );
  if (rng.chance(0.5))
    parts.push(c('tags', rng.chance(0.85) ? 'has_any' : 'has_all', [...new Set([rng.pick(TAGS.slice(0, 4)), rng.pick(TAGS.slice(0, 4))])]));
  if (rng.chance(0.15)) parts.push(c('street', 'in', [...new Set([rng.pick(STREETS), rng.pick(STREETS)])]));
  if (rng.chance(0.3)) parts.push(c('scale', 'in', [...new Set([rng.pick(SCALES)[0], rng.pick(SCALES)[0]])]));
  if (rng.chance(0.4)) parts.push(c('revenue_last_year', 'gte', rng.pick([500, 1000, 2000, 3000, 5000, 10_000, 20_000, 50_000])));
  if (rng.chance(0.25)) parts.push(c('rd_share', 'gte', rng.pick([2, 3, 3.5, 4, 5, 6])));
  if (rng.chance(0.2)) parts.push(c('founded_on', rng.chance(0.5) ? 'before' : 'after', `${rng.int(2000, 2024)}-01-01`));
  if (rng.chance(0.15)) parts.push(c('age_years', 'gte', rng.pick([1, 2, 3, 5, 10])));
  if (rng.chance(0.15))
    parts.push(
      rng.chance(0.7) ? c('employees', 'gte', rng.pick([10, 20, 50, 100, 300])) : c('employees', 'between', [20, rng.pick([300, 1000])]),
    );
  if (rng.chance(0.15)) parts.push(c('revenue_growth', 'gte', rng.pick([0, 5, 8, 10, 15, 20])));
  if (rng.chance(0.1)) parts.push(c('output_last_year', 'gte', rng.pick([1000, 2000, 5000, 20_000])));
  if (rng.chance(0.1)) parts.push(c('patents', 'gte', rng.pick([1, 3, 5, 10])));
  if (rng.chance(0.2))
    parts.push({
      any: [c('tags', 'has_any', ['专精特新']), c('rd_expense_last_year', 'gte', rng.pick([200, 500, 1000])), c('is_key', 'is', true)],
    });
  if (rng.chance(0.1)) parts.push({ not: rng.chance(0.5) ? c('tags', 'has_any', ['外资企业']) : c('scale', 'in', ['large']) });
  while (parts.length < 2) parts.push(c('is_key', 'is', rng.chance(0.7)));
  return ruleSchema.parse({ all: parts });
}

// ——— the baseline's SQL: the same rule as a WHERE clause over the flat table ———
const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const arr = (v: readonly string[]): string => `array[${v.map(lit).join(',')}]::text[]`;
const num = (x: unknown): string => String(Number(x));

function conditionSql(c: Condition): string {
  const col = c.field;
  const kind = FIELDS.find((f) => f.key === c.field)!.kind;
  const val = (x: unknown): string => (kind === 'date' ? `${lit(String(x))}::date` : num(x));
  const v = c.value;
  switch (c.op) {
    case 'gte':
      return `${col} >= ${val(v)}`;
    case 'gt':
    case 'after':
      return `${col} > ${val(v)}`;
    case 'lte':
      return `${col} <= ${val(v)}`;
    case 'lt':
    case 'before':
      return `${col} < ${val(v)}`;
    case 'eq':
      return `${col} = ${val(v)}`;
    case 'between': {
      const [a, b] = v as [unknown, unknown];
      return `${col} between ${val(a)} and ${val(b)}`;
    }
    case 'is':
      return `${col} = ${v === true}`;
    case 'has_any':
      return `${col} && ${arr(v as string[])}`;
    case 'has_all':
      return `${col} @> ${arr(v as string[])}`;
    case 'has_none':
      return `not (${col} && ${arr(v as string[])})`;
    case 'in': {
      if (c.field !== 'industry') return `${col} = any(${arr(v as string[])})`;
      const codes = (v as string[]).map(normaliseIndustry).filter((x): x is string => x !== null);
      const secs = codes.filter((x) => x.length === 1);
      const divs = codes.filter((x) => x.length > 1);
      const parts = [`left(industry, 1) = any(${arr(secs)})`, `industry = any(${arr(divs)})`];
      // A bare section on file cannot be placed in a listed division of it: unknown (NULL).
      if (divs.length) parts.push(`case when industry = any(${arr(divs.map((d) => d.charAt(0)))}) then null else false end`);
      return `(${parts.join(' or ')})`;
    }
    default:
      throw new Error(`no SQL for ${c.op}`);
  }
}

function ruleSql(r: Rule): string {
  if (isCondition(r)) return conditionSql(r);
  if ('all' in r) return `(${r.all.map(ruleSql).join(' and ')})`;
  if ('any' in r) return `(${r.any.map(ruleSql).join(' or ')})`;
  return `(not ${ruleSql(r.not)})`;
}

const COLUMNS = FIELDS.map((f) => f.key);
const SQL_TYPE = { number: 'float8', date: 'date', code: 'text', codes: 'text[]', boolean: 'boolean' } as const;

async function loadFlat(client: pg.Client, rows: Profile[], ids: number[]): Promise<void> {
  const params = COLUMNS.map((k) =>
    rows.map((p) => {
      const v = p[k];
      // node-postgres sends a nested array as a 2-D array literal; tags go as their own literal text.
      return Array.isArray(v) ? `{${(v as string[]).map((t) => `"${t}"`).join(',')}}` : v;
    }),
  );
  const casts = FIELDS.map((f, k) => `$${k + 2}::${f.kind === 'codes' ? 'text' : SQL_TYPE[f.kind]}[]`);
  const select = FIELDS.map((f, k) => (f.kind === 'codes' ? `c${k}::text[]` : `c${k}`));
  await client.query(
    `insert into flat (id, ${COLUMNS.join(', ')}) select id, ${select.join(', ')} from unnest($1::int[], ${casts.join(', ')}) as u(id, ${FIELDS.map((_, k) => `c${k}`).join(', ')})`,
    [ids, ...params],
  );
}

export async function run(): Promise<void> {
  const rules = Array.from({ length: P }, (_, i) => ruleOf(i));
  const schema = `bench_match_${randomBytes(4).toString('hex')}`;
  const client = SQL ? new pg.Client({ connectionString: BENCH_URL, options: `-c search_path=${schema}` }) : null;
  if (client) {
    await admin(`create schema ${schema}`);
    await client.connect();
  }
  try {
    await client?.query(
      `create unlogged table flat (id integer primary key, ${FIELDS.map((f) => `${f.key} ${SQL_TYPE[f.kind]}`).join(', ')})`,
    );
    // Rows are laid out by industry, street and scale (as the engine's buildStore does): a first
    // pass for the keys, then the profiles in chunks into the store builder (timed) and the flat table.
    const keys = Array.from({ length: N }, (_, i) => {
      const p = profileOf(i);
      return { industry: p.industry, street: p.street, scale: p.scale };
    });
    const t0 = performance.now();
    const order = clusterOrder(keys);
    const orderMs = performance.now() - t0;
    const builder = new StoreBuilder(Int32Array.from(order, (i) => i + 1));
    let putMs = orderMs;
    let loadMs = 0;
    const CHUNK = 20_000;
    for (let i = 0; i < N; i += CHUNK) {
      const idx = order.slice(i, i + CHUNK);
      const chunk = idx.map(profileOf);
      const t1 = performance.now();
      for (const p of chunk) builder.add(true, p);
      putMs += performance.now() - t1;
      const t2 = performance.now();
      if (client)
        await loadFlat(
          client,
          chunk,
          idx.map((j) => j + 1),
        );
      loadMs += performance.now() - t2;
    }
    const t3 = performance.now();
    const store = builder.finish();
    for (const key of NUMERIC_KEYS) store.index(key);
    const indexMs = performance.now() - t3;
    await client?.query('analyze flat');
    console.log(
      `generated ${N.toLocaleString()} profiles and ${P.toLocaleString()} rules; ${client ? `flat table loaded into PostgreSQL in ${fmt(loadMs)}` : 'no baseline (BENCH_MATCH_SQL=off)'}`,
    );
    console.log(
      `(a) column store built: ${fmt(putMs + indexMs)} (row order by industry/street/scale ${fmt(orderMs)}, rows and value bitsets ${fmt(putMs - orderMs)}, ${NUMERIC_KEYS.length} sorted indexes ${fmt(indexMs)})`,
    );

    const runs: { ms: number; cpuMs: number; counts: { eligible: number; unknown: number }[] }[] = [];
    // CPU time is printed next to the wall clock: on a shared machine the difference is other processes' share.
    for (let k = 0; k < 3; k++) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      const counts = countMany(store, rules);
      runs.push({ ms: performance.now() - t, cpuMs: process.cpuUsage(cpu).user / 1000, counts });
    }
    const engineCounts = runs[0]!.counts;
    const best = Math.min(...runs.map((r) => r.ms));
    const bestCpu = Math.min(...runs.map((r) => r.cpuMs));
    const matched = engineCounts.reduce((s, c) => s + c.eligible, 0);
    const unknown = engineCounts.reduce((s, c) => s + c.unknown, 0);
    console.log(
      `    all ${P.toLocaleString()} policies over ${N.toLocaleString()} enterprises: first run ${fmt(runs[0]!.ms)}, best of 3 ${fmt(best)} wall / ${fmt(bestCpu)} CPU (${fmt(best / P)} per policy) — ${matched.toLocaleString()} eligible and ${unknown.toLocaleString()} unknown pairs`,
    );

    // (b) one enterprise changes: its row in place, then every rule for it.
    const changedId = Math.floor(N / 2) + 1;
    const row = store.rowOf.get(changedId)!;
    const changed = { ...profileOf(changedId - 1), tags: ['国家高新', '专精特新'], revenue_last_year: 12_345, rd_share: 4.2 };
    const tb = performance.now();
    store.put(row, true, changed);
    let hits = 0;
    for (const r of rules) if (outcomeOf(r, changed) !== 'fail') hits++;
    const oneEnterpriseMs = performance.now() - tb;
    console.log(
      `(b) one enterprise changed: store row updated and ${P.toLocaleString()} rules evaluated in ${fmt(oneEnterpriseMs)} (${hits} eligible or unknown)`,
    );

    // (c) one policy changes: its new rule over the whole store, and the list of enterprises.
    const newRule = ruleOf(P + 1);
    const tc = performance.now();
    const sets = evaluateAll(store, newRule);
    const ids: number[] = [];
    forEachBit(sets.p, (i) => ids.push(store.ids[i]!));
    if (sets.u) forEachBit(sets.u, (i) => ids.push(store.ids[i]!));
    const onePolicyMs = performance.now() - tc;
    console.log(
      `(c) one policy changed: matched against ${N.toLocaleString()} enterprises in ${fmt(onePolicyMs)} (${ids.length.toLocaleString()} eligible or unknown)`,
    );

    // (d) one enterprise's evaluation with explanation.
    const someone = profileOf(7);
    const td = performance.now();
    const single = evaluate(rules[0]!, someone);
    const oneRuleMs = performance.now() - td;
    // Five times: the first includes compiling the code paths, a running server has them warm.
    const times: number[] = [];
    let explained: ReturnType<typeof evaluate>[] = [];
    for (let k = 0; k < 5; k++) {
      const te = performance.now();
      explained = rules.map((r) => evaluate(r, someone));
      times.push(performance.now() - te);
    }
    const firstMs = times[0]!;
    const allRulesMs = [...times].sort((a, b) => a - b)[2]!;
    console.log(
      `(d) one enterprise with explanation: one policy ${fmt(oneRuleMs)} (${single.conditions.length} conditions), all ${P.toLocaleString()} policies ${fmt(allRulesMs)} (median of 5; first ${fmt(firstMs)}) (${explained.filter((e) => e.eligibility !== 'ineligible').length} eligible or unknown)`,
    );

    if (!client) {
      console.log(
        `aims: full match under 1 s — ${best < 1000 ? 'met' : 'NOT met'} (${fmt(best)}); one enterprise under 5 ms — ${allRulesMs < 5 ? 'met' : 'NOT met'} (${fmt(allRulesMs)})`,
      );
      return;
    }
    // Baseline: each policy as one plain SQL query over the flat table, all of them, timed for real.
    const sqlCounts: { eligible: number; unknown: number }[] = [];
    const ts = performance.now();
    for (const r of rules) {
      const where = ruleSql(r);
      const res = await client.query<{ e: number; u: number }>(
        `select count(*) filter (where ${where})::int as e, count(*) filter (where (${where}) is null)::int as u from flat where id <> ${changedId}`,
      );
      sqlCounts.push({ eligible: res.rows[0]!.e, unknown: res.rows[0]!.u });
    }
    const sqlMs = performance.now() - ts;
    // The SQL ran without the enterprise changed in (b); compare with the engine's counts before it, less that row.
    const before = profileOf(changedId - 1);
    let differ = 0;
    rules.forEach((r, k) => {
      const o = outcomeOf(r, before);
      const e = engineCounts[k]!.eligible - (o === 'pass' ? 1 : 0);
      const u = engineCounts[k]!.unknown - (o === 'unknown' ? 1 : 0);
      if (e !== sqlCounts[k]!.eligible || u !== sqlCounts[k]!.unknown) differ++;
    });
    console.log(
      `baseline: ${P.toLocaleString()} SQL queries (one per policy, flat table of ${N.toLocaleString()} rows, PostgreSQL) ${fmt(sqlMs)} (${fmt(sqlMs / P)} per policy)`,
    );
    console.log(`    counts: ${differ === 0 ? `identical for all ${P.toLocaleString()} policies` : `${differ} policies DIFFER`}`);
    console.log(
      `ratios to the baseline: full match ${(sqlMs / best).toFixed(0)}× faster (${(sqlMs / (best + putMs + indexMs)).toFixed(1)}× with the store build); one policy ${(sqlMs / P / onePolicyMs).toFixed(1)}×`,
    );
    console.log(
      `aims: full match under 1 s — ${best < 1000 ? 'met' : 'NOT met'} (${fmt(best)}); ≥ 50× the baseline — ${sqlMs / best >= 50 ? 'met' : 'NOT met'}; one enterprise under 5 ms — ${allRulesMs < 5 ? 'met' : 'NOT met'} (${fmt(allRulesMs)} for all policies with explanations)`,
    );
  } finally {
    if (client) {
      await client.end();
      await admin(`drop schema ${schema} cascade`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
