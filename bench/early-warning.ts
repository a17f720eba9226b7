import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../src/platform/db/index.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { findHits, type RuleHit } from '../src/modules/warnings/repository-hits.ts';
import { addMonths } from '../src/modules/calendar/working-days.ts';
import { evaluateRule, WINDOW_MONTHS, type IndicatorRow } from '../src/modules/warnings/rules.ts';
import { evaluateWarnings, loadRules, type StoredRule } from '../src/modules/warnings/service.ts';
import { BENCH_URL, admin, timed } from './support.ts';

/**
 * The early-warning rules at district scale: N enterprises × 24 months of indicators on PostgreSQL
 * (BENCH_DATABASE_URL), in a schema of its own dropped afterwards. N from BENCH_WARNING_ENTERPRISES
 * (default 200,000, which runs in a few minutes; 1000000 is the issue's size and takes about
 * half an hour on two cores, most of it generating the 24M rows). The data: 3 % decline sharply
 * (half 3 months ago, half this month), 1.5 % collapse in electricity in the last 2 months with
 * output unchanged, 4 % of rows missing, 1 % stop reporting 3 months ago, 0.5 % moved out.
 * (a) the set-based SQL path (every default rule, window functions over the district), median of 3;
 * (b) the plain SQL baseline, measured on all N in the same run: plain selects of every enterprise's
 *     24-month series (ordered by enterprise and month, 20,000 enterprises per query), the rules in
 *     JavaScript. Both must find exactly the same warnings.
 * (c) evaluateWarnings end to end: the first run raises and notifies, the second finds nothing new.
 */
const N = Number(process.env.BENCH_WARNING_ENTERPRISES ?? 200_000);
const CHUNK = 20_000;
const MONTH = '2026-10-01';
const url = BENCH_URL;

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/**
 * generate_series straight into the table, with its keys, index and triggers set aside meanwhile
 * (rebuilding an index once is far cheaper than maintaining it over 24M inserts).
 */
async function generate(db: Db): Promise<void> {
  const street = await db.insertInto('streets').values({ code: 'B1', name: '基准街道' }).returning('id').executeTakeFirstOrThrow();
  await sql`insert into enterprises (uscc, name, street_id, industry_code, scale, status)
    select lpad(g::text, 18, '0'), '基准企业' || g, ${street.id}::int, 'C39', 'small', case when g % 200 = 0 then 'moved_out' else 'active' end
    from generate_series(1, ${N}::int) g`.execute(db);
  await sql`select setseed(0.42)`.execute(db);
  const first = addMonths(MONTH, -(WINDOW_MONTHS - 1));
  await sql`alter table enterprise_indicators disable trigger all`.execute(db);
  await sql`alter table enterprise_indicators drop constraint enterprise_indicators_pkey`.execute(db);
  await sql`drop index enterprise_indicators_month`.execute(db);
  await sql`insert into enterprise_indicators (enterprise_id, month, output, value_added, tax, employees, electricity, water, gas)
    select id, (${first}::date + make_interval(months => k))::date,
      round(base * (case when id % 66 = 0 and k >= 21 or id % 66 = 33 and k = 23 then 0.45 else 1 end) * (0.92 + random() * 0.16)),
      round(base * 0.3 * (0.9 + random() * 0.2)),
      round(base * 0.05 * (0.8 + random() * 0.4)),
      20 + id % 200,
      round(base * 12 * (case when id % 67 = 0 and k >= 22 then 0.3 else 1 end) * (0.93 + random() * 0.14)),
      round(base * 2 * (0.9 + random() * 0.2)),
      round(base * (0.9 + random() * 0.2))
    from (select id, 100 + (id::bigint * 7919) % 1000 as base from enterprises) e
    cross join generate_series(0, ${WINDOW_MONTHS - 1}::int) k
    where (id::bigint * 31 + k * 7) % 25 <> 0 and not (id % 100 = 7 and k >= 21)`.execute(db);
  await db.transaction().execute(async (tx) => {
    await sql`set local maintenance_work_mem = '1GB'`.execute(tx);
    await sql`alter table enterprise_indicators add primary key (enterprise_id, month)`.execute(tx);
    await sql`create index enterprise_indicators_month on enterprise_indicators (month)`.execute(tx);
  });
  await sql`alter table enterprise_indicators enable trigger all`.execute(db);
  await sql`vacuum analyze enterprise_indicators`.execute(db);
  await sql`vacuum analyze enterprises`.execute(db);
}

type SeriesRow = {
  id: number;
  status: 'active' | 'moved_out' | 'deregistered';
  street_id: number | null;
  month: string | null;
} & IndicatorRow;

