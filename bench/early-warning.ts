import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../src/platform/db/index.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { findHits, type RuleHit } from '../src/modules/warnings/engine.ts';
import { addMonths, evaluateRule, WINDOW_MONTHS, type IndicatorRow } from '../src/modules/warnings/rules.ts';
import { evaluateWarnings, loadRules } from '../src/modules/warnings/service.ts';
import { BENCH_URL, admin, timed } from './support.ts';

/**
 * The early-warning rules at district scale: N enterprises × 24 months of indicators on PostgreSQL
 * (BENCH_DATABASE_URL), in a schema of its own dropped afterwards. N from BENCH_WARNING_ENTERPRISES
 * (default 200,000). The data: 3 % decline sharply (half 3 months ago, half this month), 1.5 %
 * collapse in electricity in the last 2 months with output unchanged, 4 % of rows missing, 1 % stop
 * reporting 3 months ago, 0.5 % moved out.
 * (a) the set-based SQL path (every default rule, window functions over the district), median of 3;
 * (b) the plain way measured in the same run: one SQL query per enterprise for its series, the rules
 *     in JavaScript. It is timed on a sample of enterprises and scaled to N (running it on all N
 *     takes minutes); on the sample both must find exactly the same warnings.
 * (c) evaluateWarnings end to end: the first run raises and notifies, the second finds nothing new.
 */
const N = Number(process.env.BENCH_WARNING_ENTERPRISES ?? 200_000);
const SAMPLE = Math.min(N, 5_000);
const MONTH = '2026-10-01';
const url = BENCH_URL;


const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

async function generate(db: Db): Promise<void> {
  const street = await db.insertInto('streets').values({ code: 'B1', name: '基准街道' }).returning('id').executeTakeFirstOrThrow();
  await sql`insert into enterprises (uscc, name, street_id, industry_code, scale, status)
    select lpad(g::text, 18, '0'), '基准企业' || g, ${street.id}::int, 'C39', 'small', case when g % 200 = 0 then 'moved_out' else 'active' end
    from generate_series(1, ${N}::int) g`.execute(db);
  await sql`select setseed(0.42)`.execute(db);
  const first = addMonths(MONTH, -(WINDOW_MONTHS - 1));
  await sql`insert into enterprise_indicators (enterprise_id, month, output, value_added, tax, employees, electricity, water, gas)
    select id, (${first}::date + make_interval(months => k))::date,
      round(base * (case when id % 66 = 0 and k >= 21 or id % 66 = 33 and k = 23 then 0.45 else 1 end) * (0.92 + random() * 0.16)),
      round(base * 0.3 * (0.9 + random() * 0.2)),
      round(base * 0.05 * (0.8 + random() * 0.4)),
      20 + id % 200,
      round(base * 12 * (case when id % 67 = 0 and k >= 22 then 0.3 else 1 end) * (0.93 + random() * 0.14)),
      round(base * 2 * (0.9 + random() * 0.2)),
      round(base * (0.9 + random() * 0.2))
    from (select id, 100 + (id * 7919) % 1000 as base from enterprises) e
    cross join generate_series(0, ${WINDOW_MONTHS - 1}::int) k
    where (id * 31 + k * 7) % 25 <> 0 and not (id % 100 = 7 and k >= 21)`.execute(db);
  await sql`vacuum analyze enterprise_indicators`.execute(db);
  await sql`vacuum analyze enterprises`.execute(db);
}

/** The plain way: each enterprise's series by its own query, the rules in JavaScript. */
async function perEnterprise(db: Db, ids: number[], rules: Awaited<ReturnType<typeof loadRules>>): Promise<RuleHit[]> {
  const hits: RuleHit[] = [];
  const from = addMonths(MONTH, -(WINDOW_MONTHS - 1));
  for (const id of ids) {
    const e = await db.selectFrom('enterprises').select(['status', 'street_id']).where('id', '=', id).executeTakeFirstOrThrow();
    const rows = (await db.selectFrom('enterprise_indicators')
      .select([sql<string>`to_char(month, 'YYYY-MM-DD')`.as('month'), 'output', 'value_added', 'fixed_investment', 'tax', 'employees', 'electricity', 'water', 'gas'])
      .where('enterprise_id', '=', id).where('month', '>=', from).where('month', '<=', MONTH).orderBy('month').execute()) as IndicatorRow[];
    for (const rule of rules) {
      const hit = evaluateRule(rule, MONTH, rows, { status: e.status, streetId: e.street_id });
      if (hit) hits.push({ ruleId: rule.id, enterpriseId: id, ...hit });
    }
  }
  return hits;
}

