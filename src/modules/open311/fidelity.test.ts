import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { toXml } from './xml.ts';

// GeoReport v2 as a third-party client reads it: every field it sent comes back, in JSON and in
// XML, and the XML goes through a strict XML 1.0 parser (saxes, already installed with exceljs).
let t: TestApp;
let endpoint: string;
let apiKey: string;
let uscc: string;
let plainCode: string;
let placeCode: string;

beforeAll(async () => {
  t = await createTestApp();
  endpoint = `${await t.app.listen({ port: 0, host: '127.0.0.1' })}/open311/v2`;
  const admin = await t.login('admin');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/admin/api-clients',
    headers: { cookie: admin },
    payload: { name: 'Open311 保真', channel: 'hotline_12345', scopes: ['appeals:write', 'appeals:read'], ratePerMinute: 1000 },
  });
  apiKey = res.json<{ key: string }>().key;
  const db = t.database.db;
  uscc = (await db.selectFrom('enterprises').select('uscc').orderBy('id').executeTakeFirstOrThrow()).uscc;
  const item = (located: boolean) =>
    db.selectFrom('service_items').select('code').where('location_required', '=', located).orderBy('id').executeTakeFirstOrThrow();
  plainCode = (await item(false)).code;
  placeCode = (await item(true)).code;
});
afterAll(() => t.close());

interface XmlNode {
  name: string;
  text: string;
  children: XmlNode[];
}

/** Parses strictly (a forbidden character or a broken tag throws) into a small element tree. */
function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser();
  const root: XmlNode = { name: '#document', text: '', children: [] };
  const stack = [root];
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, text: '', children: [] };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (text) => {
    stack.at(-1)!.text += text;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  return root.children[0]!;
}

const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name)?.text;

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ api_key: apiKey, 'attribute[uscc]': uscc, ...fields }).toString(),
});

async function post(format: 'json' | 'xml', fields: Record<string, string>) {
  const res = await fetch(`${endpoint}/requests.${format}`, form(fields));
  return { status: res.status, text: await res.text() };
}

async function postJson(fields: Record<string, string>) {
  const res = await post('json', fields);
  return { status: res.status, body: JSON.parse(res.text) as [{ service_request_id?: string; code?: number; description?: string }] };
}

const WHERE = {
  lat: '22.5553',
  long: '113.8838',
  address_string: '宝安区新安街道创业二路 18 号',
  email: 'li.ming@example.com',
  media_url: 'https://img.example.com/lamp.jpg?size=large&v=2',
};

