/**
 * The demo district: streets, departments, the appeal taxonomy, key enterprises with tags and
 * monthly indicators from January two years back (25–36 months), and the demo users. Everything goes in one transaction so that a
 * failed or interrupted seed leaves an empty database (and is retried on the next start)
 * rather than half a district.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, EnterpriseIndicatorsTable } from '../platform/db/schema.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { DEPARTMENTS, STREETS, departmentPhone } from './org-data.ts';
import { CATEGORIES, LOCATED_ITEMS } from './taxonomy-data.ts';
import { generateEnterprises } from './enterprise-gen.ts';
import { generateIndicators, lastMonth, monthRange } from './indicator-gen.ts';
import { seedAnnualFigures } from './annual-figures.ts';
import { buildUsers, DEMO_PASSWORD, HANDLER_DEPARTMENT_KINDS } from './users.ts';
import { planReach } from './reach.ts';
import type { Tx } from '../platform/db/index.ts';

export interface SeedOptions {
  enterprises: number;
  randomSeed: number;
  /** Last month with indicators, 'YYYY-MM'; defaults to the month before the current one. */
  endMonth?: string;
  /**
   * Months of indicators per enterprise. Default: from January two years before endMonth, so that
   * last year and the year before are whole and a policy on output or tax growth can be decided.
   */
  months?: number;
  log?: (msg: string) => void;
}

export interface SeedResult {
  enterprises: number;
  indicators: number;
  users: number;
  durationMs: number;
}

/** Rows per multi-row INSERT: ~12 columns × 1,000 rows stays far below PostgreSQL's 65,535 bind parameters. */
const BATCH = 1_000;

