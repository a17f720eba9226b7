import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { shanghaiDate } from '../calendar/working-days.ts';

let t: TestApp;
let enterpriseId: number;
let scjItem: number;
let apiKey: string;
let uscc: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['enterprise', 'specialist', 'coordinator', 'admin']) cookies[u] = await t.login(u);
  const db = t.database.db;
  enterpriseId = (await db.selectFrom('users').select('enterprise_id').where('username', '=', 'enterprise').executeTakeFirstOrThrow())
    .enterprise_id!;
  uscc = (await db.selectFrom('enterprises').select('uscc').where('id', '=', enterpriseId).executeTakeFirstOrThrow()).uscc;
  const scj = (await db.selectFrom('departments').select('id').where('code', '=', 'SCJ').executeTakeFirstOrThrow()).id;
  scjItem = (
    await db
      .selectFrom('service_items')
      .select('id')
      .where('department_id', '=', scj)
      .where('active', '=', true)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/admin/api-clients',
    headers: { cookie: cookies.admin! },
    payload: { name: '12345 热线', channel: 'hotline_12345', scopes: ['appeals:write', 'appeals:read'] },
  });
  apiKey = res.json<{ key: string }>().key;
});
afterAll(() => t.close());

async function ok(user: string, url: string, payload: object = {}) {
  const res = await t.app.inject({ method: 'POST', url, headers: { cookie: cookies[user]! }, payload });
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}
const get = (user: string, url: string) => t.app.inject({ url, headers: { cookie: cookies[user]! } });
const typeOf = async (id: number) =>
  (await t.database.db.selectFrom('appeals').select('appeal_type').where('id', '=', id).executeTakeFirstOrThrow()).appeal_type;
const text = { title: '企业开办流程咨询', description: '想了解新设分公司需要准备哪些材料、多久能办好。' };

describe('appeal types (咨询 / 求助 / 投诉 / 建议)', () => {
  it('are chosen at intake by staff and enterprises, default to 求助, and are refused when unknown', async () => {
    const staff = await ok('specialist', '/api/appeals', { ...text, enterpriseId, channel: 'hall', appealType: 'complaint' });
    expect(await typeOf(staff.id)).toBe('complaint');
    const own = await ok('enterprise', '/api/appeals', { ...text, appealType: 'suggestion' });
    expect(await typeOf(own.id)).toBe('suggestion');
    const none = await ok('enterprise', '/api/appeals', text);
    expect(await typeOf(none.id)).toBe('help');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/appeals',
      headers: { cookie: cookies.enterprise! },
      payload: { ...text, appealType: 'praise' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('appealType');
  });

  it('are shown in the list (with a filter) and the detail, and may be corrected at acceptance', async () => {
    const { id } = await ok('specialist', '/api/appeals', {
      ...text,
      title: '消防验收投诉',
      enterpriseId,
      channel: 'phone',
      appealType: 'complaint',
    });
    const list = (await get('coordinator', '/api/appeals?appealType=complaint&pageSize=200')).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i: { appealType: string }) => i.appealType === 'complaint')).toBe(true);
    expect(list.items.map((i: { id: number }) => i.id)).toContain(id);
    expect(
      (await get('coordinator', '/api/appeals?appealType=suggestion&pageSize=200')).json().items.map((i: { id: number }) => i.id),
    ).not.toContain(id);
    expect((await get('coordinator', '/api/appeals?appealType=other')).statusCode).toBe(400);
    expect((await get('specialist', `/api/appeals/${id}`)).json().appeal.appealType).toBe('complaint');
    await ok('specialist', `/api/appeals/${id}/accept`, { serviceItemId: scjItem, appealType: 'help' });
    expect(await typeOf(id)).toBe('help');
  });

  it('come through the open API and Open311 (attribute appeal_type, key or Chinese name)', async () => {
    const auth = { authorization: `Bearer ${apiKey}` };
    const open = await t.app.inject({
      method: 'POST',
      url: '/api/open/appeals',
      headers: auth,
      payload: { ...text, enterpriseUscc: uscc, externalRef: 'GD-1', appealType: 'consultation' },
    });
    expect(open.statusCode, open.body).toBe(201);
    expect(await typeOf(open.json().id)).toBe('consultation');
    const status = await t.app.inject({ url: '/api/open/appeals/by-ref/GD-1', headers: auth });
    expect(status.json()).toMatchObject({ appealType: 'consultation', rating: null, ratingSource: null });

    const code = (await t.database.db.selectFrom('service_items').select('code').where('id', '=', scjItem).executeTakeFirstOrThrow()).code;
    const def = (await t.app.inject({ url: `/open311/v2/services/${code}.json` })).json() as {
      attributes: { code: string; datatype: string; required: boolean; values?: { key: string; name: string }[] }[];
    };
    expect(def.attributes.find((a) => a.code === 'appeal_type')).toMatchObject({
      datatype: 'singlevaluelist',
      required: false,
      values: [
        { key: 'consultation', name: '咨询' },
        { key: 'help', name: '求助' },
        { key: 'complaint', name: '投诉' },
        { key: 'suggestion', name: '建议' },
      ],
    });
    const xml = await (await t.app.inject({ url: `/open311/v2/services/${code}.xml` })).body;
    expect(xml).toContain('<value><key>complaint</key><name>投诉</name></value>');
    const form = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          api_key: apiKey,
          service_code: code,
          description: '热线来电反映营业执照办理进度问题。',
          'attribute[uscc]': uscc,
          ...fields,
        }).toString(),
      });
    const numberOf = async (res: Awaited<ReturnType<typeof form>>) => {
      expect(res.statusCode, res.body).toBe(201);
      const n = res.json()[0].service_request_id as string;
      return (await t.database.db.selectFrom('appeals').select('appeal_type').where('number', '=', n).executeTakeFirstOrThrow())
        .appeal_type;
    };
    expect(await numberOf(await form({ 'attribute[appeal_type]': '投诉' }))).toBe('complaint');
    expect(await numberOf(await form({ 'attribute[appeal_type]': 'suggestion' }))).toBe('suggestion');
    expect(await numberOf(await form({}))).toBe('help');
    const bad = await form({ 'attribute[appeal_type]': '表扬' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()[0]).toMatchObject({ code: 400, description: expect.stringContaining('appeal_type') });
  });
});

