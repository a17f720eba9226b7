import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { Rule } from '../matching/rule.ts';
import { rematchPolicy } from '../matching/index.ts';

/** A tag no seeded enterprise carries, so the test policies match exactly the enterprises given it. */
export const TEST_TAG = '直达测试';

export const TEST_RULE: Rule = {
  all: [
    { id: 'tag', field: 'tags', op: 'has_any', value: [TEST_TAG], clause: '纳入直达测试名单的企业' },
    { id: 'revenue', field: 'revenue_last_year', op: 'gte', value: 100, clause: '上年度营业收入不低于100万元' },
  ],
};

export interface Fixture {
  /** A: the demo enterprise user's enterprise (eligible); B eligible, with its own user 'ent_b'; C unknown (no revenue), user 'ent_c'. */
  a: number;
  b: number;
  c: number;
  /** An enterprise the rule fails (no tag). */
  d: number;
}

/**
 * Three enterprises carry the test tag: A and B with last year's revenue (eligible), C without
 * (unknown for want of data); each has a user and a primary contact with a mobile and e-mail.
 */
export async function setUpEnterprises(db: Db): Promise<Fixture> {
  const demo = await db
    .selectFrom('users')
    .select(['enterprise_id', 'password_hash'])
    .where('username', '=', 'enterprise')
    .executeTakeFirstOrThrow();
  const a = demo.enterprise_id!;
  const others = await db
    .selectFrom('enterprises')
    .select('id')
    .where('status', '=', 'active')
    .where('id', '<>', a)
    .orderBy('id')
    .limit(3)
    .execute();
  const [b, c, d] = others.map((o) => o.id) as [number, number, number];
  const lastYear = new Date().getUTCFullYear() - 1;
  await db.deleteFrom('enterprise_annual_figures').where('enterprise_id', 'in', [a, b, c]).where('year', '=', lastYear).execute();
  await db
    .insertInto('enterprise_annual_figures')
    .values([a, b].map((id) => ({ enterprise_id: id, year: lastYear, revenue: 500, rd_expense: 20, rd_staff: 3, patents: 1 })))
    .execute();
  await db
    .insertInto('enterprise_tags')
    .values([a, b, c].map((id) => ({ enterprise_id: id, tag: TEST_TAG })))
    .execute();
  await db
    .insertInto('users')
    .values([
      {
        username: 'ent_b',
        display_name: '企业乙',
        mobile: '13911110002',
        email: 'b@example.cn',
        role: 'enterprise',
        enterprise_id: b,
        password_hash: demo.password_hash,
        must_change_password: false,
      },
      {
        username: 'ent_c',
        display_name: '企业丙',
        mobile: '13911110003',
        email: 'c@example.cn',
        role: 'enterprise',
        enterprise_id: c,
        password_hash: demo.password_hash,
        must_change_password: false,
      },
    ])
    .execute();
  // The demo district gives some enterprises more portal users; the tests count the fixture's own.
  await db
    .updateTable('users')
    .set({ active: false })
    .where('enterprise_id', 'in', [a, b, c, d])
    .where('username', 'not in', ['enterprise', 'ent_b', 'ent_c'])
    .execute();
  await db.updateTable('enterprise_contacts').set({ is_primary: false }).where('enterprise_id', 'in', [a, b, c]).execute();
  await db
    .insertInto('enterprise_contacts')
    .values(
      [a, b, c].map((id, i) => ({
        enterprise_id: id,
        name: `联系人${i}`,
        mobile: `1370000000${i}`,
        email: `contact${i}@example.cn`,
        is_primary: true,
      })),
    )
    .execute();
  return { a, b, c, d };
}

/** A published policy in force with TEST_RULE as its current rule and an open notice, matched. */
export async function publishPolicy(
  db: Db,
  opts: { code: string; title: string; autoGrant?: boolean; maxAmount?: number | null },
): Promise<{ id: number; noticeId: number }> {
  const p = await db
    .insertInto('policies')
    .values({
      code: opts.code,
      title: opts.title,
      issuer: '区工业和信息化局',
      level: 'district',
      effective_from: '2024-01-01',
      summary: `${opts.title}摘要`,
      full_text: `${opts.title}全文：对符合条件的企业给予支持。`,
      interpretation: '政策解读：符合条件即可享受。',
      benefit: '一次性奖励',
      max_amount: opts.maxAmount ?? 20,
      auto_grant: opts.autoGrant ?? false,
      status: 'published',
      published_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('policy_rules')
    .values({ policy_id: p.id, version: 1, valid_from: '2024-01-01', rule: JSON.stringify(TEST_RULE) })
    .execute();
  const n = await db
    .insertInto('policy_notices')
    .values({
      policy_id: p.id,
      title: `${opts.title}申报通知`,
      opens_at: new Date(Date.now() - 86_400_000),
      closes_at: new Date(Date.now() + 30 * 86_400_000),
      status: 'published',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await rematchPolicy(db, p.id);
  return { id: p.id, noticeId: n.id };
}

/** An application row as the applications module writes it, enough for "applied" counts. */
export async function fileApplication(db: Db, enterpriseId: number, policyId: number, noticeId: number): Promise<void> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from policy_applications`.execute(db);
  await db
    .insertInto('policy_applications')
    .values({
      number: `TEST-${(rows[0]?.n ?? 0) + 1}-${enterpriseId}`,
      notice_id: noticeId,
      policy_id: policyId,
      enterprise_id: enterpriseId,
      state: 'submitted',
      review_levels: 1,
    })
    .execute();
}
