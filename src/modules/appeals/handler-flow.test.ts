import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, PDF } from '../../../tests/support/accounts.ts';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

// The lighter handler flow: 签收并办理 in one step, a reply with files, the department's reply templates.
let t: TestApp;
let scjItem: number;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  for (const u of ['enterprise', 'specialist', 'coordinator', 'handler', 'handler_fgj', 'admin']) cookies[u] = await t.login(u);
  const own = (await db.selectFrom('users').select('enterprise_id').where('username', '=', 'enterprise').executeTakeFirstOrThrow())
    .enterprise_id!;
  const other = await db
    .selectFrom('users')
    .select('username')
    .where('role', '=', 'enterprise')
    .where('active', '=', true)
    .where('enterprise_id', '!=', own)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  cookies.otherEnterprise = await t.login(other.username);
  const handlerDept = (await db.selectFrom('users').select('department_id').where('username', '=', 'handler').executeTakeFirstOrThrow())
    .department_id!;
  scjItem = (
    await db
      .selectFrom('service_items')
      .select('id')
      .where('department_id', '=', handlerDept)
      .where('active', '=', true)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

const send = (user: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: cookies[user]! }, ...(payload ? { payload } : {}) });
async function ok(user: string, url: string, payload: object = {}) {
  const res = await send(user, 'POST', url, payload);
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}
const detail = async (user: string, id: number) => (await send(user, 'GET', `/api/appeals/${id}`)).json().appeal;

/** Filed by the demo enterprise, accepted and dispatched to the demo handler's department. */
async function dispatched(title: string): Promise<number> {
  const { id } = await ok('enterprise', '/api/appeals', {
    title,
    description: '厂区门前道路破损严重，货车进出困难，请协调相关部门尽快修复。',
  });
  await ok('specialist', `/api/appeals/${id}/accept`, { serviceItemId: scjItem, grade: 'normal' });
  await ok('specialist', `/api/appeals/${id}/dispatch`, {});
  return id;
}

