/**
 * The A/B pairs of tests/isolation.test.ts, found in the seeded demo: two enterprises, two bureaus,
 * two cadres, two API clients — each pair with the owner's records the intruder must not reach, and
 * a canary (text only the owner's records hold) that no list the intruder can read may show.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Role } from '../../src/platform/db/schema.ts';
import { SCOPES } from '../../src/modules/api-clients/keys.ts';
import { multipart, newMobile, PDF } from './accounts.ts';
import type { TestApp } from './app.ts';

export interface Party {
  name: string;
  headers: Record<string, string>;
  /** A session's role, or an API key's scopes. */
  role?: Role;
  scopes?: readonly string[];
  userId?: number;
}

export interface Pair {
  name: string;
  intruder: Party;
  owner: Party;
  /** Which of the owner's records a route names, by "METHOD /path"; 'shared' when, by the product's rule, every caller of the role may reach it. */
  routes: [RegExp, string][];
  records: Record<string, Record<string, string | number>>;
  canaries: string[];
  /** A list where the owner sees the first canary: the control that it is real. */
  ownerList: string;
  /** Kinds whose record the owner may not have either (a handler who looks after no enterprise has no score: 404). */
  noOwnerControl?: string[];
  /**
   * Kinds of record the product answers for with 2xx and no effect when they are not the caller's
   * (marking someone else's notification read touches nothing); the check that the record is untouched.
   */
  untouched?: Record<string, () => Promise<boolean>>;
}