function seriesChunk(db: Db, lo: number, hi: number, from: string) {
  return sql<SeriesRow>`select e.id, e.status, e.street_id, to_char(i.month, 'YYYY-MM-DD') as month,
      i.output, i.value_added, i.fixed_investment, i.tax, i.employees, i.electricity, i.water, i.gas
    from enterprises e left join enterprise_indicators i on i.enterprise_id = e.id and i.month between ${from}::date and ${MONTH}::date
    where e.id between ${lo}::int and ${hi}::int order by e.id, i.month`.execute(db);
}

/** The plain way: every enterprise's series by plain selects, the rules in JavaScript (next chunk fetched meanwhile). */
async function plainBaseline(db: Db, rules: readonly StoredRule[]): Promise<RuleHit[]> {
  const hits: RuleHit[] = [];
  const from = addMonths(MONTH, -(WINDOW_MONTHS - 1));
  const range = await db
    .selectFrom('enterprises')
    .select((eb) => [eb.fn.min('id').as('lo'), eb.fn.max('id').as('hi')])
    .executeTakeFirstOrThrow();
  const [lo, hi] = [Number(range.lo), Number(range.hi)];
  let next = seriesChunk(db, lo, lo + CHUNK - 1, from);
  for (let start = lo; start <= hi; start += CHUNK) {
    const { rows } = await next;
    if (start + CHUNK <= hi) next = seriesChunk(db, start + CHUNK, start + 2 * CHUNK - 1, from);
    for (let i = 0; i < rows.length;) {
      const e = rows[i]!;
      let j = i;
      while (j < rows.length && rows[j]!.id === e.id) j++;
      const series = rows.slice(i, j).filter((r) => r.month !== null);
      for (const rule of rules) {
        const hit = evaluateRule(rule, MONTH, series, { status: e.status, streetId: e.street_id });
        if (hit) hits.push({ ruleId: rule.id, enterpriseId: e.id, ...hit });
      }
      i = j;
    }
  }
  return hits;
}

const key = (h: RuleHit) => `${h.ruleId}:${h.enterpriseId}:${h.value === null ? '-' : h.value.toFixed(6)}`;

export async function run(): Promise<void> {
  const schema = `bench_warn_${randomBytes(4).toString('hex')}`;
  await admin('create extension if not exists pg_trgm schema public');
  await admin(`create schema ${schema}`);
  const database = await openDatabase({ databaseUrl: url, dataDir: 'unused', schema, poolSize: 4 });
  const db = database.db;
  try {
    await migrateToLatest(db, schema);
    const gen = await timed(() => generate(db));
    const { n } = await db
      .selectFrom('enterprise_indicators')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    console.log(
      `generated ${N.toLocaleString()} enterprises, ${Number(n).toLocaleString()} indicator rows (24 months to ${MONTH.slice(0, 7)}) in ${fmt(gen.ms)}`,
    );
    const rules = await loadRules(db, true);

    await findHits(db, rules, MONTH); // warm the caches once, as a running server has them
    const runs: { ms: number; value: RuleHit[] }[] = [];
    for (let i = 0; i < 3; i++) runs.push(await timed(() => findHits(db, rules, MONTH)));
    const set = runs.sort((a, b) => a.ms - b.ms)[1]!;
    const byRule = new Map<number, number>();
    for (const h of set.value) byRule.set(h.ruleId, (byRule.get(h.ruleId) ?? 0) + 1);
    console.log(
      `(a) set-based SQL, ${rules.length} rules over the district, median of 3: ${fmt(set.ms)} — ${set.value.length.toLocaleString()} hits (${rules.map((r) => `${r.kind}/${r.indicator ?? '-'} ${byRule.get(r.id) ?? 0}`).join(', ')})`,
    );

    const plain = await timed(() => plainBaseline(db, rules));
    const a = set.value.map(key).sort();
    const b = plain.value.map(key).sort();
    const agree = a.length === b.length && a.every((k, i) => k === b[i]);
    console.log(
      `(b) plain SQL baseline, measured on all ${N.toLocaleString()} enterprises (their series by plain selects, ${CHUNK.toLocaleString()} per query; rules in JavaScript): ${fmt(plain.ms)}`,
    );
    console.log(
      `    ratio: the set-based path is ${(plain.ms / set.ms).toFixed(1)}× faster; ${a.length.toLocaleString()} hits by SQL, ${b.length.toLocaleString()} by the pure rules — ${agree ? 'identical' : 'DIFFERENT'}`,
    );

    const firstRun = await timed(() => evaluateWarnings(db, { month: MONTH }));
    const again = await timed(() => evaluateWarnings(db, { month: MONTH }));
    console.log(
      `(c) evaluateWarnings: first run ${fmt(firstRun.ms)} (${firstRun.value.raised.toLocaleString()} warnings raised and notified), again ${fmt(again.ms)} (${again.value.raised} new)`,
    );
    if (!agree) process.exitCode = 1;
  } finally {
    await database.close();
    await admin(`drop schema ${schema} cascade`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
