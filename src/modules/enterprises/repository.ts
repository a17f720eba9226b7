import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { Scale } from '../../platform/db/schema.ts';

export interface EnterpriseFilter {
  q?: string | undefined;
  streetId?: number | undefined;
  industryPrefix?: string | undefined;
  scale?: Scale | undefined;
  tag?: string | undefined;
  page: number;
  pageSize: number;
}

function filtered(db: Db, f: EnterpriseFilter) {
  let q = db.selectFrom('enterprises as e');
  if (f.q) {
    const text = f.q;
    // A credit code (or its prefix) is matched exactly; anything else against the name (trigram index).
    q = /^[0-9A-Z]{6,18}$/.test(text) ? q.where('e.uscc', 'like', `${text}%`) : q.where('e.name', 'like', `%${text}%`);
  }
  if (f.streetId) q = q.where('e.street_id', '=', f.streetId);
  if (f.industryPrefix) q = q.where('e.industry_code', 'like', `${f.industryPrefix}%`);
  if (f.scale) q = q.where('e.scale', '=', f.scale);
  if (f.tag) {
    const tag = f.tag;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('enterprise_tags as t').select('t.tag').whereRef('t.enterprise_id', '=', 'e.id').where('t.tag', '=', tag)),
    );
  }
  return q;
}

export async function searchEnterprises(db: Db, f: EnterpriseFilter) {
  const q = filtered(db, f);
  const [rows, count] = await Promise.all([
    q
      .leftJoin('streets as s', 's.id', 'e.street_id')
      .select(['e.id', 'e.uscc', 'e.name', 's.name as street_name', 'e.industry_code', 'e.scale', 'e.is_key'])
      .select((eb) =>
        eb.fn
          .coalesce(
            eb
              .selectFrom('enterprise_tags as t')
              .select(sql<string[]>`array_agg(t.tag order by t.tag)`.as('tags'))
              .whereRef('t.enterprise_id', '=', 'e.id'),
            sql<string[]>`'{}'::text[]`,
          )
          .as('tags'),
      )
      .orderBy('e.is_key', 'desc')
      .orderBy('e.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findEnterprise(db: Db, id: number) {
  const e = await db
    .selectFrom('enterprises as e')
    .leftJoin('streets as s', 's.id', 'e.street_id')
    .selectAll('e')
    .select('s.name as street_name')
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!e) return undefined;
  const tags = await db.selectFrom('enterprise_tags').select('tag').where('enterprise_id', '=', id).orderBy('tag').execute();
  return { ...e, tags: tags.map((t) => t.tag) };
}

export async function overview(db: Db) {
  const [totals, byStreet, byScale, byTag, byIndustry] = await Promise.all([
    db
      .selectFrom('enterprises')
      .select((eb) => [eb.fn.countAll<number>().as('all'), eb.fn.sum<number>(sql`case when is_key then 1 else 0 end`).as('key')])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('enterprises as e')
      .innerJoin('streets as s', 's.id', 'e.street_id')
      .select(['s.name', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy(['s.id', 's.name'])
      .orderBy('s.id')
      .execute(),
    db
      .selectFrom('enterprises')
      .select(['scale', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('scale')
      .execute(),
    db
      .selectFrom('enterprise_tags')
      .select(['tag', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('tag')
      .orderBy('count', 'desc')
      .execute(),
    db
      .selectFrom('enterprises')
      .select([sql<string>`left(industry_code, 1)`.as('code'), (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy(sql`left(industry_code, 1)`)
      .orderBy('count', 'desc')
      .execute(),
  ]);
  return { totals, byStreet, byScale, byTag, byIndustry };
}

/** An enterprise's id from its id or credit code, if it is on file (used by other modules' use-cases). */
export async function enterpriseIdBy(db: Db, by: { id: number } | { uscc: string }): Promise<number | undefined> {
  const q = db.selectFrom('enterprises').select('id');
  const r = await ('id' in by ? q.where('id', '=', by.id) : q.where('uscc', '=', by.uscc)).executeTakeFirst();
  return r?.id;
}