describe('a consultation answered on the spot', () => {
  async function consultation(): Promise<number> {
    const { id } = await ok('specialist', '/api/appeals', {
      ...text,
      enterpriseId,
      channel: 'hall',
      appealType: 'consultation',
      contactPhone: '13700137000',
    });
    await ok('specialist', `/api/appeals/${id}/accept`, { serviceItemId: scjItem });
    expect(await ok('specialist', `/api/appeals/${id}/resolve-on-spot`, { reply: '已当场说明所需材料。' })).toEqual({ state: 'closed' });
    return id;
  }
  const queue = async () =>
    (await get('specialist', '/api/appeals/follow-ups?appealType=consultation&pageSize=200')).json().items as {
      id: number;
      closedOnSpot: boolean;
      state: string;
    }[];

  it('is closed at its reply and waits in the follow-up queue; the enterprise may still rate it', async () => {
    const id = await consultation();
    const a = (await get('enterprise', `/api/appeals/${id}`)).json().appeal;
    expect(a).toMatchObject({ state: 'closed', onSpot: true, rating: null, actions: ['rate', 'reopen'] });
    expect(a.closedAt).toBe(a.repliedAt);
    expect((await queue()).find((i) => i.id === id)).toMatchObject({ state: 'closed', closedOnSpot: true });
    expect(await ok('enterprise', `/api/appeals/${id}/rate`, { rating: 5 })).toEqual({ state: 'closed' });
    const rated = (await get('enterprise', `/api/appeals/${id}`)).json().appeal;
    expect(rated).toMatchObject({ rating: 5, ratingSource: 'self', closedAt: a.closedAt });
    expect(rated.actions).not.toContain('rate');
    expect((await queue()).map((i) => i.id)).not.toContain(id);
  });

  it('is followed up like any reply: satisfied keeps it closed, unsatisfied sends it back to the front desk', async () => {
    const satisfied = await consultation();
    expect(await ok('specialist', `/api/appeals/${satisfied}/follow-up`, { outcome: 'rated', rating: 4 })).toEqual({ state: 'closed' });
    expect((await get('specialist', `/api/appeals/${satisfied}`)).json().appeal).toMatchObject({ rating: 4, ratingSource: 'follow_up' });
    const unsatisfied = await consultation();
    expect(
      await ok('coordinator', `/api/appeals/${unsatisfied}/follow-up`, { outcome: 'rated', rating: 1, comment: '没有说清楚' }),
    ).toEqual({ state: 'accepted' });
    expect((await get('specialist', `/api/appeals/${unsatisfied}`)).json().appeal).toMatchObject({
      state: 'accepted',
      onSpot: false,
      closedAt: null,
      repliedAt: null,
    });
    // Not reached: it stays in the queue until the last allowed call.
    const unreachable = await consultation();
    expect(await ok('specialist', `/api/appeals/${unreachable}/follow-up`, { outcome: 'not_reached' })).toEqual({ state: 'closed' });
    expect((await queue()).find((i) => i.id === unreachable)).toBeDefined();
    await ok('specialist', `/api/appeals/${unreachable}/follow-up`, { outcome: 'not_reached' });
    await ok('specialist', `/api/appeals/${unreachable}/follow-up`, { outcome: 'not_reached' });
    expect((await get('specialist', `/api/appeals/${unreachable}`)).json().appeal).toMatchObject({
      state: 'closed',
      closedUnrated: 'not_reached',
      actions: [],
    });
    expect((await queue()).map((i) => i.id)).not.toContain(unreachable);
    const declined = await consultation();
    expect(await ok('specialist', `/api/appeals/${declined}/follow-up`, { outcome: 'declined' })).toEqual({ state: 'closed' });
    expect((await get('specialist', `/api/appeals/${declined}`)).json().appeal).toMatchObject({ closedUnrated: 'declined', actions: [] });
    expect((await queue()).map((i) => i.id)).not.toContain(declined);
  });

  it('counts by type in the figures and their Excel export', async () => {
    const today = shanghaiDate(new Date());
    const f = (await get('coordinator', `/api/appeals/figures?by=appeal_type&from=${today}&to=${today}`)).json();
    expect(f.rows.map((r: { key: string }) => r.key)).toEqual(['consultation', 'help', 'complaint', 'suggestion']);
    const c = f.rows[0];
    // Five consultations accepted today: one rated by the enterprise, two in follow-up calls, one never reached, one declined.
    expect(c).toMatchObject({
      name: '咨询',
      received: 5,
      selfRated: 1,
      followUpRated: 2,
      followUpSatisfied: 1,
      closedUnratedNotReached: 1,
      closedUnratedDeclined: 1,
    });
    const res = await get('coordinator', `/api/appeals/figures.xlsx?by=appeal_type&from=${today}&to=${today}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('诉求统计')!;
    expect(ws.getRow(1).getCell(1).value).toBe('诉求类型');
    expect([2, 3, 4, 5].map((n) => ws.getRow(n).getCell(1).value)).toEqual(['咨询', '求助', '投诉', '建议']);
    expect(ws.getRow(2).getCell(2).value).toBe(5);
  });
});