describe('Open311 fidelity', () => {
  it('returns the submitted lat/long, address, e-mail and media_url in JSON and in XML', async () => {
    const made = await postJson({ service_code: plainCode, description: '园区路灯损坏多日，夜间员工出行不安全。', ...WHERE });
    expect(made.status).toBe(201);
    const id = made.body[0].service_request_id!;

    const [json] = (await (await fetch(`${endpoint}/requests/${id}.json?api_key=${apiKey}`)).json()) as Record<string, unknown>[];
    expect(json).toMatchObject({
      lat: 22.5553,
      long: 113.8838,
      address: WHERE.address_string,
      email: WHERE.email,
      media_url: WHERE.media_url,
      description: '园区路灯损坏多日，夜间员工出行不安全。',
    });

    for (const url of [`${endpoint}/requests/${id}.xml?api_key=${apiKey}`, `${endpoint}/requests.xml?api_key=${apiKey}`]) {
      const doc = parseXml(await (await fetch(url)).text());
      expect(doc.name).toBe('service_requests');
      const request = doc.children.find((r) => child(r, 'service_request_id') === id)!;
      expect(child(request, 'lat')).toBe('22.5553');
      expect(child(request, 'long')).toBe('113.8838');
      expect(child(request, 'address')).toBe(WHERE.address_string);
      expect(child(request, 'email')).toBe(WHERE.email);
      expect(child(request, 'media_url')).toBe(WHERE.media_url);
    }

    // The office sees them on the appeal's page.
    const appealId = (await t.database.db.selectFrom('appeals').select('id').where('number', '=', id).executeTakeFirstOrThrow()).id;
    const detail = await t.app.inject({ url: `/api/appeals/${appealId}`, headers: { cookie: await t.login('specialist') } });
    expect(detail.json<{ appeal: unknown }>().appeal).toMatchObject({
      location: { address: WHERE.address_string, lat: 22.5553, long: 113.8838 },
      contactEmail: WHERE.email,
      mediaUrl: WHERE.media_url,
    });
  });

  it('keeps numeric lat/long sent in a JSON body', async () => {
    const res = await fetch(`${endpoint}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        api_key: apiKey,
        service_code: placeCode,
        description: '以 JSON 提交、坐标为数字的请求。',
        attribute: { uscc },
        lat: -33.5,
        long: 151,
      }),
    });
    expect(res.status).toBe(201);
    const [{ service_request_id: id }] = (await res.json()) as [{ service_request_id: string }];
    const [json] = (await (await fetch(`${endpoint}/requests/${id}.json?api_key=${apiKey}`)).json()) as Record<string, unknown>[];
    expect(json).toMatchObject({ lat: -33.5, long: 151 });
  });

  it('posts in XML too and reads a request without location as nulls, not the enterprise address', async () => {
    const made = await post('xml', { service_code: plainCode, description: '咨询研发费用加计扣除的申报时间。' });
    expect(made.status).toBe(201);
    const id = child(parseXml(made.text).children[0]!, 'service_request_id')!;
    const [json] = (await (await fetch(`${endpoint}/requests/${id}.json?api_key=${apiKey}`)).json()) as Record<string, unknown>[];
    expect(json).toMatchObject({ address: null, lat: null, long: null, email: null, media_url: null });
  });

  it('never emits a character XML 1.0 forbids, in requests, services, discovery and errors', async () => {
    const pasted = '第一行\u000b第二行\u0001\u0008\u001f\ufffe结束，来自 Word 的文本。';
    const made = await postJson({ service_code: plainCode, description: pasted, address_string: '路\u000c口' });
    expect(made.status).toBe(201);
    const xml = await (await fetch(`${endpoint}/requests.xml?api_key=${apiKey}`)).text();
    const doc = parseXml(xml);
    const request = doc.children.find((r) => child(r, 'service_request_id') === made.body[0].service_request_id)!;
    expect(child(request, 'description')).toBe('第一行\n第二行结束，来自 Word 的文本。');
    expect(child(request, 'address')).toBe('路\n口');
    // JSON keeps the text as given (JSON escapes it).
    const [json] = (await (await fetch(`${endpoint}/requests/${made.body[0].service_request_id}.json?api_key=${apiKey}`)).json()) as {
      description: string;
    }[];
    expect(json!.description).toBe(pasted);

    expect(parseXml(await (await fetch(`${endpoint}/services.xml`)).text()).name).toBe('services');
    expect(parseXml(await (await fetch(`${endpoint.replace(/\/v2$/, '')}/discovery.xml`)).text()).name).toBe('discovery');
    const error = await fetch(`${endpoint}/services/%0B%01.xml`);
    expect(error.status).toBe(404);
    expect(parseXml(await error.text()).name).toBe('errors');
  });

  it('strips forbidden characters at any depth of the XML writer, keeping allowed ones and astral characters', () => {
    const value = { a: ['x\u0000y', { b: 'tab\there\r\n', c: '\ud800lone \udc00 pair 😀' }], d: 'k\u000bl' };
    const xml = toXml('root', value);
    expect(() => parseXml(xml)).not.toThrow();
    expect(xml).toContain('<item>xy</item>');
    expect(xml).toContain('<b>tab\there\r\n</b>');
    expect(xml).toContain('<c>lone  pair 😀</c>');
    expect(xml).toContain('<d>k\nl</d>');
  });

  it('lets service_request_id override every other filter', async () => {
    const made = await postJson({ service_code: plainCode, description: '按编号查询时其他条件应被忽略。' });
    const id = made.body[0].service_request_id!;
    const query = `service_request_id=${id}&status=closed&service_code=NO-SUCH&start_date=2001-01-01T00:00:00Z&end_date=2001-01-02T00:00:00Z`;
    const found = (await (await fetch(`${endpoint}/requests.json?api_key=${apiKey}&${query}`)).json()) as { service_request_id: string }[];
    expect(found.map((r) => r.service_request_id)).toEqual([id]);
    // Even a value that is invalid on its own is ignored.
    const ignored = await fetch(`${endpoint}/requests.json?api_key=${apiKey}&service_request_id=${id}&status=pending&start_date=never`);
    expect(ignored.status).toBe(200);
    // Lists of nothing (a client joining an empty selection) filter nothing rather than break the query.
    for (const empty of ['service_request_id=,', 'service_code=,%20', 'status=,']) {
      const res = await fetch(`${endpoint}/requests.json?api_key=${apiKey}&${empty}`);
      expect(res.status, empty).toBe(200);
      expect(((await res.json()) as unknown[]).length, empty).toBeGreaterThan(0);
    }
  });

  it('requires a location for a service about a place and refuses invalid coordinates', async () => {
    const services = (await (await fetch(`${endpoint}/services.json`)).json()) as { service_code: string; description: string }[];
    expect(services.find((s) => s.service_code === placeCode)!.description).toContain('须提供位置');
    const text = '门口井盖缺失，车辆经过危险。';
    const without = await postJson({ service_code: placeCode, description: text });
    expect(without).toEqual({
      status: 400,
      body: [{ code: 400, description: `service_code ${placeCode} requires a location: lat and long, or address_string` }],
    });
    expect((await postJson({ service_code: placeCode, description: text, address_string: '新湖路 3 号' })).status).toBe(201);
    expect((await postJson({ service_code: placeCode, description: text, lat: '-90', long: '180' })).status).toBe(201);

    const refused: [Record<string, string>, string][] = [
      [{ lat: '90.0001', long: '113.9' }, 'lat must be a decimal number between -90 and 90'],
      [{ lat: '22.5', long: '-180.5' }, 'long must be a decimal number between -180 and 180'],
      [{ lat: 'north', long: '113.9' }, 'lat must be a decimal number between -90 and 90'],
      [{ lat: '22.5', long: '0x71' }, 'long must be a decimal number between -180 and 180'],
      [{ lat: 'NaN', long: '113.9' }, 'lat must be a decimal number between -90 and 90'],
      [{ lat: 'Infinity', long: '113.9' }, 'lat must be a decimal number between -90 and 90'],
      [{ lat: '22.5', long: '2e3' }, 'long must be a decimal number between -180 and 180'],
      [{ lat: '22.5' }, 'lat and long must be given together'],
      [{ email: 'not-an-address' }, 'email must be an e-mail address'],
      [{ media_url: 'javascript:alert(1)' }, 'media_url must be an http or https URL of at most 2000 characters'],
    ];
    for (const [fields, description] of refused) {
      const res = await postJson({ service_code: plainCode, description: text, ...fields });
      expect(res, JSON.stringify(fields)).toEqual({ status: 400, body: [{ code: 400, description }] });
    }
    const xml = await post('xml', { service_code: plainCode, description: text, lat: '200', long: '0' });
    expect(xml.status).toBe(400);
    expect(child(parseXml(xml.text).children[0]!, 'description')).toBe('lat must be a decimal number between -90 and 90');
  });

  it('accepts a request carrying only the attributes the service definition declares required', async () => {
    const def = (await (await fetch(`${endpoint}/services/${plainCode}.json`)).json()) as {
      attributes: { code: string; required: boolean }[];
    };
    const fields: Record<string, string> = { api_key: apiKey, service_code: plainCode, description: '只带必填属性的请求也应被受理。' };
    for (const a of def.attributes.filter((x) => x.required)) fields[`attribute[${a.code}]`] = a.code === 'uscc' ? uscc : 'x';
    const res = await fetch(`${endpoint}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    expect(res.status).toBe(201);
    // And leaving out a required one is what is refused.
    expect(def.attributes.find((a) => a.code === 'uscc')?.required).toBe(true);
  });

  it('says a multipart POST is in an unsupported encoding, not that the key is missing', async () => {
    const body = new FormData();
    body.set('api_key', apiKey);
    body.set('service_code', plainCode);
    body.set('description', '以 multipart 提交的请求。');
    const res = await fetch(`${endpoint}/requests.json`, { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([
      {
        code: 400,
        description: 'multipart/form-data is not supported: send the request as application/x-www-form-urlencoded (GeoReport v2)',
      },
    ]);
    const xml = await fetch(`${endpoint}/requests.xml`, { method: 'POST', body });
    expect(child(parseXml(await xml.text()).children[0]!, 'description')).toMatch(/^multipart\/form-data is not supported/);
  });
});
