/**
 * A year of application history (申报) over the seeded policies and notices, so that the review
 * queue and the application figures have something real on the first start: about a quarter
 * approved instantly (秒批) from held data, the rest reviewed at their notice's levels, some
 * refused or returned for materials, most approved ones through agreement to disbursement, and
 * a live queue of recent ones. Deterministic from the random seed; a few multi-row inserts.
 */
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import type { ApplicationEventsTable, ApplicationState, PolicyApplicationsTable } from '../platform/db/schema-policies.ts';
import { differencesOf, heldValues, instantOutcome } from '../modules/applications/instant.ts';
import { declaredFieldsOfNotice, materialsOfNotice } from '../modules/applications/materials.ts';
import { currentRule, evaluate, explain, loadProfiles } from '../modules/matching/index.ts';
import type { ProfileValue } from '../modules/matching/fields.ts';
import { shanghaiDate } from '../modules/calendar/working-days.ts';
import { Rng, mixSeed } from './random.ts';

const DAY = 86_400_000;
const BATCH = 500;
const PDF = Buffer.from('%PDF-1.4\n% demo material\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

type Ev = Omit<Insertable<ApplicationEventsTable>, 'application_id'>;
interface Generated {
  row: Insertable<PolicyApplicationsTable>;
  events: Ev[];
  benefit?: { amount: number; paid_on: string; payment_batch: string };
  materials: string[];
}

const round = (v: number) => Math.round(v * 2) / 2;

/** Published notices of published policies (n, p): the only ones enterprises can apply to. */
function publishedNotices(db: Kysely<DB>) {
  return db
    .selectFrom('policy_notices as n')
    .innerJoin('policies as p', 'p.id', 'n.policy_id')
    .where('n.status', '=', 'published')
    .where('p.status', '=', 'published');
}

export async function seedDemoPolicyApplications(
  db: Kysely<DB>,
  opts: { randomSeed: number; count?: number; now?: Date },
): Promise<number> {
  const rng = new Rng(mixSeed(opts.randomSeed, 0x5b5b));
  const now = opts.now ?? new Date();
  await seedPastRounds(db, rng, now);
  const notices = await publishedNotices(db)
    .select(['n.id', 'n.policy_id', 'n.opens_at', 'n.closes_at', 'n.declared_fields', 'n.materials', 'n.review_levels', 'p.max_amount'])
    .where('n.opens_at', '<', now)
    .orderBy('n.id')
    .execute();
  if (notices.length === 0) return 0;
  const [enterprises, users, matches] = await Promise.all([
    db.selectFrom('enterprises').select('id').where('status', '=', 'active').orderBy('id').execute(),
    db.selectFrom('users').select(['id', 'role', 'enterprise_id']).where('active', '=', true).orderBy('id').execute(),
    db
      .selectFrom('policy_matches')
      .select(['policy_id', 'enterprise_id'])
      .where('outcome', '=', 'eligible')
      .where('policy_id', 'in', [...new Set(notices.map((n) => n.policy_id))])
      .execute(),
  ]);
  if (enterprises.length === 0) return 0;
  const officer = users.find((u) => u.role === 'policy_officer')?.id ?? users.find((u) => u.role === 'admin')?.id ?? null;
  const applicantOf = new Map(users.filter((u) => u.enterprise_id !== null).map((u) => [u.enterprise_id!, u.id]));
  const eligibleOf = new Map<number, number[]>();
  for (const m of matches) eligibleOf.set(m.policy_id, [...(eligibleOf.get(m.policy_id) ?? []), m.enterprise_id]);

  const target = opts.count ?? Math.min(3_000, Math.max(20, Math.round(enterprises.length / 5)));
  const yearAgo = now.getTime() - 365 * DAY;
  // Applications come in over each window's days within the last year: a long window gets more.
  const windows = notices
    .map((notice) => ({
      notice,
      from: Math.max(new Date(notice.opens_at).getTime(), yearAgo),
      to: Math.min(new Date(notice.closes_at).getTime(), now.getTime()),
    }))
    .filter((w) => w.to > w.from);
  const totalDays = windows.reduce((sum, w) => sum + (w.to - w.from) / DAY, 0);

  // The demo enterprise accounts get a history of their own in closed rounds (open ones stay free to apply to).
  const closed = windows.filter((w) => new Date(w.notice.closes_at).getTime() < now.getTime());
  const demoApplicants = new Map<number, number[]>();
  for (const enterpriseId of applicantOf.keys()) {
    for (let i = 0; i < Math.min(3, closed.length); i++) {
      const { notice } = closed[(enterpriseId * 7 + i * 5) % closed.length]!;
      const list = demoApplicants.get(notice.id) ?? [];
      if (!list.includes(enterpriseId)) demoApplicants.set(notice.id, [...list, enterpriseId]);
    }
  }

  // Who applies where: mostly enterprises the engine found eligible, some that were not.
  const picks: { notice: (typeof notices)[number]; enterpriseId: number; at: number }[] = [];
  for (const { notice, from, to } of windows) {
    const eligible = eligibleOf.get(notice.policy_id) ?? [];
    const taken = new Set<number>(demoApplicants.get(notice.id) ?? []);
    for (const id of taken) picks.push({ notice, enterpriseId: id, at: from + rng.float() * (to - from) });
    const expected = (target * (to - from)) / DAY / totalDays;
    const n = Math.min(enterprises.length, Math.max(1, Math.round(expected * (0.7 + rng.float() * 0.6))));
    for (let i = 0; i < n * 3 && taken.size < n; i++) {
      const id = eligible.length > 0 && rng.chance(0.6) ? rng.pick(eligible) : rng.pick(enterprises).id;
      // Enterprises with a demo account keep the open rounds to apply to themselves.
      if (taken.has(id) || (applicantOf.has(id) && new Date(notice.closes_at) > now)) continue;
      taken.add(id);
      picks.push({ notice, enterpriseId: id, at: from + rng.float() * (to - from) });
    }
  }
  picks.sort((a, b) => a.at - b.at);
  const profiles = new Map((await loadProfiles(db, [...new Set(picks.map((p) => p.enterpriseId))])).map((p) => [p.id, p.profile]));
  const rules = new Map<number, Awaited<ReturnType<typeof currentRule>>>();
  for (const policyId of new Set(notices.map((n) => n.policy_id))) rules.set(policyId, await currentRule(db, policyId));

  const counters = new Map<string, number>();
  const generated: Generated[] = [];
  for (const pick of picks) {
    const { notice } = pick;
    const profile = profiles.get(pick.enterpriseId);
    if (!profile) continue;
    const fields = declaredFieldsOfNotice(notice.declared_fields);
    const held = heldValues(fields, profile);
    const declared: Record<string, ProfileValue> = { ...held };
    const current = rules.get(notice.policy_id);
    const evaluation = current ? evaluate(current.rule, profile) : undefined;
    // Some applicants declare a newer (larger) figure than the file holds: those go to a reviewer.
    const numeric = fields.filter((f) => typeof held[f] === 'number');
    if (numeric.length > 0 && rng.chance(instantOutcome(evaluation, []).instant ? 0.6 : 0.2)) {
      const f = rng.pick(numeric);
      declared[f] = Math.round((held[f] as number) * (1.05 + rng.float() * 0.2) * 100) / 100;
    }
    const differences = differencesOf(fields, declared, held);
    const outcome = instantOutcome(evaluation, differences);
    const instant = outcome.instant;
    const flag = outcome.instant ? null : outcome.flag;
    const explanation = evaluation ? explain(evaluation, current?.version ?? null) : null;
    const max = notice.max_amount ?? 50;
    const requested = round(max * (0.3 + rng.float() * 0.7));
    const created = new Date(pick.at);
    const year = shanghaiDate(created).slice(0, 4);
    const seq = (counters.get(year) ?? 0) + 1;
    counters.set(year, seq);
    const events: Ev[] = [
      {
        action: 'submit',
        from_state: null,
        to_state: 'submitted',
        actor_id: applicantOf.get(pick.enterpriseId) ?? null,
        created_at: created,
      },
    ];
    // Widened on purpose: the steps below move it from inside a closure.
    let state = 'submitted' as ApplicationState;
    let t = pick.at;
    let level = 0;
    let approved: number | null = null;
    let decidedAt: Date | null = null;
    let reason: string | null = null;
    let benefit: Generated['benefit'];
    const step = (action: string, to: ApplicationState, afterDays: [number, number], extra: Partial<Ev> = {}): boolean => {
      const at = t + (afterDays[0] + rng.float() * (afterDays[1] - afterDays[0])) * DAY;
      if (at > now.getTime()) return false;
      events.push({
        action,
        from_state: state,
        to_state: to,
        actor_id: action === 'instant_approve' ? null : officer,
        created_at: new Date(at),
        ...extra,
      });
      state = to;
      t = at;
      return true;
    };
    if (instant) {
      approved = requested;
      decidedAt = created;
      reason = '按已掌握的数据，政策条件全部满足，系统秒批通过';
      step('instant_approve', 'approved', [0, 0], { comment: reason, level: notice.review_levels });
      level = notice.review_levels;
    } else if (rng.chance(0.03)) {
      step('withdraw', 'withdrawn', [1, 10], { actor_id: applicantOf.get(pick.enterpriseId) ?? null });
    } else if (step('accept', 'accepted', [0.5, 3])) {
      if (
        rng.chance(0.08) &&
        step('return', 'returned', [1, 4], { comment: '请补充近一年的财务报表' }) &&
        step('resubmit', 'submitted', [2, 8], { actor_id: applicantOf.get(pick.enterpriseId) ?? null })
      )
        step('accept', 'accepted', [0.5, 2]);
      const refuse = state === 'accepted' && rng.chance(flag === 'ineligible' ? 0.6 : 0.12);
      while (state === 'accepted' || state === 'in_review') {
        const last = level + 1 >= notice.review_levels;
        if (refuse && last) {
          reason = flag === 'ineligible' ? '经核实，企业不符合政策申报条件' : '申报材料与实际情况不符';
          if (step('refuse', 'refused', [2, 8], { comment: reason })) decidedAt = new Date(t);
          break;
        }
        if (last) {
          approved = round(requested * (0.8 + rng.float() * 0.2));
          if (step('approve', 'approved', [2, 8], { level: level + 1, data: JSON.stringify({ approvedAmount: approved }) })) {
            level += 1;
            decidedAt = new Date(t);
          } else approved = null;
          break;
        }
        if (!step('pass', 'in_review', [2, 6], { level: level + 1 })) break;
        level += 1;
      }
    }
    if (
      state === 'approved' &&
      step('sign_agreement', 'agreement_signed', [5, 20], { data: JSON.stringify({ signedOn: shanghaiDate(new Date(t + 5 * DAY)) }) })
    ) {
      const paidOn = shanghaiDate(new Date(t + 20 * DAY));
      const batch = `PB-${paidOn.slice(0, 7)}`;
      if (step('disburse', 'disbursed', [20, 20], { data: JSON.stringify({ amount: approved, paidOn, paymentBatch: batch }) }))
        benefit = { amount: approved ?? 0, paid_on: paidOn, payment_batch: batch };
    }
    generated.push({
      row: {
        number: `SB-${year}-${String(seq).padStart(6, '0')}`,
        notice_id: notice.id,
        policy_id: notice.policy_id,
        enterprise_id: pick.enterpriseId,
        applicant_id: applicantOf.get(pick.enterpriseId) ?? null,
        state,
        review_level: level,
        review_levels: notice.review_levels,
        declared: JSON.stringify(declared),
        held: JSON.stringify(held),
        differences: JSON.stringify(differences),
        explanation: JSON.stringify(
          explanation ? { ...explanation, flag } : { version: null, eligibility: 'unknown', conditions: [], flag },
        ),
        instant,
        requested_amount: requested,
        approved_amount: approved,
        contact_name: '申报联系人',
        contact_phone: `139${String(10_000_000 + pick.enterpriseId).slice(-8)}`,
        decision_reason: reason,
        decided_at: decidedAt,
        decided_by: decidedAt && !instant ? officer : null,
        created_at: created,
        updated_at: new Date(t),
      },
      events,
      benefit,
      materials: materialsOfNotice(notice.materials)
        .filter((m) => m.required)
        .map((m) => m.name),
    });
  }

  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < generated.length; i += BATCH) {
      const chunk = generated.slice(i, i + BATCH);
      const ids = await tx
        .insertInto('policy_applications')
        .values(chunk.map((g) => g.row))
        .returning(['id', 'number'])
        .execute();
      const idOf = new Map(ids.map((r) => [r.number, r.id]));
      const events = chunk.flatMap((g) => g.events.map((e) => ({ ...e, application_id: idOf.get(g.row.number)! })));
      for (let j = 0; j < events.length; j += BATCH)
        await tx
          .insertInto('application_events')
          .values(events.slice(j, j + BATCH))
          .execute();
      const benefits = chunk.flatMap((g) =>
        g.benefit
          ? [
              {
                ...g.benefit,
                enterprise_id: g.row.enterprise_id,
                policy_id: g.row.policy_id,
                application_id: idOf.get(g.row.number)!,
                created_by: officer,
              },
            ]
          : [],
      );
      if (benefits.length > 0) await tx.insertInto('benefits').values(benefits).execute();
      const materials = chunk.flatMap((g) =>
        g.materials.map((m) => ({
          application_id: idOf.get(g.row.number)!,
          material: m,
          file_name: `${m}.pdf`,
          mime: 'application/pdf',
          size: PDF.length,
          sha256: 'demo',
          content: PDF,
          uploaded_by: g.row.applicant_id ?? officer ?? 1,
        })),
      );
      for (let j = 0; j < materials.length; j += BATCH)
        await tx
          .insertInto('application_materials')
          .values(materials.slice(j, j + BATCH))
          .execute();
    }
    for (const [year, value] of counters) {
      await tx
        .insertInto('counters')
        .values({ name: `application-${year}`, value })
        .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
        .execute();
    }
  });
  return generated.length;
}