/** True on a fresh database; the server seeds the demo district only then. */
export async function needsSeed(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

type IndicatorRow = Insertable<EnterpriseIndicatorsTable>;

/** Indicator rows per INSERT; with unnest the size barely matters past a few thousand. */
const INDICATOR_BATCH = 2_000;

/**
 * One array parameter per column with unnest(): half the time of a 10,000-parameter VALUES
 * list on the embedded database, and the same SQL on PostgreSQL. This is the bulk of the seed.
 */
async function insertIndicators(trx: Tx, rows: readonly IndicatorRow[]): Promise<void> {
  const col = <K extends keyof IndicatorRow>(k: K): IndicatorRow[K][] => rows.map((r) => r[k]);
  await sql`
    insert into enterprise_indicators
      (enterprise_id, month, output, value_added, fixed_investment, tax, employees, electricity, water, gas)
    select * from unnest(
      ${col('enterprise_id')}::int[], ${col('month')}::date[], ${col('output')}::float8[],
      ${col('value_added')}::float8[], ${col('fixed_investment')}::float8[], ${col('tax')}::float8[],
      ${col('employees')}::int[], ${col('electricity')}::float8[], ${col('water')}::float8[], ${col('gas')}::float8[]
    )
  `.execute(trx);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function seedOrganisation(trx: Tx) {
  const streets = await trx
    .insertInto('streets')
    .values(STREETS.map((s) => ({ code: s.code, name: s.name })))
    .returning(['id', 'code'])
    .execute();
  const departments = await trx
    .insertInto('departments')
    .values(DEPARTMENTS.map((d, i) => ({ code: d.code, name: d.name, kind: d.kind, phone: departmentPhone(i) })))
    .returning(['id', 'code'])
    .execute();
  const streetIds = new Map(streets.map((s) => [s.code, s.id]));
  const departmentIds = new Map(departments.map((d) => [d.code, d.id]));

  const categories = await trx
    .insertInto('taxonomy_categories')
    .values(CATEGORIES.map((c, i) => ({ code: c.code, name: c.name, sort_order: i + 1 })))
    .returning(['id', 'code'])
    .execute();
  const categoryIds = new Map(categories.map((c) => [c.code, c.id]));
  const items = CATEGORIES.flatMap((c) =>
    c.items.map(([name, dept, keywords, grade], i) => {
      const categoryId = categoryIds.get(c.code);
      const departmentId = departmentIds.get(dept);
      if (categoryId === undefined || departmentId === undefined) throw new Error(`taxonomy item ${name}: unknown ${dept}`);
      return {
        category_id: categoryId,
        code: `${c.code}${String(i + 1).padStart(2, '0')}`,
        name,
        department_id: departmentId,
        default_grade: grade ?? 'normal',
        keywords,
        sort_order: i + 1,
        location_required: LOCATED_ITEMS.has(name),
      };
    }),
  );
  await trx.insertInto('service_items').values(items).execute();
  return { streetIds, departmentIds, serviceItems: items.length };
}

export async function seedDemo(db: Kysely<DB>, opts: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const log = opts.log ?? (() => undefined);
  const endMonth = opts.endMonth ?? lastMonth();
  const months = monthRange(endMonth, opts.months ?? 24 + Number(endMonth.slice(5, 7)));
  // argon2 runs off the main thread: start it now and collect it when the users are inserted.
  const passwordHash = hashPassword(DEMO_PASSWORD);
  passwordHash.catch(() => undefined);

  const enterprises = generateEnterprises(opts.enterprises, opts.randomSeed, endMonth);
  log(`生成演示企业 ${enterprises.length} 家（随机种子 ${opts.randomSeed}，指标截至 ${endMonth}）`);

  const result = await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('streets').select('id').limit(1).executeTakeFirst();
    if (existing) throw new Error('数据库中已有街道数据，演示数据只能写入空库');

    const org = await seedOrganisation(trx);
    log(`街道 ${org.streetIds.size} 个，部门 ${org.departmentIds.size} 个，服务事项 ${org.serviceItems} 项`);

    const ids: number[] = [];
    for (const batch of chunks(enterprises, BATCH)) {
      const rows = await trx
        .insertInto('enterprises')
        .values(
          batch.map((e) => ({
            uscc: e.uscc,
            name: e.name,
            legal_representative: e.legal_representative,
            address: e.address,
            phone: e.phone,
            street_id: org.streetIds.get(e.streetCode) ?? null,
            industry_code: e.industry_code,
            scale: e.scale,
            founded_on: e.founded_on,
            registered_capital: e.registered_capital,
            is_key: e.is_key,
          })),
        )
        .returning(['id', 'uscc'])
        .execute();
      // Matched by USCC rather than trusting RETURNING to keep the VALUES order.
      const byUscc = new Map(rows.map((r) => [r.uscc, r.id]));
      for (const e of batch) {
        const id = byUscc.get(e.uscc);
        if (id === undefined) throw new Error(`enterprise ${e.uscc} was not inserted`);
        ids.push(id);
      }
    }

    const tags = enterprises.flatMap((e, i) => e.tags.map((tag) => ({ enterprise_id: ids[i] ?? 0, tag })));
    for (const batch of chunks(tags, BATCH * 3)) await trx.insertInto('enterprise_tags').values(batch).execute();
    log(`企业 ${ids.length} 家，标签 ${tags.length} 个`);

    // Generated per chunk of enterprises so that 300k indicator objects never exist at once.
    let indicators = 0;
    let pending: IndicatorRow[] = [];
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      await insertIndicators(trx, pending);
      indicators += pending.length;
      pending = [];
    };
    for (let i = 0; i < enterprises.length; i++) {
      const e = enterprises[i];
      const id = ids[i];
      if (!e || id === undefined) continue;
      for (const r of generateIndicators(e, i, opts.randomSeed, months).rows) {
        pending.push({ enterprise_id: id, ...r });
        if (pending.length >= INDICATOR_BATCH) await flush();
      }
    }
    await flush();
    log(`月度指标 ${indicators} 条（${months[0]} 至 ${months[months.length - 1]}）`);
    const annualFigures = await seedAnnualFigures(trx, enterprises, ids, opts.randomSeed, months);
    log(`年度数据 ${annualFigures} 条`);

    const firstEnterpriseId = ids[0];
    if (firstEnterpriseId === undefined) throw new Error('演示数据至少需要 1 家企业');
    const users = buildUsers({
      departmentIds: org.departmentIds,
      streetIds: [...org.streetIds.values()],
      firstEnterpriseId,
      passwordHash: await passwordHash,
      randomSeed: opts.randomSeed,
    });
    await trx.insertInto('users').values(users).execute();
    const reach = planReach(ids, opts.randomSeed, await passwordHash);
    for (const batch of chunks(reach.users, BATCH)) await trx.insertInto('users').values(batch).execute();
    for (const batch of chunks(reach.contacts, BATCH)) await trx.insertInto('enterprise_contacts').values(batch).execute();
    const legal = [...reach.legalRepMobiles];
    await sql`update enterprises e set legal_rep_mobile = m.mobile
      from unnest(${legal.map(([id]) => id)}::int[], ${legal.map(([, m]) => m)}::text[]) as m(id, mobile) where e.id = m.id`.execute(trx);
    await sql`update enterprises set phone = '0755-2' || lpad((id % 10000000)::text, 7, '0') where id = any(${reach.unreachable}::int[])`.execute(
      trx,
    );
    log(`企业用户 ${reach.users.length + 1} 个，联系人 ${reach.contacts.length} 个，${reach.unreachable.length} 家无任何联系方式`);
    // Each bureau's handler account doubles as its head, so escalations have someone to reach.
    await sql`
      update departments d set head_user_id = u.id
      from users u
      where u.username = 'handler_' || lower(d.code)
        and d.kind in (${sql.join(HANDLER_DEPARTMENT_KINDS.map((k) => sql.lit(k)))})
    `.execute(trx);
    log(`用户 ${users.length} 个`);
    return { enterprises: ids.length, indicators, users: users.length + reach.users.length };
  });

  const durationMs = Math.round(performance.now() - started);
  log(`演示数据生成完成，用时 ${(durationMs / 1000).toFixed(1)} 秒`);
  return { ...result, durationMs };
}