async function upload(user: string, appealId: number, name: string) {
  const form = multipart({}, { field: 'file', name, data: PDF });
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/appeals/${appealId}/attachments`,
    headers: { cookie: cookies[user]!, ...form.headers },
    payload: form.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().items[0].id as number;
}

describe('签收并办理', () => {
  it('claims and starts in one call: one timeline step and one audit row that explain the state', async () => {
    const id = await dispatched('签收并办理一步到位');
    expect((await detail('handler', id)).actions).toEqual(expect.arrayContaining(['claim', 'claim_and_start']));
    expect((await send('handler_fgj', 'POST', `/api/appeals/${id}/claim-and-start`, {})).statusCode).toBe(403);
    expect(await ok('handler', `/api/appeals/${id}/claim-and-start`, { note: '马上办理' })).toEqual({ state: 'in_progress' });
    // Twice is refused: it is no longer waiting to be claimed.
    expect((await send('handler', 'POST', `/api/appeals/${id}/claim-and-start`, {})).statusCode).toBe(409);

    const a = await detail('handler', id);
    expect(a.state).toBe('in_progress');
    expect(a.actions).toContain('reply');
    const steps = (a.timeline as { action: string; fromState: string | null; toState: string }[]).map((e) => [
      e.action,
      e.fromState,
      e.toState,
    ]);
    expect(steps.slice(-1)).toEqual([['claim_and_start', 'dispatched', 'in_progress']]);
    // The timeline replays to the state: each step starts where the one before ended.
    for (let i = 1; i < steps.length; i++) expect(steps[i]![1]).toBe(steps[i - 1]![2]);
    const db = t.database.db;
    const row = await db.selectFrom('appeals').select(['handler_user_id', 'claimed_at']).where('id', '=', id).executeTakeFirstOrThrow();
    const handler = await db.selectFrom('users').select('id').where('username', '=', 'handler').executeTakeFirstOrThrow();
    expect(row.handler_user_id).toBe(handler.id);
    expect(row.claimed_at).not.toBeNull();
    const audits = await db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity_type', '=', 'appeal')
      .where('entity_id', '=', String(id))
      .where('action', 'like', 'appeal.claim%')
      .execute();
    expect(audits).toMatchObject([{ action: 'appeal.claim_and_start', before: { state: 'dispatched' }, after: { state: 'in_progress' } }]);
  });
});

describe('a reply with attachments', () => {
  it('sends the files with the reply: the enterprise downloads them, another enterprise cannot', async () => {
    const id = await dispatched('答复附带附件');
    await ok('handler', `/api/appeals/${id}/claim-and-start`);
    const fileId = await upload('handler', id, '办理结果.pdf');
    // Not sent yet: the enterprise neither sees nor downloads the handler's draft.
    expect((await detail('enterprise', id)).attachments).toEqual([]);
    expect((await send('enterprise', 'GET', `/api/appeals/${id}/attachments/${fileId}`)).statusCode).toBe(404);
    // Only this appeal's unsent files can go with its reply.
    const elsewhere = await dispatched('另一件诉求');
    const foreign = await upload('specialist', elsewhere, '别处.pdf');
    const bad = await send('handler', 'POST', `/api/appeals/${id}/reply`, { reply: '已办理。', attachmentIds: [foreign] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('attachmentIds');

    await ok('handler', `/api/appeals/${id}/reply`, { reply: '已协调修复，办理结果见附件。', attachmentIds: [fileId] });
    const seen = await detail('enterprise', id);
    const reply = (seen.timeline as { id: number; action: string; data: unknown }[]).find((e) => e.action === 'reply')!;
    expect(reply.data).toEqual({ attachments: [{ id: fileId, fileName: '办理结果.pdf', mime: 'application/pdf', size: PDF.length }] });
    expect(seen.attachments).toEqual([
      { id: fileId, fileName: '办理结果.pdf', mime: 'application/pdf', size: PDF.length, eventId: reply.id },
    ]);
    const down = await send('enterprise', 'GET', `/api/appeals/${id}/attachments/${fileId}`);
    expect(down.statusCode).toBe(200);
    expect(Buffer.compare(down.rawPayload, PDF)).toBe(0);
    expect((await send('handler', 'GET', `/api/appeals/${id}/attachments/${fileId}`)).statusCode).toBe(200);
    expect((await send('coordinator', 'GET', `/api/appeals/${id}/attachments/${fileId}`)).statusCode).toBe(200);
    expect((await send('otherEnterprise', 'GET', `/api/appeals/${id}/attachments/${fileId}`)).statusCode).toBe(403);
    expect((await send('otherEnterprise', 'GET', `/api/appeals/${id}`)).statusCode).toBe(403);
  });
});

describe('reply templates (答复模板)', () => {
  it("are kept by the department's handlers per service item, read by the office, refused to other departments", async () => {
    const created = await send('handler', 'POST', '/api/reply-templates', {
      serviceItemId: scjItem,
      title: '常规答复',
      body: '您好，经核查……',
    });
    expect(created.statusCode, created.body).toBe(201);
    const tpl = created.json();
    expect(tpl).toMatchObject({ title: '常规答复', serviceItem: { id: scjItem } });
    const dup = await send('handler', 'POST', '/api/reply-templates', { serviceItemId: scjItem, title: '常规答复', body: '另一段' });
    expect(dup.statusCode).toBe(409);

    const mine = (await send('handler', 'GET', `/api/reply-templates?serviceItemId=${scjItem}`)).json().items;
    expect(mine.map((x: { id: number }) => x.id)).toEqual([tpl.id]);
    const edited = await send('handler', 'PUT', `/api/reply-templates/${tpl.id}`, {
      serviceItemId: scjItem,
      title: '常规答复',
      body: '您好，已办理。',
    });
    expect(edited.json().body).toBe('您好，已办理。');

    // Another department's handler neither lists nor changes it.
    expect((await send('handler_fgj', 'GET', '/api/reply-templates')).json().items).toEqual([]);
    expect(
      (await send('handler_fgj', 'PUT', `/api/reply-templates/${tpl.id}`, { serviceItemId: scjItem, title: 'x', body: 'y' })).statusCode,
    ).toBe(403);
    expect((await send('handler_fgj', 'DELETE', `/api/reply-templates/${tpl.id}`)).statusCode).toBe(403);
    // The office and administrators read; enterprises and the office cannot write.
    const byOffice = (await send('coordinator', 'GET', `/api/reply-templates?departmentId=${tpl.department.id}`)).json().items;
    expect(byOffice.map((x: { id: number }) => x.id)).toEqual([tpl.id]);
    expect((await send('admin', 'GET', '/api/reply-templates')).statusCode).toBe(200);
    expect((await send('enterprise', 'GET', '/api/reply-templates')).statusCode).toBe(403);
    expect((await send('coordinator', 'POST', '/api/reply-templates', { serviceItemId: scjItem, title: 'x', body: 'y' })).statusCode).toBe(
      403,
    );

    expect((await send('handler', 'DELETE', `/api/reply-templates/${tpl.id}`)).statusCode).toBe(204);
    expect((await send('handler', 'GET', '/api/reply-templates')).json().items).toEqual([]);
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'reply_template')
      .where('entity_id', '=', String(tpl.id))
      .orderBy('id')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['reply_template.create', 'reply_template.update', 'reply_template.delete']);
  });
});
