import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

// A minimal Open311 client written from the GeoReport v2 specification: plain fetch, the
// standard's paths, form-encoded POST with api_key, and its field names.
let t: TestApp;
let endpoint: string;
let apiKey: string;
let uscc: string;

beforeAll(async () => {
  t = await createTestApp();
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const admin = await t.login('admin');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/admin/api-clients',
    headers: { cookie: admin },
    payload: { name: 'Open311 客户端', channel: 'hotline_12345', scopes: ['appeals:write', 'appeals:read'] },
  });
  apiKey = res.json<{ key: string }>().key;
  uscc = (await t.database.db.selectFrom('enterprises').select('uscc').orderBy('id').executeTakeFirstOrThrow()).uscc;
  const discovery = (await (await fetch(`${base}/open311/discovery.json`)).json()) as {
    endpoints: { specification: string; url: string; formats: string[] }[];
  };
  const ep = discovery.endpoints.find((e) => e.specification === 'http://wiki.open311.org/GeoReport_v2');
  expect(ep?.formats).toEqual(['application/json', 'text/xml']);
  endpoint = ep!.url;
});
afterAll(() => t.close());

interface Service {
  service_code: string;
  service_name: string;
  group: string;
  metadata: boolean;
  type: string;
}
interface Request {
  service_request_id: string;
  status: string;
  status_notes: string | null;
  service_code: string;
  agency_responsible: string | null;
  requested_datetime: string;
  updated_datetime: string;
  description: string;
  address: string | null;
}

async function postRequest(fields: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${endpoint}/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return {
    status: res.status,
    body: (await res.json()) as [{ service_request_id?: string; token?: string; code?: number; description?: string }],
  };
}

describe('Open311 GeoReport v2', () => {
  it('lists services (our service items) in JSON and XML, with a definition each', async () => {
    const services = (await (await fetch(`${endpoint}/services.json`)).json()) as Service[];
    expect(services.length).toBeGreaterThan(5);
    const first = services[0]!;
    expect(first).toMatchObject({ metadata: true, type: 'realtime' });
    expect(first.group).toBeTruthy();
    const xml = await fetch(`${endpoint}/services.xml`);
    expect(xml.headers.get('content-type')).toMatch(/text\/xml/);
    const text = await xml.text();
    expect(text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service><service_code>/);
    expect(text).toContain(`<service_code>${first.service_code}</service_code>`);
    const def = (await (await fetch(`${endpoint}/services/${first.service_code}.json`)).json()) as {
      service_code: string;
      attributes: { code: string }[];
    };
    expect(def.service_code).toBe(first.service_code);
    expect(def.attributes.map((a) => a.code)).toContain('uscc');
  });

  it('files a request with api_key and reads it back by id, by list filters and by token', async () => {
    const [service] = (await (await fetch(`${endpoint}/services.json`)).json()) as Service[];
    const posted = await postRequest(
      {
        api_key: apiKey,
        service_code: service!.service_code,
        description: '园区路灯损坏多日，夜间员工出行不安全。',
        'attribute[uscc]': uscc,
        first_name: '明',
        last_name: '李',
        phone: '13912345678',
        address_string: '宝安大道 1 号',
      },
      { 'idempotency-key': 'o311-1' },
    );
    expect(posted.status).toBe(201);
    const id = posted.body[0].service_request_id!;
    expect(id).toMatch(/^QF-\d{4}-\d{6}$/);
    expect(posted.body[0].token).toBe('o311-1');
    // The same Idempotency-Key gives the same request.
    const again = await postRequest(
      { api_key: apiKey, service_code: service!.service_code, description: '园区路灯损坏多日，夜间员工出行不安全。', account_id: uscc },
      { 'idempotency-key': 'o311-1' },
    );
    expect(again.body[0].service_request_id).toBe(id);

    const [one] = (await (await fetch(`${endpoint}/requests/${id}.json?api_key=${apiKey}`)).json()) as Request[];
    expect(one).toMatchObject({ service_request_id: id, status: 'open', service_code: service!.service_code });
    expect(one!.address).toBe('宝安大道 1 号');
    expect(one!.agency_responsible).toBeTruthy();
    expect(new Date(one!.requested_datetime).toISOString()).toBe(one!.requested_datetime);

    const list = (await (
      await fetch(`${endpoint}/requests.json?api_key=${apiKey}&status=open&service_code=${service!.service_code}`)
    ).json()) as Request[];
    expect(list.map((r) => r.service_request_id)).toContain(id);
    expect(await (await fetch(`${endpoint}/requests.json?api_key=${apiKey}&status=closed`)).json()).toEqual([]);
    const byToken = await (await fetch(`${endpoint}/tokens/o311-1.json?api_key=${apiKey}`)).json();
    expect(byToken).toEqual([{ service_request_id: id, token: 'o311-1' }]);

    // Declined by the front office: closed, with the reason as the status notes, in XML too.
    const appealId = (await t.database.db.selectFrom('appeals').select('id').where('number', '=', id).executeTakeFirstOrThrow()).id;
    const specialist = await t.login('specialist');
    const declined = await t.app.inject({
      method: 'POST',
      url: `/api/appeals/${appealId}/decline`,
      headers: { cookie: specialist },
      payload: { reason: '属物业管理范围，已告知企业联系园区物业' },
    });
    expect(declined.statusCode).toBe(200);
    const xml = await (await fetch(`${endpoint}/requests/${id}.xml?api_key=${apiKey}`)).text();
    expect(xml).toContain(
      `<service_requests><request><service_request_id>${id}</service_request_id><status>closed</status><status_notes>属物业管理范围，已告知企业联系园区物业</status_notes>`,
    );
  });

  it('answers errors in the standard format with the right status', async () => {
    const [service] = (await (await fetch(`${endpoint}/services.json`)).json()) as Service[];
    const noKey = await postRequest({ service_code: service!.service_code, description: '没有密钥的请求不应被受理。', account_id: uscc });
    expect(noKey.status).toBe(403);
    expect(noKey.body).toEqual([{ code: 403, description: 'api_key is required' }]);
    expect((await postRequest({ api_key: 'qf_nope', service_code: service!.service_code })).status).toBe(403);
    const noCode = await postRequest({ api_key: apiKey, description: '缺少服务代码的请求。', account_id: uscc });
    expect(noCode).toEqual({ status: 400, body: [{ code: 400, description: 'service_code is required' }] });
    const badUscc = await postRequest({
      api_key: apiKey,
      service_code: service!.service_code,
      description: '信用代码不正确的企业请求。',
      account_id: '123',
    });
    expect(badUscc.status).toBe(400);
    const unknown = await postRequest({
      api_key: apiKey,
      service_code: 'NO-SUCH',
      description: '不存在的服务代码的请求。',
      account_id: uscc,
    });
    expect(unknown.status).toBe(404);
    const missing = await fetch(`${endpoint}/requests/QF-1999-000001.xml?api_key=${apiKey}`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(
      /<errors><error><code>404<\/code><description>service_request_id QF-1999-000001 not found<\/description><\/error><\/errors>/,
    );
    expect((await fetch(`${endpoint}/requests.json`)).status).toBe(403);
    expect((await fetch(`${endpoint}/nothing.json`)).status).toBe(404);
  });
});