/**
 * Earlier rounds (往期批次) of the seeded notices, closed within the last year, so that the history
 * spans the year and not only the current round. Copies the current notice's materials, declared
 * fields and review levels; only once (a notice of the same title marks it done).
 */
async function seedPastRounds(db: Kysely<DB>, rng: Rng, now: Date): Promise<void> {
  const current = await publishedNotices(db)
    .select(['n.policy_id', 'n.title', 'n.body', 'n.materials', 'n.declared_fields', 'n.review_levels', 'n.budget', 'n.created_by'])
    .where('p.auto_grant', '=', false)
    .where('n.title', 'not like', '%（往期批次）')
    .orderBy('n.id')
    .execute();
  const done = await db.selectFrom('policy_notices').select('title').where('title', 'like', '%（往期批次）').execute();
  if (current.length === 0 || done.length > 0) return;
  const rows = current.map((n) => {
    const opens = now.getTime() - rng.int(200, 350) * DAY;
    return {
      policy_id: n.policy_id,
      title: `${n.title}（往期批次）`,
      body: n.body,
      opens_at: new Date(opens),
      closes_at: new Date(opens + rng.int(30, 60) * DAY),
      materials: JSON.stringify(n.materials),
      declared_fields: JSON.stringify(n.declared_fields),
      review_levels: n.review_levels,
      budget: n.budget,
      status: 'published' as const,
      created_by: n.created_by,
      created_at: new Date(opens - 3 * DAY),
    };
  });
  await db.insertInto('policy_notices').values(rows).execute();
}
