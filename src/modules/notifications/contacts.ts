import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/index.ts';

/**
 * Where an enterprise can be reached, from everything the platform holds: its portal users, the
 * contacts in its file (primary first), the legal representative's mobile and the registered
 * phone when that is a mobile number. Numbers are compared in one normal form (no spaces,
 * dashes or +86), so the same mobile held twice is texted once.
 */

/** `normalizeMobile` (platform/phone.ts) in SQL, for a number held in `col`. */
export function mobileSql(col: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<string | null> {
  const bare = sql`regexp_replace(regexp_replace(coalesce(${col}, ''), '[^0-9]', '', 'g'), '^86(1[0-9]{10})$', '\\1')`;
  return sql<string | null>`case when ${bare} ~ '^1[3-9][0-9]{9}$' then ${bare} end`;
}

/** An e-mail address held in `col`, lower-cased, or null. */
export function emailSql(col: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<string | null> {
  return sql<string | null>`case when ${col} ~ '^[^@[:space:]]+@[^@[:space:]]+$' then lower(${col}) end`;
}

/** 1 portal user, 2 primary contact, 3 other contact, 4 legal representative, 5 registered phone. */
export type Source = 1 | 2 | 3 | 4 | 5;
export interface Candidate {
  enterprise_id: number;
  channel: 'sms' | 'email';
  address: string;
  source: Source;
}

/**
 * The addresses to use from one enterprise's candidates on one channel: every portal user's and
 * the primary contact's; when there are none of those, the first that the file holds (another
 * contact, the legal representative, the registered mobile) — one fallback, not all of them.
 */
export function pickAddresses(candidates: readonly Candidate[]): string[] {
  const first = [...new Set(candidates.filter((c) => c.source <= 2).map((c) => c.address))];
  if (first.length > 0) return first;
  const best = [...candidates].sort((a, b) => a.source - b.source)[0];
  return best ? [best.address] : [];
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

/** The picked addresses per enterprise and channel. */
export function addressBook(candidates: readonly Candidate[]): Map<number, { sms: string[]; email: string[] }> {
  const by = new Map<number, { sms: Candidate[]; email: Candidate[] }>();
  for (const c of candidates) {
    const entry = by.get(c.enterprise_id) ?? { sms: [], email: [] };
    entry[c.channel].push(c);
    by.set(c.enterprise_id, entry);
  }
  return new Map([...by].map(([id, e]) => [id, { sms: pickAddresses(e.sms), email: pickAddresses(e.email) }]));
}