const SHARED_STAFF: [RegExp, string][] = [
  // Staff read every enterprise's file and the policy library (enterprises/policy.ts: only enterprise users are limited).
  [/ \/api\/(enterprises|enterprise-codes|policies|policy-notices)\//, 'shared'],
];

type Row = Record<string, number | string>;

export async function findPairs(t: TestApp): Promise<Pair[]> {
  const db = t.database.db;
  const one = async (query: string): Promise<Row> => {
    const row = (await sql.raw<Row>(query).execute(db)).rows[0];
    if (!row) throw new Error(`the demo has no row for: ${query}`);
    return row;
  };
  const call = async (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as Row;
  };
  const upload = async (cookie: string, appealId: number) => {
    const form = multipart({}, { field: 'file', name: '隔离.pdf', data: PDF });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/appeals/${appealId}/attachments`,
      headers: { cookie, ...form.headers },
      payload: form.payload,
    });
    if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
    return (res.json() as { items: { id: number }[] }).items[0]!.id;
  };
  /** A notification of the owner's; marking someone else's read answers 204 and changes nothing, so the check is that it stays unread. */
  const notification = async (userId: number, title: string) => {
    const { id } = await db.insertInto('notifications').values({ user_id: userId, title }).returning('id').executeTakeFirstOrThrow();
    const unread = async () =>
      (await db.selectFrom('notifications').select('read_at').where('id', '=', id).executeTakeFirstOrThrow()).read_at === null;
    return { record: { id }, untouched: { notification: unread } };
  };
  const canary = () => `ISO${randomBytes(6).toString('hex').toUpperCase()}`;
  const party = async (username: string): Promise<Party> => {
    const u = await db.selectFrom('users').select(['id', 'role']).where('username', '=', username).executeTakeFirstOrThrow();
    return { name: username, headers: { cookie: await t.login(username) }, role: u.role, userId: u.id };
  };
  const specialist = await t.login('specialist');
  /** An appeal filed for an enterprise with the canary in its title, accepted and dispatched to a department when one is given. */
  const appealFor = async (enterpriseId: number, title: string, departmentId?: number) => {
    const { id } = await call(specialist, 'POST', '/api/appeals', {
      title: `隔离检查 ${title}`,
      description: '企业反映厂区门前道路破损，货车进出困难，请协调修复。',
      channel: 'phone',
      enterpriseId,
    });
    if (departmentId !== undefined) {
      const item = await one(`select id from service_items where department_id = ${departmentId} order by id limit 1`);
      await call(specialist, 'POST', `/api/appeals/${id}/accept`, { serviceItemId: item.id, grade: 'normal' });
      await call(specialist, 'POST', `/api/appeals/${id}/dispatch`, { departmentId });
    }
    return { id: Number(id), fileId: await upload(specialist, Number(id)) };
  };
  const pairs: Pair[] = [];

  // Enterprise A (the demo login) and B: another enterprise with an administrator, a second member and applications with materials.
  const a = await party('enterprise');
  const aEnterprise = (await one(`select enterprise_id from users where username = 'enterprise'`)).enterprise_id;
  const b = await one(`
    select u.username, u.id, u.enterprise_id, e.uscc,
      (select v.id from users v where v.enterprise_id = u.enterprise_id and v.id <> u.id order by v.id limit 1) as member,
      (select m.id from policy_applications x join application_materials m on m.application_id = x.id where x.enterprise_id = u.enterprise_id order by m.id limit 1) as material
    from users u join enterprises e on e.id = u.enterprise_id
    where u.role = 'enterprise' and u.enterprise_role = 'admin' and u.active and u.enterprise_id <> ${aEnterprise}
      and exists (select 1 from users v where v.enterprise_id = u.enterprise_id and v.id <> u.id)
      and exists (select 1 from policy_applications x join application_materials m on m.application_id = x.id where x.enterprise_id = u.enterprise_id)
    order by u.id limit 1`);
  const bParty = await party(String(b.username));
  const bCanary = canary();
  const bAppeal = await call(bParty.headers.cookie!, 'POST', '/api/appeals', {
    title: `隔离检查 ${bCanary}`,
    description: '我司厂区门前道路破损严重，货车进出困难，请尽快协调修复。',
  });
  const material = await one(`select application_id, id from application_materials where id = ${b.material}`);
  let note = await notification(Number(b.id), `隔离检查 ${bCanary}`);
  const invitation = await call(bParty.headers.cookie!, 'POST', '/api/portal/members/invitations', {
    mobile: newMobile(),
    displayName: '隔离测试',
    enterpriseRole: 'agent',
  });
  pairs.push({
    name: 'enterprise A vs enterprise B',
    intruder: a,
    owner: bParty,
    routes: [
      [/ \/api\/appeals\/\{id\}/, 'appeal'],
      [/ \/api\/applications\/\{id\}/, 'application'],
      [/ \/api\/(enterprises\/\{id\}|enterprise-codes\/\{uscc\})/, 'enterprise'],
      [/ \/api\/notifications\/\{id\}/, 'notification'],
      [/ \/api\/portal\/members\/invitations\/\{id\}/, 'invitation'],
      [/ \/api\/portal\/members\/\{id\}/, 'member'],
      // The policy library is the same for every enterprise.
      [/ \/api\/(policies|policy-notices|portal\/policies)\//, 'shared'],
    ],
    records: {
      appeal: { id: bAppeal.id!, fileId: await upload(bParty.headers.cookie!, Number(bAppeal.id)) },
      application: { id: material.application_id!, fileId: material.id! },
      enterprise: { id: b.enterprise_id!, uscc: b.uscc! },
      notification: note.record,
      invitation: { id: invitation.id! },
      member: { id: b.member! },
    },
    canaries: [bCanary, String(b.uscc)],
    ownerList: '/api/appeals',
    untouched: note.untouched,
  });

  // Bureau X (the demo handler's) and bureau Y: another bureau with a handler and applications for its policies.
  const x = await party('handler');
  const y = await one(`
    select d.id, u.username,
      (select m.id from policy_applications pa join policies p on p.id = pa.policy_id join application_materials m on m.application_id = pa.id
        where p.department_id = d.id order by m.id limit 1) as material
    from departments d join users u on u.username = 'handler_' || lower(d.code)
    where d.id <> (select department_id from users where username = 'handler')
      and exists (select 1 from policy_applications pa join policies p on p.id = pa.policy_id join application_materials m on m.application_id = pa.id where p.department_id = d.id)
    order by d.id limit 1`);
  const yParty = await party(String(y.username));
  const yCanary = canary();
  const yAppeal = await appealFor(Number(aEnterprise), yCanary, Number(y.id));
  await call(await t.login('coordinator'), 'POST', `/api/appeals/${yAppeal.id}/supervise`, {
    content: '请加快办理并按期答复',
    workingDays: 2,
  });
  const order = await one(`select id from supervision_orders where appeal_id = ${yAppeal.id}`);
  const yMaterial = await one(`select application_id, id from application_materials where id = ${y.material}`);
  note = await notification(yParty.userId!, `隔离检查 ${yCanary}`);
  const visit = await one(`select id from liaison_visits where status = 'planned' and user_id <> ${x.userId} order by id limit 1`);
  // A reply template bureau Y keeps (答复模板): bureau X neither lists nor edits it.
  const yItem = await one(`select id from service_items where active order by id limit 1`);
  const yTemplate = await call(yParty.headers.cookie!, 'POST', '/api/reply-templates', {
    serviceItemId: yItem.id,
    title: `模板 ${yCanary}`,
    body: `答复 ${yCanary}`,
  });
  pairs.push({
    name: 'handler of bureau X vs bureau Y',
    intruder: x,
    owner: yParty,
    routes: [
      [/ \/api\/appeals\/\{id\}/, 'appeal'],
      [/ \/api\/applications\/\{id\}/, 'application'],
      [/ \/api\/supervision-orders\/\{id\}/, 'supervision'],
      [/ \/api\/liaisons\/visits\/\{id\}/, 'visit'],
      [/ \/api\/notifications\/\{id\}/, 'notification'],
      [/ \/api\/reply-templates\/\{id\}/, 'replyTemplate'],
      [/ \/api\/liaisons\/assessment\/cadres\/\{userId\}/, 'assessment'],
      ...SHARED_STAFF,
    ],
    noOwnerControl: ['assessment'],
    records: {
      assessment: { userId: yParty.userId! },
      appeal: yAppeal,
      replyTemplate: { id: yTemplate.id! },
      application: { id: yMaterial.application_id!, fileId: yMaterial.id! },
      supervision: { id: order.id! },
      visit: { id: visit.id! },
      notification: note.record,
    },
    canaries: [yCanary],
    ownerList: '/api/appeals',
    untouched: note.untouched,
  });

  // The demo cadre and another cadre: an enterprise in the other's liaison scope only, a warning and a planned visit of theirs.
  const c = await party('cadre');
  const other = await one(`
    select u.username, u.id,
      (select l.enterprise_id from liaisons l where l.user_id = u.id and l.ended_at is null
        and not exists (select 1 from liaisons k where k.enterprise_id = l.enterprise_id and k.user_id = ${c.userId} and k.ended_at is null)
        order by l.enterprise_id limit 1) as enterprise,
      (select w.id from enterprise_warnings w where w.assigned_user_id = u.id order by w.id limit 1) as warning,
      (select v.id from liaison_visits v where v.user_id = u.id and v.status = 'planned' order by v.id limit 1) as visit
    from users u
    where u.role = 'cadre' and u.id <> ${c.userId}
      and exists (select 1 from enterprise_warnings w where w.assigned_user_id = u.id)
      and exists (select 1 from liaison_visits v where v.user_id = u.id and v.status = 'planned')
    order by u.id limit 1`);
  const oParty = await party(String(other.username));
  const cCanary = canary();
  note = await notification(oParty.userId!, `隔离检查 ${cCanary}`);
  pairs.push({
    name: 'cadre vs another cadre',
    intruder: c,
    owner: oParty,
    routes: [
      [/ \/api\/appeals\/\{id\}/, 'appeal'],
      [/ \/api\/warnings\/\{id\}/, 'warning'],
      [/ \/api\/liaisons\/visits\/\{id\}/, 'visit'],
      [/ \/api\/notifications\/\{id\}/, 'notification'],
      // Any enterprise's liaison and visits are open to the office and every cadre (liaison routes: GET /api/liaisons/enterprises/:id).
      [/ \/api\/liaisons\/enterprises\/\{id\}/, 'shared'],
      // A cadre opens their own score's breakdown; the office and leaders anyone's.
      [/ \/api\/liaisons\/assessment\/cadres\/\{userId\}/, 'assessment'],
      ...SHARED_STAFF,
    ],
    records: {
      assessment: { userId: oParty.userId! },
      appeal: await appealFor(Number(other.enterprise), cCanary),
      warning: { id: other.warning! },
      visit: { id: other.visit! },
      notification: note.record,
    },
    canaries: [cCanary],
    ownerList: '/api/appeals',
    untouched: note.untouched,
  });

  // API clients A and B, each with every scope: B's appeal (by its external reference), subscription and delivery.
  const admin = await t.login('admin');
  const client = async (name: string) => {
    const r = (await call(admin, 'POST', '/api/admin/api-clients', {
      name,
      description: '',
      scopes: SCOPES,
      ratePerMinute: 1000,
    })) as unknown as { key: string };
    return { name, headers: { authorization: `Bearer ${r.key}` }, scopes: SCOPES };
  };
  const [ka, kb] = [await client('隔离 A'), await client('隔离 B')];
  const kCanary = canary();
  const asKey = async (party: Party, url: string, payload: object) => {
    const res = await t.app.inject({ method: 'POST', url, headers: party.headers, payload });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json() as Row;
  };
  const sub = (await asKey(kb, '/api/open/webhooks', { url: `http://127.0.0.1:18080/${kCanary}`, events: ['appeal.accepted'] }))
    .subscription as unknown as Row;
  const uscc = (await one(`select uscc from enterprises where id = ${aEnterprise}`)).uscc;
  const filed = await asKey(kb, '/api/open/appeals', {
    title: `隔离检查 ${kCanary}`,
    description: '热线转来：企业反映厂区门前道路破损，请协调修复。',
    enterpriseUscc: uscc,
    externalRef: `REF-${kCanary}`,
  });
  const item = await one(`select id from service_items order by id limit 1`);
  await call(specialist, 'POST', `/api/appeals/${filed.id}/accept`, { serviceItemId: item.id, grade: 'normal' });
  const delivery = await one(`select id from webhook_deliveries where subscription_id = ${sub.id}`);
  pairs.push({
    name: 'API client A vs API client B',
    intruder: ka,
    owner: kb,
    routes: [
      [/ \/api\/open\/appeals\/by-ref\/\{externalRef\}/, 'appeal'],
      [/ \/api\/open\/webhooks\/\{id\}/, 'subscription'],
      [/ \/api\/open\/webhook-deliveries\/\{id\}/, 'delivery'],
    ],
    records: {
      appeal: { externalRef: `REF-${kCanary}`, number: filed.number! },
      subscription: { id: sub.id! },
      delivery: { id: delivery.id! },
    },
    canaries: [kCanary],
    ownerList: '/api/open/webhooks',
  });
  return pairs;
}
