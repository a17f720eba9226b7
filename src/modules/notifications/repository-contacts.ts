/** Where an enterprise can be reached, as SQL (contacts.ts says how the candidates are picked). */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { Candidate, Source } from './contacts.ts';

/** `normalizeMobile` (platform/phone.ts) in SQL, for a number held in `col`. */
function mobileSql(col: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<string | null> {
  const bare = sql`regexp_replace(regexp_replace(coalesce(${col}, ''), '[^0-9]', '', 'g'), '^86(1[0-9]{10})$', '\\1')`;
  return sql<string | null>`case when ${bare} ~ '^1[3-9][0-9]{9}$' then ${bare} end`;
}

/** An e-mail address held in `col`, lower-cased, or null. */
function emailSql(col: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<string | null> {
  return sql<string | null>`case when ${col} ~ '^[^@[:space:]]+@[^@[:space:]]+$' then lower(${col}) end`;
}

/** Every candidate address of these enterprises, in order of preference. */
export async function candidatesFor(tx: Db, enterpriseIds: readonly number[]): Promise<Candidate[]> {
  if (enterpriseIds.length === 0) return [];
  const ids = [...enterpriseIds];
  const { rows } = await sql<Candidate & { ord: number }>`
    select enterprise_id, channel, address, source from (
      select u.enterprise_id, 'sms' as channel, ${mobileSql(sql.ref('u.mobile'))} as address, 1 as source, u.id as ord
        from users u where u.active and u.role = 'enterprise' and u.enterprise_id = any(${ids}::int[])
      union all
      select u.enterprise_id, 'email', ${emailSql(sql.ref('u.email'))}, 1, u.id
        from users u where u.active and u.role = 'enterprise' and u.enterprise_id = any(${ids}::int[])
      union all
      select c.enterprise_id, 'sms', ${mobileSql(sql.ref('c.mobile'))}, case when c.is_primary then 2 else 3 end, c.id
        from enterprise_contacts c where c.enterprise_id = any(${ids}::int[])
      union all
      select c.enterprise_id, 'email', ${emailSql(sql.ref('c.email'))}, case when c.is_primary then 2 else 3 end, c.id
        from enterprise_contacts c where c.enterprise_id = any(${ids}::int[])
      union all
      select e.id, 'sms', ${mobileSql(sql.ref('e.legal_rep_mobile'))}, 4, 0 from enterprises e where e.id = any(${ids}::int[])
      union all
      select e.id, 'sms', ${mobileSql(sql.ref('e.phone'))}, 5, 0 from enterprises e where e.id = any(${ids}::int[])
    ) x
    where address is not null
    order by enterprise_id, source, ord`.execute(tx);
  return rows.map((r) => ({ enterprise_id: r.enterprise_id, channel: r.channel, address: r.address, source: Number(r.source) as Source }));
}
