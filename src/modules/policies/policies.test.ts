import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

let t: TestApp;
const cookies: Record<string, string> = {};

function call(user: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: { cookie: cookies[user]! }, ...(payload ? { payload } : {}) });
}

const body = {
  code: 'T-ZJTX-01',
  title: '宝安区关于支持专精特新企业高质量发展的若干措施',
  docNumber: '深宝府〔2026〕3号',
  issuer: '深圳市宝安区人民政府',
  level: 'district',
  category: '专精特新',
  effectiveFrom: '2026-01-01',
  effectiveTo: '2028-12-31',
  summary: '对新认定的国家级专精特新“小巨人”企业给予一次性奖励。',
  fullText: '第一条 为加快培育专精特新企业，制定本措施。第二条 对新认定的国家级专精特新“小巨人”企业给予一次性奖励50万元。',
  interpretation: '本措施支持专精特新企业。',
  benefit: '一次性奖励最高50万元',
  maxAmount: 50,
  industryCodes: ['C39', 'i'],
  autoGrant: true,
};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['policy', 'admin', 'leader', 'handler', 'enterprise']) cookies[u] = await t.login(u);
});
afterAll(() => t.close());

let id: number;

describe('policy library CRUD', () => {
  it('lets a policy officer create a draft that staff see and an enterprise does not', async () => {
    const res = await call('policy', 'POST', '/api/policies', body);
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    const staff = await call('leader', 'GET', `/api/policies/${id}`);
    expect(staff.statusCode, staff.body).toBe(200);
    expect(staff.json()).toMatchObject({
      code: 'T-ZJTX-01',
      status: 'draft',
      level: 'district',
      effectiveFrom: '2026-01-01',
      industryCodes: ['C39', 'I'],
      autoGrant: true,
      canEdit: false,
    });
    expect((await call('enterprise', 'GET', `/api/policies/${id}`)).statusCode).toBe(404);
    const list = await call('enterprise', 'GET', '/api/policies?pageSize=200');
    expect(list.json().items.map((p: { id: number }) => p.id)).not.toContain(id);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'policy')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['policy.create']);
  });

  it('refuses writes to other roles and enterprises', async () => {
    for (const u of ['enterprise', 'leader', 'handler']) {
      expect((await call(u, 'POST', '/api/policies', { ...body, code: `X-${u}` })).statusCode).toBe(403);
      expect((await call(u, 'PATCH', `/api/policies/${id}`, { title: '改标题' })).statusCode).toBe(403);
      expect((await call(u, 'POST', `/api/policies/${id}/publish`)).statusCode).toBe(403);
    }
  });

  it('names the wrong field', async () => {
    const bad = await call('policy', 'POST', '/api/policies', { ...body, code: 'T-2', level: 'county' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('level');
    const dates = await call('policy', 'POST', '/api/policies', { ...body, code: 'T-3', effectiveTo: '2025-01-01' });
    expect(dates.statusCode).toBe(400);
    expect(dates.json().error.details.fields[0].field).toBe('effectiveTo');
    const dup = await call('admin', 'POST', '/api/policies', body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.fields[0].field).toBe('code');
    const industry = await call('policy', 'POST', '/api/policies', { ...body, code: 'T-4', industryCodes: ['C399x'] });
    expect(industry.json().error.details.fields[0].field).toBe('industryCodes.0');
    // Issue 13: a class the standard lacks is refused (it was folded into C39); a real class is kept as a class.
    const noClass = await call('policy', 'POST', '/api/policies', { ...body, code: 'T-5', industryCodes: ['C3911', 'C3999'] });
    expect(noClass.statusCode).toBe(400);
    expect(noClass.json().error.details.fields[0]).toMatchObject({ field: 'industryCodes.1', message: expect.stringContaining('3999') });
    const byClass = await call('policy', 'POST', '/api/policies', { ...body, code: 'T-6', industryCodes: ['3911', 'c391'] });
    expect(byClass.statusCode).toBe(201);
    expect((await call('policy', 'GET', `/api/policies/${byClass.json().id}`)).json().industryCodes).toEqual(['C3911', 'C391']);
  });

  it('edits, publishes and archives with an audit row each', async () => {
    expect(
      (await call('policy', 'PATCH', `/api/policies/${id}`, { title: '宝安区支持专精特新企业高质量发展若干措施', effectiveTo: null }))
        .statusCode,
    ).toBe(204);
    const p = (await call('policy', 'GET', `/api/policies/${id}`)).json();
    expect(p).toMatchObject({ title: '宝安区支持专精特新企业高质量发展若干措施', effectiveTo: null, canEdit: true });
    const pub = await call('policy', 'POST', `/api/policies/${id}/publish`);
    expect(pub.statusCode, pub.body).toBe(204);
    expect((await call('policy', 'POST', `/api/policies/${id}/publish`)).statusCode).toBe(409);
    const seen = await call('enterprise', 'GET', `/api/policies/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ status: 'published', canEdit: false });
    const actions = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'policy')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['policy.create', 'policy.update', 'policy.publish']);
  });
});

describe('notices', () => {
  let noticeId: number;
  const now = Date.now();
  const notice = {
    title: '2026年专精特新企业奖励项目申报通知',
    body: '请符合条件的企业在规定时间内申报。',
    opensAt: new Date(now - 86_400_000).toISOString(),
    closesAt: new Date(now + 20 * 86_400_000).toISOString(),
    materials: [
      { name: '申请表', required: true },
      { name: '认定证书', required: false },
    ],
    declaredFields: ['revenue_last_year', 'rd_share'],
    reviewLevels: 2,
    budget: 500,
  };

  it('creates a draft notice, publishes it and shows enterprises the published one only', async () => {
    const bad = await call('policy', 'POST', `/api/policies/${id}/notices`, { ...notice, declaredFields: ['nonsense'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('declaredFields.0');
    const window = await call('policy', 'POST', `/api/policies/${id}/notices`, { ...notice, closesAt: notice.opensAt });
    expect(window.json().error.details.fields[0].field).toBe('closesAt');
    const res = await call('policy', 'POST', `/api/policies/${id}/notices`, notice);
    expect(res.statusCode, res.body).toBe(201);
    noticeId = res.json().id;
    expect((await call('enterprise', 'GET', `/api/policies/${id}/notices`)).json().items).toEqual([]);
    expect((await call('enterprise', 'GET', `/api/policy-notices/${noticeId}`)).statusCode).toBe(404);
    expect((await call('enterprise', 'POST', `/api/policy-notices/${noticeId}/publish`)).statusCode).toBe(403);
    expect((await call('policy', 'POST', `/api/policy-notices/${noticeId}/publish`)).statusCode).toBe(204);
    const items = (await call('enterprise', 'GET', `/api/policies/${id}/notices`)).json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: noticeId,
      status: 'published',
      open: true,
      reviewLevels: 2,
      declaredFields: ['revenue_last_year', 'rd_share'],
    });
    const open = (await call('enterprise', 'GET', '/api/policy-notices?open=1')).json();
    expect(open.items.map((n: { id: number }) => n.id)).toContain(noticeId);
    expect(
      (await call('policy', 'GET', `/api/policies?q=${encodeURIComponent('专精特新')}`))
        .json()
        .items.find((p: { id: number }) => p.id === id).openNotices,
    ).toBe(1);
  });

  it('edits a notice and withdraws it', async () => {
    expect(
      (await call('policy', 'PATCH', `/api/policy-notices/${noticeId}`, { budget: 800, materials: [{ name: '申请表', required: true }] }))
        .statusCode,
    ).toBe(204);
    const n = (await call('policy', 'GET', `/api/policy-notices/${noticeId}`)).json();
    expect(n).toMatchObject({ budget: 800, materials: [{ name: '申请表', required: true }] });
    expect((await call('policy', 'POST', `/api/policy-notices/${noticeId}/withdraw`)).statusCode).toBe(204);
    expect((await call('enterprise', 'GET', '/api/policy-notices?open=1')).json().items.map((x: { id: number }) => x.id)).not.toContain(
      noticeId,
    );
  });
});

describe('attachments', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  function upload(user: string, name: string, data: Buffer) {
    const boundary = 'qifu-boundary';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({
      method: 'POST',
      url: `/api/policies/${id}/attachments`,
      headers: { cookie: cookies[user]!, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
  }

  it("types by content, lets enterprises download published policies' files, refuses their uploads", async () => {
    expect((await upload('policy', 'evil.pdf', Buffer.from('MZ\x90\x00 not a pdf'))).statusCode).toBe(415);
    expect((await upload('enterprise', 'x.pdf', pdf)).statusCode).toBe(403);
    const res = await upload('policy', '政策原文.pdf', pdf);
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json().items[0];
    expect(file).toMatchObject({ fileName: '政策原文.pdf', mime: 'application/pdf', size: pdf.length });
    const down = await call('enterprise', 'GET', `/api/policies/${id}/attachments/${file.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(pdf)).toBe(true);
    expect((await call('policy', 'GET', `/api/policies/${id}`)).json().attachments).toHaveLength(1);
    expect((await call('policy', 'DELETE', `/api/policies/${id}/attachments/${file.id}`)).statusCode).toBe(204);
  });

  it('keeps the attachment limit when uploads arrive at once: one under the policy lock fills the last place', async () => {
    const created = await call('policy', 'POST', '/api/policies', { ...body, code: 'T-ZJTX-LIMIT' });
    expect(created.statusCode, created.body).toBe(201);
    const policyId: number = created.json().id;
    const uploader = await t.database.db.selectFrom('users').select('id').where('username', '=', 'policy').executeTakeFirstOrThrow();
    // One place left of the 30.
    await t.database.db
      .insertInto('policy_attachments')
      .values(
        Array.from({ length: 29 }, (_, i) => ({
          policy_id: policyId,
          file_name: `既有附件${i}.pdf`,
          mime: 'application/pdf',
          size: pdf.length,
          sha256: '0'.repeat(64),
          content: pdf,
          uploaded_by: uploader.id,
        })),
      )
      .execute();
    const saved = id;
    id = policyId;
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => upload('policy', `并发${i}.pdf`, pdf)));
    id = saved;
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes, results.map((r) => r.body).join('\n')).toEqual([201, 400, 400, 400, 400]);
    for (const r of results.filter((x) => x.statusCode === 400)) expect(r.json().error.message).toBe('每项政策最多 30 个附件');
    const { n } = await t.database.db
      .selectFrom('policy_attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('policy_id', '=', policyId)
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(30);
  });

  it('archives the policy: enterprises no longer see it', async () => {
    expect((await call('policy', 'POST', `/api/policies/${id}/archive`)).statusCode).toBe(204);
    expect((await call('enterprise', 'GET', `/api/policies/${id}`)).statusCode).toBe(404);
    expect((await call('policy', 'PATCH', `/api/policies/${id}`, { title: '再改' })).statusCode).toBe(409);
  });
});
