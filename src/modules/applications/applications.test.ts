import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { loadProfile } from '../matching/index.ts';
import { timeline } from '../enterprise-file/timeline.ts';
import { createEnterpriseUser, createNotice, createPolicy, multipart, PDF } from './test-fixtures.ts';

describe('policy applications (申报, 秒批, review, disbursement)', () => {
  let t: TestApp;
  let ent: string;
  let officer: string;
  let enterpriseId: number;
  let scale: string;
  let employees: number;
  let section: string;

  beforeAll(async () => {
    t = await createTestApp();
    ent = await t.login('enterprise');
    officer = await t.login('policy');
    const user = await t.database.db
      .selectFrom('users')
      .select('enterprise_id')
      .where('username', '=', 'enterprise')
      .executeTakeFirstOrThrow();
    enterpriseId = user.enterprise_id!;
    const profile = (await loadProfile(t.database.db, enterpriseId))!;
    scale = profile.scale as string;
    employees = profile.employees as number;
    section = (profile.industry as string).slice(0, 1);
    expect(typeof employees).toBe('number');
  });
  afterAll(() => t.close());

  /** A rule the demo enterprise meets by held data alone (industry section and scale are always held). */
  const eligibleRule = () => ({
    all: [
      { id: 'c1', field: 'industry' as const, op: 'in', value: [section], clause: '属于本行业的企业' },
      { id: 'c2', field: 'scale' as const, op: 'in', value: [scale], clause: '规模符合' },
    ],
  });

  const apply = (body: unknown, files = [{ field: 'materials.0', name: '申请表.pdf', data: PDF }]) => {
    const m = multipart(body, files);
    return t.app.inject({ method: 'POST', url: '/api/applications', headers: { cookie: ent, ...m.headers }, payload: m.payload });
  };
  const post = (cookie: string, url: string, payload: unknown = {}) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
  const get = (cookie: string, url: string) => t.app.inject({ url, headers: { cookie } });

  it('pre-fills the form from the file and approves instantly (秒批) with the explanation', async () => {
    const policyId = await createPolicy(t.database.db, { rule: eligibleRule(), maxAmount: 30 });
    const noticeId = await createNotice(t.database.db, policyId);
    const pre = await get(ent, `/api/applications/prefill?noticeId=${noticeId}`);
    expect(pre.statusCode).toBe(200);
    const form = pre.json();
    expect(form.fields.map((f: { field: string; held: unknown }) => [f.field, f.held])).toEqual([
      ['scale', scale],
      ['employees', employees],
    ]);
    expect(form.materials).toEqual([
      { index: 0, name: '申请表', required: true },
      { index: 1, name: '其他证明', required: false },
    ]);
    expect(form.explanation.eligibility).toBe('eligible');
    expect(form.notice.open).toBe(true);

    const res = await apply({
      noticeId,
      declared: { scale, employees },
      contactName: '张经理',
      contactPhone: '13912345678',
      requestedAmount: 40,
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ state: 'approved', instant: true, flag: null, differences: [] });
    expect(r.number).toMatch(/^SB-\d{4}-\d{6}$/);
    expect(r.explanation.conditions.map((c: { id: string; outcome: string }) => [c.id, c.outcome])).toEqual([
      ['c1', 'pass'],
      ['c2', 'pass'],
    ]);

    const d = (await get(ent, `/api/applications/${r.id}`)).json();
    expect(d.approvedAmount).toBe(30); // capped at the policy's maximum
    expect(d.events.map((e: { action: string }) => e.action)).toEqual(['submit', 'instant_approve']);
    expect(d.materials).toHaveLength(1);
    expect(d.materials[0]).toMatchObject({ material: '申请表', mime: 'application/pdf' });
    const note = await t.database.db
      .selectFrom('notifications')
      .select(['title', 'policy_id'])
      .where('policy_id', '=', policyId)
      .executeTakeFirstOrThrow();
    expect(note.title).toContain('秒批');
    const sms = await t.database.db.selectFrom('outbox').select('body').where('recipient', '=', '13912345678').execute();
    expect(sms.some((s) => s.body.includes('秒批'))).toBe(true);

    // One application per notice and enterprise.
    const again = await apply({ noticeId, declared: {}, contactName: '张经理', contactPhone: '13912345678' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
  });

  it('refuses a closed or not yet open window, a draft notice and missing required materials', async () => {
    const policyId = await createPolicy(t.database.db, { rule: eligibleRule() });
    const day = 86_400_000;
    const closed = await createNotice(t.database.db, policyId, {
      opensAt: new Date(Date.now() - 30 * day),
      closesAt: new Date(Date.now() - day),
    });
    const later = await createNotice(t.database.db, policyId, {
      opensAt: new Date(Date.now() + day),
      closesAt: new Date(Date.now() + 30 * day),
    });
    const draft = await createNotice(t.database.db, policyId, { status: 'draft' });
    const open = await createNotice(t.database.db, policyId);
    const body = (noticeId: number) => ({ noticeId, declared: {}, contactName: '张经理', contactPhone: '13912345678' });
    const c = await apply(body(closed));
    expect(c.statusCode).toBe(409);
    expect(c.json().error.message).toContain('截止');
    const l = await apply(body(later));
    expect(l.statusCode).toBe(409);
    expect(l.json().error.message).toContain('尚未开始');
    expect((await apply(body(draft))).statusCode).toBe(404);
    const missing = await apply(body(open), []);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields[0].field).toBe('materials.0');
    const exe = await apply(body(open), [{ field: 'materials.0', name: '申请表.pdf', data: Buffer.from('MZ\x90\x00binary', 'latin1') }]);
    expect(exe.statusCode).toBe(415);
    const badValue = await apply({ ...body(open), declared: { employees: 'many' } });
    expect(badValue.statusCode).toBe(400);
    const badPhone = await apply({ ...body(open), contactPhone: '123' });
    expect(badPhone.statusCode).toBe(400);
    expect(JSON.stringify(badPhone.json().error.details)).toContain('contactPhone');
  });

  it('sends differing declared values to manual review, through two levels, agreement and disbursement', async () => {
    const policyId = await createPolicy(t.database.db, { rule: eligibleRule(), maxAmount: 100 });
    const noticeId = await createNotice(t.database.db, policyId, { reviewLevels: 2 });
    const res = await apply({
      noticeId,
      declared: { scale, employees: employees + 5 },
      contactName: '张经理',
      contactPhone: '13912345678',
      requestedAmount: 60,
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ state: 'submitted', instant: false, flag: 'differences' });
    expect(r.differences).toEqual([
      { field: 'employees', label: '从业人数（最近一期）', labelEn: 'Employees (latest month)', declared: employees + 5, held: employees },
    ]);

    const list = (await get(officer, '/api/applications?flag=differences')).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(r.id);
    expect(list.items.find((i: { id: number }) => i.id === r.id).contactPhone).toBe('139****5678');
    const d = (await get(officer, `/api/applications/${r.id}`)).json();
    expect(d.fields.find((f: { field: string }) => f.field === 'employees')).toMatchObject({
      declared: employees + 5,
      held: employees,
      differs: true,
    });
    expect(d.explanation.eligibility).toBe('eligible');
    expect(d.actions).toEqual(['accept', 'refuse', 'return']);

    const url = (a: string) => `/api/applications/${r.id}/${a}`;
    expect((await post(officer, url('accept'))).json()).toEqual({ state: 'accepted', reviewLevel: 0 });
    const early = await post(officer, url('approve'));
    expect(early.statusCode).toBe(409);
    expect((await post(officer, url('pass'), { comment: '一级审核通过' })).json()).toEqual({ state: 'in_review', reviewLevel: 1 });
    expect((await get(officer, '/api/applications?level=2')).json().items.map((i: { id: number }) => i.id)).toContain(r.id);
    expect((await post(officer, url('pass'))).statusCode).toBe(409);
    const approve = await post(officer, url('approve'), { approvedAmount: 55 });
    expect(approve.json()).toEqual({ state: 'approved', reviewLevel: 2 });
    expect((await post(officer, url('disburse'), { amount: 55, paidOn: '2026-11-20', paymentBatch: 'PB-1' })).statusCode).toBe(409);
    expect((await post(officer, url('sign-agreement'), { signedOn: '2026-11-18' })).json().state).toBe('agreement_signed');
    const tooMuch = await post(officer, url('disburse'), { amount: 80, paidOn: '2026-11-20', paymentBatch: 'PB-1' });
    expect(tooMuch.statusCode).toBe(400);
    expect((await post(officer, url('disburse'), { amount: 55, paidOn: '2026-11-20', paymentBatch: 'PB-1' })).json().state).toBe(
      'disbursed',
    );

    const benefit = await t.database.db.selectFrom('benefits').selectAll().where('application_id', '=', r.id).executeTakeFirstOrThrow();
    expect(benefit).toMatchObject({
      enterprise_id: enterpriseId,
      policy_id: policyId,
      amount: 55,
      paid_on: '2026-11-20',
      payment_batch: 'PB-1',
    });
    const mine = (await get(ent, `/api/applications/${r.id}`)).json();
    expect(mine.state).toBe('disbursed');
    expect(mine.benefits).toEqual([{ id: benefit.id, amount: 55, paidOn: '2026-11-20', paymentBatch: 'PB-1' }]);
    expect(mine.events.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'accept',
      'pass',
      'approve',
      'sign_agreement',
      'disburse',
    ]);
    expect(mine.events.find((e: { action: string }) => e.action === 'accept').actorName).toBe('审核人员');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'policy_application')
      .where('entity_id', '=', String(r.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'application.submit',
      'application.accept',
      'application.pass',
      'application.approve',
      'application.sign_agreement',
      'application.disburse',
    ]);

    const history = await timeline(t.database.db, enterpriseId);
    expect(history.items.some((i) => i.kind === 'application' && i.id === String(r.id))).toBe(true);
    expect(history.items.some((i) => i.kind === 'benefit' && i.id === String(benefit.id))).toBe(true);
  });

  it('flags an application ineligible by held data for review instead of refusing it, and the reviewer refuses with a reason', async () => {
    const other = scale === 'micro' ? 'large' : 'micro';
    const policyId = await createPolicy(t.database.db, {
      rule: { all: [{ id: 's', field: 'scale', op: 'in', value: [other], clause: '限定规模' }] },
    });
    const noticeId = await createNotice(t.database.db, policyId);
    const r = (await apply({ noticeId, declared: {}, contactName: '张经理', contactPhone: '13912345678' })).json();
    expect(r).toMatchObject({ state: 'submitted', instant: false, flag: 'ineligible' });
    expect(r.explanation.conditions[0]).toMatchObject({ id: 's', outcome: 'fail', held: scale });
    const refuse = await post(officer, `/api/applications/${r.id}/refuse`, { reason: '企业规模不符合政策要求' });
    expect(refuse.json().state).toBe('refused');
    const d = (await get(ent, `/api/applications/${r.id}`)).json();
    expect(d.decisionReason).toBe('企业规模不符合政策要求');
    expect((await post(officer, `/api/applications/${r.id}/refuse`, { reason: 'x' })).statusCode).toBe(409);
    expect((await post(officer, `/api/applications/${r.id}/refuse`, {})).statusCode).toBe(400);
  });

  it('returns an application for more materials; the enterprise supplements and resubmits', async () => {
    const policyId = await createPolicy(t.database.db, {}); // no rule: always manual review
    const noticeId = await createNotice(t.database.db, policyId);
    const r = (await apply({ noticeId, declared: {}, contactName: '张经理', contactPhone: '13912345678' })).json();
    expect(r).toMatchObject({ state: 'submitted', flag: 'no_rule', explanation: null });
    expect(
      (await post(officer, `/api/applications/${r.id}/return`, { reason: '请补充其他证明', materials: ['其他证明'] })).json().state,
    ).toBe('returned');
    const m = multipart({}, [{ field: 'materials.1', name: '证明.pdf', data: PDF }]);
    const add = await t.app.inject({
      method: 'POST',
      url: `/api/applications/${r.id}/materials`,
      headers: { cookie: ent, ...m.headers },
      payload: m.payload,
    });
    expect(add.statusCode, add.body).toBe(201);
    expect((await post(ent, `/api/applications/${r.id}/resubmit`)).json()).toEqual({ state: 'submitted', reviewLevel: 0 });
    const d = (await get(ent, `/api/applications/${r.id}`)).json();
    expect(d.materialSlots).toEqual([
      { index: 0, name: '申请表', required: true, files: 1 },
      { index: 1, name: '其他证明', required: false, files: 1 },
    ]);
    const file = await get(ent, `/api/applications/${r.id}/materials/${d.materials[1].id}`);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect((await post(ent, `/api/applications/${r.id}/withdraw`, { reason: '不再申报' })).json().state).toBe('withdrawn');
    // Withdrawn, the enterprise may apply again to the same notice.
    expect((await apply({ noticeId, declared: {}, contactName: '张经理', contactPhone: '13912345678' })).statusCode).toBe(201);
  });

  it('keeps an application to its enterprise and its reviewers', async () => {
    const policyId = await createPolicy(t.database.db, { rule: eligibleRule() });
    const noticeId = await createNotice(t.database.db, policyId);
    const r = (
      await apply({ noticeId, declared: { employees: employees + 1 }, contactName: '张经理', contactPhone: '13912345678' })
    ).json();
    const otherEnterprise = await t.database.db
      .selectFrom('enterprises')
      .select('id')
      .where('id', '<>', enterpriseId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await createEnterpriseUser(t.database.db, 'other_enterprise', otherEnterprise.id);
    const other = await t.login('other_enterprise');
    expect((await get(other, `/api/applications/${r.id}`)).statusCode).toBe(404);
    expect((await get(other, '/api/applications')).json().total).toBe(0);
    expect((await post(other, `/api/applications/${r.id}/withdraw`)).statusCode).toBe(404);
    // A handler of another department sees nothing; the enterprise cannot review; a leader reads only.
    const handler = await t.login('handler');
    expect((await get(handler, `/api/applications/${r.id}`)).statusCode).toBe(404);
    expect((await post(handler, `/api/applications/${r.id}/accept`)).statusCode).toBe(404);
    expect((await post(ent, `/api/applications/${r.id}/accept`)).statusCode).toBe(403);
    const leader = await t.login('leader');
    expect((await get(leader, `/api/applications/${r.id}`)).statusCode).toBe(200);
    expect((await post(leader, `/api/applications/${r.id}/accept`)).statusCode).toBe(403);
    expect((await get(leader, `/api/applications/prefill?noticeId=${noticeId}`)).statusCode).toBe(403);
  });
});