const key = (h: RuleHit) => `${h.ruleId}:${h.enterpriseId}:${h.value}`;

export async function run(): Promise<void> {
  const schema = `bench_warn_${randomBytes(4).toString('hex')}`;
  await admin('create extension if not exists pg_trgm schema public');
  await admin(`create schema ${schema}`);
  const database = await openDatabase({ databaseUrl: url, dataDir: 'unused', schema, poolSize: 4 });
  const db = database.db;
  try {
    await migrateToLatest(db, schema);
    const gen = await timed(() => generate(db));
    const { n } = await db.selectFrom('enterprise_indicators').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    console.log(`generated ${N.toLocaleString()} enterprises, ${Number(n).toLocaleString()} indicator rows (24 months to ${MONTH.slice(0, 7)}) in ${fmt(gen.ms)}`);
    const rules = await loadRules(db, true);

    await findHits(db, rules, MONTH); // warm the caches once, as a running server has them
    const runs: { ms: number; value: RuleHit[] }[] = [];
    for (let i = 0; i < 3; i++) runs.push(await timed(() => findHits(db, rules, MONTH)));
    const set = runs.sort((a, b) => a.ms - b.ms)[1]!;
    const byRule = new Map<number, number>();
    for (const h of set.value) byRule.set(h.ruleId, (byRule.get(h.ruleId) ?? 0) + 1);
    console.log(`(a) set-based SQL, ${rules.length} rules over the district, median of 3: ${fmt(set.ms)} — ${set.value.length.toLocaleString()} hits (${rules.map((r) => `${r.kind}/${r.indicator ?? '-'} ${byRule.get(r.id) ?? 0}`).join(', ')})`);

    const ids = Array.from({ length: SAMPLE }, (_, i) => 1 + Math.floor((i * N) / SAMPLE));
    const idRange = await db.selectFrom('enterprises').select((eb) => eb.fn.min('id').as('lo')).executeTakeFirstOrThrow();
    const sampleIds = ids.map((i) => i - 1 + Number(idRange.lo));
    const plain = await timed(() => perEnterprise(db, sampleIds, rules));
    const scaled = (plain.ms * N) / SAMPLE;
    const inSample = new Set(sampleIds);
    const a = set.value.filter((h) => inSample.has(h.enterpriseId)).map(key).sort();
    const b = plain.value.map(key).sort();
    const agree = a.length === b.length && a.every((k, i) => k === b[i]);
    console.log(`(b) per-enterprise baseline (a query per enterprise, rules in JavaScript): ${fmt(plain.ms)} for ${SAMPLE.toLocaleString()} enterprises → ${fmt(scaled)} scaled to ${N.toLocaleString()}; set-based is ${(scaled / set.ms).toFixed(1)}× faster`);
    console.log(`    on the sample: ${a.length} hits by SQL, ${b.length} by the pure rules — ${agree ? 'identical' : 'DIFFERENT'}`);

    const first = await timed(() => evaluateWarnings(db, { month: MONTH }));
    const again = await timed(() => evaluateWarnings(db, { month: MONTH }));
    console.log(`(c) evaluateWarnings: first run ${fmt(first.ms)} (${first.value.raised.toLocaleString()} warnings raised and notified), again ${fmt(again.ms)} (${again.value.raised} new)`);
    const perMillion = (ms: number) => fmt((ms * 1_000_000) / N);
    console.log(`    1,000,000 enterprises (linear in rows; every window is per enterprise): about ${perMillion(set.ms)} for the SQL path, ${perMillion(first.ms)} end to end, ${perMillion(scaled)} for the baseline`);
  } finally {
    await database.close();
    await admin(`drop schema ${schema} cascade`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
