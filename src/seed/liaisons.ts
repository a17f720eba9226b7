/**
 * The demo service network, as in Pingshan: district leaders for the top key enterprises by
 * output (≈15), department heads for the next tier (≈78), liaison cadres (专班) for the rest of
 * the key enterprises; and two months of visits, with needs handled on the spot or linked to the
 * visit-channel appeals already in the demo, plus the visits planned for the next two weeks.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import type { LiaisonTier, LiaisonVisitsTable } from '../platform/db/schema-liaison.ts';
import { addDays, shanghaiDate } from '../modules/calendar/working-days.ts';
import { Rng, mixSeed } from './random.ts';

const BATCH = 500;
const ON_SPOT = [
  '咨询高新技术企业认定条件，已现场讲解',
  '询问稳岗补贴申领流程，已现场指导',
  '反映园区道路照明不足，已联系街道现场解决',
  '咨询人才住房申请，已提供材料清单',
  '询问出口退税进度，已电话联系税务部门答复',
];

export async function seedDemoLiaisons(
  db: Kysely<DB>,
  opts: { randomSeed: number; now?: Date },
): Promise<{ assigned: number; visits: number }> {
  const rng = new Rng(mixSeed(opts.randomSeed, 0x11a150));
  const today = shanghaiDate(opts.now ?? new Date());
  // Key enterprises by their output over the last twelve months held, largest first.
  const key = await db
    .selectFrom('enterprises as e')
    .leftJoin('enterprise_indicators as i', 'i.enterprise_id', 'e.id')
    .select((eb) => ['e.id', eb.fn.coalesce(eb.fn.sum<number>('i.output'), sql<number>`0`).as('output')])
    .where('e.is_key', '=', true)
    .where('e.status', '=', 'active')
    .groupBy('e.id')
    .orderBy('output', 'desc')
    .orderBy('e.id')
    .execute();
  const users = await db.selectFrom('users').select(['id', 'username', 'role']).where('active', '=', true).orderBy('username').execute();
  const heads = await db
    .selectFrom('departments')
    .select('head_user_id')
    .where('head_user_id', 'is not', null)
    .where('kind', '=', 'bureau')
    .orderBy('code')
    .execute();
  const pools: Record<LiaisonTier, number[]> = {
    leader: users.filter((u) => u.role === 'leader').map((u) => u.id),
    department_head: heads.map((h) => h.head_user_id!),
    special_group: users.filter((u) => u.role === 'cadre').map((u) => u.id),
  };
  // Pingshan's 15 / 78 of 1,133; a smaller demo keeps the proportions.
  const scale = Math.min(1, key.length / 1133);
  const leaders = Math.max(1, Math.round(15 * scale));
  const deptHeads = Math.max(1, Math.round(78 * scale));
  const counters: Record<LiaisonTier, number> = { leader: 0, department_head: 0, special_group: 0 };
  const assignedAt = new Date(`${addDays(today, -90)}T09:00:00+08:00`);
  const rows = key.flatMap((e, i) => {
    let tier: LiaisonTier = i < leaders ? 'leader' : i < leaders + deptHeads ? 'department_head' : 'special_group';
    if (pools[tier].length === 0) tier = 'special_group';
    const pool = pools[tier];
    if (pool.length === 0) return [];
    const user_id = pool[counters[tier]++ % pool.length]!;
    return [{ enterprise_id: e.id, user_id, tier, assigned_by: null, assigned_at: assignedAt }];
  });
  for (let i = 0; i < rows.length; i += BATCH)
    await db
      .insertInto('liaisons')
      .values(rows.slice(i, i + BATCH))
      .execute();

  // Visits: about one in two enterprises visited in the last 60 days, one in five planned ahead.
  const visits: Insertable<LiaisonVisitsTable>[] = [];
  const onSpot: { index: number; description: string }[] = [];
  for (const l of rows) {
    if (rng.chance(0.5)) {
      const day = addDays(today, -rng.int(1, 60));
      if (rng.chance(0.4)) onSpot.push({ index: visits.length, description: ON_SPOT[rng.int(0, ON_SPOT.length - 1)]! });
      visits.push({
        enterprise_id: l.enterprise_id,
        user_id: l.user_id,
        planned_on: rng.chance(0.7) ? day : null,
        visited_on: day,
        status: 'done',
        people_met: '企业负责人',
        notes: '了解企业生产经营情况，宣讲惠企政策。',
      });
    }
    if (rng.chance(0.1))
      visits.push({
        enterprise_id: l.enterprise_id,
        user_id: l.user_id,
        planned_on: addDays(today, -rng.int(3, 30)),
        status: 'cancelled',
        purpose: '走访（已取消）',
      });
    if (rng.chance(0.2))
      visits.push({
        enterprise_id: l.enterprise_id,
        user_id: l.user_id,
        planned_on: addDays(today, rng.int(0, 14)),
        status: 'planned',
        purpose: '了解企业经营与用工情况',
      });
  }
  const ids: number[] = [];
  for (let i = 0; i < visits.length; i += BATCH) {
    const got = await db
      .insertInto('liaison_visits')
      .values(visits.slice(i, i + BATCH))
      .returning('id')
      .execute();
    ids.push(...got.map((r) => r.id));
  }
  const needs = onSpot.map((n) => ({
    visit_id: ids[n.index]!,
    description: n.description,
    resolution: 'on_spot' as const,
    note: '现场解决',
  }));
  for (let i = 0; i < needs.length; i += BATCH)
    await db
      .insertInto('liaison_needs')
      .values(needs.slice(i, i + BATCH))
      .execute();

  // The demo's visit-channel appeals of assigned enterprises came from a visit: record it.
  const fromVisits = await db
    .selectFrom('appeals as a')
    .innerJoin('liaisons as l', (j) => j.onRef('l.enterprise_id', '=', 'a.enterprise_id').on('l.ended_at', 'is', null))
    .select(['a.id', 'a.enterprise_id', 'a.title', 'a.description', 'a.submitted_at', 'l.user_id'])
    .where('a.channel', '=', 'visit')
    .orderBy('a.id')
    .execute();
  for (let i = 0; i < fromVisits.length; i += BATCH) {
    const chunk = fromVisits.slice(i, i + BATCH);
    const got = await db
      .insertInto('liaison_visits')
      .values(
        chunk.map((a) => ({
          enterprise_id: a.enterprise_id,
          user_id: a.user_id,
          visited_on: shanghaiDate(a.submitted_at),
          status: 'done' as const,
          people_met: '企业负责人',
          notes: `走访中企业反映：${a.title}`,
        })),
      )
      .returning('id')
      .execute();
    await db
      .insertInto('liaison_needs')
      .values(
        chunk.map((a, j) => ({
          visit_id: got[j]!.id,
          description: a.description.slice(0, 2000),
          resolution: 'appeal' as const,
          appeal_id: a.id,
        })),
      )
      .execute();
  }
  return { assigned: rows.length, visits: visits.length + fromVisits.length };
}
